"""The demo's programme: Tuyên Quang's Project 02 (2021–2025), with targets of each kind over its reports.

Set on the old map, where Tuyên Quang's communes reported 2023 and 2024, so the province manager
sees its progress per commune (and the dashboard of the 2024 map shows it in its Programmes panel).
The values are chosen so that the statuses differ: a total reached, a total and a per-commune
minimum short of their goal, a share met. A handful of service calls: the load stays quick.
"""

from __future__ import annotations

from datetime import date

from danvan.geo.models import AdminUnit
from danvan.org.models import Organization, User
from danvan.reporting.demo.figures import OLD
from danvan.reporting.models import Programme
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import indicator_get
from danvan.reporting.services import programme_create, target_set

NAME = "Đề án 02-ĐA/TU “Dân vận khéo” gắn với phong trào thi đua yêu nước, giai đoạn 2021–2025"


def load() -> dict[str, int]:
    """Create the programme and its targets unless it exists; returns how many programmes were created."""
    province = AdminUnit.objects.get(era_id=OLD, code="08")
    if Programme.objects.filter(unit=province, name=NAME).exists():
        return {"programmes": 0}
    actor = User.objects.get(username="tuyenquang")
    admin = User.objects.get(username="admin")
    issuer = Organization.objects.filter(unit__era_id="2025", unit__code="08").order_by("pk").first()
    programme = programme_create(
        actor=actor,
        name=NAME,
        document_number="02-ĐA/TU",
        document_title="Đề án đẩy mạnh phong trào thi đua “Dân vận khéo” gắn với phong trào thi đua yêu nước",
        issuer=issuer if issuer is not None and province.path.startswith(issuer.unit.path) else None,
        unit=province,
        start=date(2021, 1, 1),
        end=date(2025, 12, 31),
    )

    def ind(code: str):  # type: ignore[no-untyped-def]
        return indicator_get(user=admin, code=code)

    target_set(actor=actor, programme=programme, indicator=ind("houses_helped"), value=500)  # 574 built: done
    target_set(actor=actor, programme=programme, indicator=ind("tt_people"), value=300_000)  # 264,900: behind
    target_set(
        actor=actor, programme=programme, indicator=ind("houses_helped"), value=250, due_period=period_get("2023")
    )  # 268 by the end of 2023: done
    target_set(
        actor=actor,
        programme=programme,
        kind="per_unit_below",
        level="commune",
        indicator=ind("houses_helped"),
        value=2,
    )  # every commune helps at least two families: most do, not all
    target_set(
        actor=actor, programme=programme, kind="per_unit_below", level="commune", indicator=ind("tt_villages"), value=35
    )
    target_set(
        actor=actor,
        programme=programme,
        kind="share",
        indicator=ind("models_recognised"),
        denominator=ind("models_registered"),
        value=20,
    )  # a fifth of the registered models recognised
    return {"programmes": 1}
