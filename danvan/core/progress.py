"""Progress of a background job, written now and then so its page can show it.

Every job that reports progress (imports, the roll-up rebuild) has `total` and `done` columns and
goes through `Progress`. Each write is a single UPDATE outside the job's own transaction, so a
page polling the job sees it move while the work itself stays all or nothing.
"""

from __future__ import annotations

import time
from typing import Any

EVERY = 0.5  # seconds between progress writes


class Progress:
    """Counts a job's work and writes `done` (and `total`) to its row at most every `every` seconds."""

    def __init__(self, job: Any, *, every: float = EVERY) -> None:
        self.job = job
        self.every = every
        self.last = time.monotonic()

    def _write(self, **values: int) -> None:
        type(self.job).objects.filter(pk=self.job.pk).update(**values)
        self.last = time.monotonic()

    def start(self, total: int) -> None:
        """The amount of work is known: show it, with nothing done yet."""
        self.job.total, self.job.done = total, 0
        self._write(total=total, done=0)

    def tick(self, done: int, *, force: bool = False) -> None:
        self.job.done = done
        if force or time.monotonic() - self.last >= self.every:
            self._write(done=done)

    def finish(self) -> None:
        """Everything counted is done (written now, whatever the clock)."""
        self.tick(self.job.total, force=True)
