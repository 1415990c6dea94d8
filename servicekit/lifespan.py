"""What an app's lifespan opened, held for its handlers while the app runs."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Running(Generic[T]):
    """Set by the lifespan once what it opens is ready (requests are served, and readiness says
    so, from then on) and cleared on the way out; handlers ``get()`` it."""

    def __init__(self) -> None:
        self._value: T | None = None

    def set(self, value: T) -> None:
        self._value = value

    def clear(self) -> None:
        self._value = None

    @property
    def ready(self) -> bool:
        return self._value is not None

    def get(self) -> T:
        if self._value is None:
            raise RuntimeError("the app is not started (lifespan not run)")
        return self._value
