"""Plumbing every service uses the same way: settings, MongoDB, the bus, the outbox relay,
idempotent consumers, health, metrics and logs. It imports no service."""
