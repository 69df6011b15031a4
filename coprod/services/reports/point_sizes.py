"""Type sizes every report form shares (the print styles and the on-screen preview), kept
apart from the print styles so the preview does not load ReportLab to learn them."""

BODY_PT, EASY_PT = 12, 16
