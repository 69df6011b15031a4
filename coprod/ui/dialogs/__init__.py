"""Dialogs: editors and the questions an action needs answered before it runs."""
