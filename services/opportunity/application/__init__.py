"""Use cases: one async function per mutation, taking a command, the caller and the ports."""
