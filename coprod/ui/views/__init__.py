"""One page per part of the loop, shown by the main window."""
