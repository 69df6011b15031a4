"""Figures: the lag engine (per recommendation and per team) and the dashboard built on it."""
