"""The gateway process (deploy/processes.py)."""
