"""Dialogs: each collects what one action needs and shows refused rules inside itself."""
