"""Demo reports from the field notes, so the roll-ups read what the provinces read out.

Tuyên Quang's 2024 figures (1,008 Party cells, 33,800 cadres, 140,300 people, 822 commune and
5,061 village visits, 306 houses, 71 + 86 commended) are spread over its 137 communes' annual
reports and the province's own report, so the province reads them exactly on both maps; its
7,604 models are rows of the models registry (models are counted, never typed). 2023 follows
with lower figures for comparison. Quảng Ninh gets Bình Liêu's 119 prestigious persons, Nam
Khê's 185 million VND of 2023, a review queue for Uông Bí and communes still missing; Ninh Sơn
a district report.

Reports go through the services as the demo users would send them: the province's office keys
in its communes' paper reports (`values_upsert`, as an import does) and the level above
approves. The old province's own report has nobody above it in the demo but the national
administrator, who approves it. The services stamp "now"; the dates are then set to when each
report would have been sent (a few late), as `initiatives.demo` does for timelines. Models are
created in bulk through `initiatives.bulk` (all its checks, search text, timeline and audit) and
moved up their lifecycle with the same events and audit rows `initiative_transition` writes.

Everything is spread by seeded draws with the largest-remainder rule, so the parts are whole
numbers summing exactly to the field notes' totals and every load makes the same data.
Idempotent: a report that exists is skipped, a year whose generated models exist is skipped.
Tuyên Quang's Project 02 (`programmes`) sets targets over these reports.
"""

from __future__ import annotations

from danvan.reporting.demo import programmes
from danvan.reporting.demo.figures import MODEL_PREFIX, TQ_MODELS, UONG_BI_SUBMITTED, spread
from danvan.reporting.demo.loader import _Loader

__all__ = ["MODEL_PREFIX", "TQ_MODELS", "UONG_BI_SUBMITTED", "load", "spread"]


def load() -> dict[str, int]:
    """Create what is missing; returns how many of each were created (all zero on a second run)."""
    loader = _Loader()
    loader.tuyen_quang()
    loader.quang_ninh()
    loader.ninh_son()
    loader.stamp_dates()
    return {**loader.created, **programmes.load()}  # after the reports: the programme reads them
