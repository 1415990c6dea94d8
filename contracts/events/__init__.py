"""Event data models, one module per subject kind."""
