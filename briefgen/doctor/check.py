"""One line of `briefgen doctor`'s report: ok, warn or fail, the topic and what to do."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Check:
    status: str
    topic: str
    message: str

    def line(self) -> str:
        return f"{self.status:<4}  {self.topic}: {self.message}"


Checks = Iterator[Check]
