"""Timing helpers shared by the benchmarks: wall time, query count, median and best."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def counted(fn: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def fmt(seconds: list[float]) -> str:
    med, low = statistics.median(seconds), min(seconds)
    if med >= 1:
        return f"{med:8.3f} s  {low:8.3f} s"
    return f"{med * 1000:8.1f} ms {low * 1000:8.1f} ms"
