"""Print benchmark figures in one readable block."""

from __future__ import annotations


def report(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    print(f"\n== {title}")
    for label, value in rows:
        print(f"   {label.ljust(width)}  {value}")
