"""coprod: a co-production feedback manager for council adult social care teams."""

__version__ = "0.1.0"
