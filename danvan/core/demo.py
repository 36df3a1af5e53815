"""Demo data from the field notes. Idempotent: every loader gets or creates by natural key."""

from __future__ import annotations

from django.db import transaction

ACCOUNTS = [
    ("admin", "national administrator (superuser)"),
    ("quangninh", "manager of Quảng Ninh province"),
    ("tuyenquang", "manager of Tuyên Quang province"),
    ("namkhe", "reporter of Nam Khê ward, Uông Bí (Quảng Ninh)"),
    ("uongbi", "reviewer of Uông Bí city (Quảng Ninh), the level above Nam Khê"),
    ("ninhson", "reporter of Ninh Sơn district (Ninh Thuận, now Khánh Hòa)"),
]
DEMO_PASSWORD = "demo"  # noqa: S105 - printed on screen on purpose: these are demo accounts


@transaction.atomic
def load_demo(*, models: bool = True) -> dict[str, int]:
    """Each app contributes its part, in dependency order; `models=False` stops after the accounts."""
    from danvan.engagement.demo import activities as demo_activities
    from danvan.engagement.demo import petitions as demo_petitions
    from danvan.initiatives import demo as initiatives_demo
    from danvan.org import demo as org_demo
    from danvan.portal.demo import models as portal_models_demo
    from danvan.portal.demo import stories as stories_demo
    from danvan.recognition import demo as recognition_demo
    from danvan.reporting import demo as reporting_demo

    summary: dict[str, int] = {}
    summary.update(org_demo.load())
    if models:
        summary.update(initiatives_demo.load())
        summary.update(demo_activities.load())  # before the reports: they type only what the records lack
        summary.update(demo_petitions.load())
        summary.update(recognition_demo.load())  # before the reports: the commended are read from the decisions
        summary.update(reporting_demo.load())  # after the models: it tops Tuyên Quang's up to the year's count
        summary.update(portal_models_demo.load())  # publishes some of Tuyên Quang's recognised models
        summary.update(stories_demo.load())  # the portal's stories link the models above
    return summary
