"""One row of BENCHMARKS.md and the cell formats every part of the bench shares."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    """One line of the table."""

    figure: str
    ours: str
    baseline: str
    ratio: str
    target: str
    met: str
    command: str


def kb(n: float) -> str:
    """Bytes as KB."""
    return f"{n / 1024:,.0f} KB"


def yes(ok: bool) -> str:
    """Met / missed marker."""
    return "met" if ok else "MISSED"
