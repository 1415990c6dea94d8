"""Where consumers keep their sequence guards.

A consumer applies an event only when its ``sequence`` is newer than the last one applied for
its subject, and records the new sequence in the same transaction as the event's effect, so
"applied" and the effect are written together or not at all. Guards of subjects that have no
document of their own in the consumer's copy (pipelines, users) live in this collection, keyed
``"<kind>:<subject>"``.
"""

from __future__ import annotations

APPLIED_SEQUENCES = "applied_sequences"
