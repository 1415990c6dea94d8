"""Adapters: MongoDB repositories (each write in one transaction with its outbox rows)."""
