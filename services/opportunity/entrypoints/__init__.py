"""The service's processes, each run as ``python -m <module>``; the long-running ones are listed
in the process table (deploy/processes.py)."""
