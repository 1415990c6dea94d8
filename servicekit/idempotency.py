"""Where consumers keep their sequence guards: one document per subject (``<kind>:<id>``) with
the newest sequence applied, written in the same transaction as the handler's effect, so
"applied" and the effect are written together or not at all."""

from __future__ import annotations

APPLIED_SEQUENCES = "applied_sequences"
