"""Accounts (customer companies) and contacts: search, the account page, edits and merges."""
