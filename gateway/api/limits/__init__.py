"""Abuse limits: request size and batch size before parsing, then depth, aliases, page sizes and a
cost budget before validation. Errors never echo the limits' values."""
