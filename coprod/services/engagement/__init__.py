"""Engagement: strategies, owners, sessions and quick capture of what residents said, and the
queue of writes waiting for a busy database.
"""
