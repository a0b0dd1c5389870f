"""The error strict mode raises, so callers can stop at the first bad record."""

from __future__ import annotations

from kg.errors import InputError
from kg.models import Problem


class IngestError(InputError):
    """Raised in strict mode at the first bad input; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
