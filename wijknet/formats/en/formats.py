"""The app's one date style (wijknet.core.formatting): 3 December 2026, 3 December 2026, 14:05."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
