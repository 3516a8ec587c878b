"""Validation problems, located in a file: shared by the events, crisis and story loaders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One validation problem, located in a file."""

    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        reason = self.reason.replace("\r", "\\r").replace("\n", "\\n")  # one problem, one line
        return f"{self.file}:{self.line}: {self.field}: {reason}"


class EventsValidationError(ValueError):
    """Raised with every problem found in the events files, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
