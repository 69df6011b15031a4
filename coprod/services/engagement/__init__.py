"""Engagement: strategies, owners, sessions and quick capture of what residents said, their read
models (the tables the app shows), and the queue of writes waiting for a busy database."""
