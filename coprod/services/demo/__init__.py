"""The demo: a realistic, deterministic London borough's adult social care co-production loop,
its words and its risk register.
"""
