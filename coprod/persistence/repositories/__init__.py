"""Query functions: keyword-only, explicit session, plain values out where views need them."""
