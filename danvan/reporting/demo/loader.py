"""The demo's reports and models, made through the services as the demo users would."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from django.utils import timezone

from danvan.geo.models import AdminUnit, Level
from danvan.initiatives.bulk import BATCH_SIZE, NewInitiative, initiatives_bulk_create
from danvan.initiatives.models import Field, Initiative, InitiativeEvent, Status
from danvan.org.models import AuditEvent, Organization, OrganizationKind, User
from danvan.org.services import organization_create
from danvan.reporting.demo.figures import (
    _VILLAGE_A,
    _VILLAGE_B,
    BINH_LIEU,
    BINH_LIEU_PRESTIGIOUS,
    COMMUNE_FORM,
    MODEL_FIELD_SHARES,
    MODEL_PREFIX,
    MODEL_STATUS_SHARES,
    NAM_KHE,
    NAM_KHE_2023_MONEY,
    NINH_SON,
    NINH_SON_COMMUNES,
    OLD,
    TQ_MODELS,
    TQ_TOTALS,
    TQ_UPPER_ONLY,
    TQ_UPPER_PART,
    UONG_BI,
    UONG_BI_APPROVED,
    UONG_BI_SUBMITTED,
    UPPER_FORM,
    WORKS,
    _at,
    _insert,
    _Names,
    _rng,
    spread,
)
from danvan.reporting.models import Period, Submission
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import form_get, indicator_get, rollup
from danvan.reporting.services import due_date, period_ensure, submission_approve, values_upsert
from danvan.reporting.targets import targets_of


class _Loader:
    def __init__(self) -> None:
        self.users = {u.username: u for u in User.objects.filter(username__in=self.USERNAMES)}
        self.admin = self.users["admin"]
        self.forms = {code: form_get(user=self.admin, code=code) for code in (COMMUNE_FORM, UPPER_FORM)}
        self.periods: dict[int, Period] = {}
        self.existing = set(Submission.objects.filter(organization=None).values_list("form_id", "unit_id", "period_id"))
        self.dates: dict[tuple[datetime, datetime | None], list[int]] = defaultdict(list)
        self.created = {"reports": 0, "bulk models": 0, "commune organisations": 0}

    USERNAMES = ("admin", "tuyenquang", "quangninh", "namkhe", "uongbi", "ninhson")

    def period(self, year: int) -> Period:
        if year not in self.periods:
            self.periods[year] = period_ensure(period=period_get(str(year)))  # the demo stores what it reports
        return self.periods[year]

    def report(
        self,
        form_code: str,
        place: AdminUnit,
        year: int,
        values: dict[str, int],
        *,
        by: str,
        approve_by: str | None,
        rng: random.Random,
        late: bool = False,
    ) -> None:
        """One report, sent on a day before its deadline (or after, if `late`) and approved a few days later."""
        form, period = self.forms[form_code], self.period(year)
        if (form.pk, place.pk, period.pk) in self.existing:
            return
        submission, _result = values_upsert(
            actor=self.users[by],
            form=form,
            unit=place,
            period=period,
            values={(code, ""): value for code, value in values.items()},
            submit=True,
        )
        if approve_by:
            submission_approve(actor=self.users[approve_by], submission=submission)
        self.existing.add((form.pk, place.pk, period.pk))
        self.created["reports"] += 1
        due = due_date(form, period)
        sent = due + timedelta(days=rng.randint(1, 6)) if late else due - timedelta(days=rng.randint(0, 12))
        approved = _at(sent + timedelta(days=rng.randint(1, 6)), rng) if approve_by else None
        self.dates[(_at(sent, rng), approved)].append(submission.pk)

    def stamp_dates(self) -> None:
        """The services stamp "now": put each report on the day it would have been sent and approved,
        and its history (the audit rows the services wrote) on the same days, so the history reads
        what the status box shows: opened and keyed in two days before sending, submitted, approved."""
        when: dict[str, dict[str, datetime | None]] = {}
        for (sent, approved), ids in self.dates.items():
            opened = sent - timedelta(days=2)
            Submission.objects.filter(pk__in=ids).update(created_at=opened, submitted_at=sent, reviewed_at=approved)
            for pk in ids:
                when[str(pk)] = {
                    "report.open": opened,
                    "report.values": opened + timedelta(minutes=20),
                    "report.submit": sent,
                    "report.approve": approved,
                }
        self.dates.clear()
        rows = AuditEvent.objects.filter(target_type="reporting.submission", target_id__in=list(when))
        changed = []
        for event in rows.only("pk", "target_id", "verb", "at"):
            at = when[event.target_id].get(event.verb)
            if at is not None:
                event.at = at
                changed.append(event)
        AuditEvent.objects.bulk_update(changed, ["at"], batch_size=BATCH_SIZE)

    def unit(self, code: str) -> AdminUnit:
        return AdminUnit.objects.get(era_id=OLD, code=code)

    def recorded(self, place: AdminUnit, year: int, codes) -> dict[str, int]:
        """What the records (Three Together activities, prestigious persons…) already count, before
        this year's reports are typed: the reports carry only the rest, so the totals stay the field
        notes' and nothing is counted twice. Needs the engagement demo loaded first."""
        out = {}
        for code in codes:
            indicator = indicator_get(user=self.admin, code=code)
            if indicator.source != indicator.Source.BOTH:
                out[code] = 0
                continue
            out[code] = int(rollup(user=self.admin, unit=place, indicator=indicator, period=self.period(year)).value)
        return out

    # --- Tuyên Quang ----------------------------------------------------------------------------

    def tuyen_quang(self) -> None:
        province = self.unit("08")
        communes = list(AdminUnit.objects.filter(era_id=OLD, path__startswith=province.path, level=Level.COMMUNE))
        communes.sort(key=lambda u: u.path)
        targets_of([province.pk, *(c.pk for c in communes)])  # compile the roll-up map once, not per report
        sizes = [_rng("tq-size", c.code).uniform(0.6, 1.6) for c in communes]  # a commune is as big every year
        fronts = self.commune_fronts(communes)
        for year in (2023, 2024):  # in order, so each year's reports compare with the one before
            totals, upper = TQ_TOTALS[year], TQ_UPPER_PART[year]
            recorded = self.recorded(province, year, totals)
            per_commune: dict[str, list[int]] = {}
            for code, total in totals.items():
                if code in TQ_UPPER_ONLY:
                    continue
                jitter = _rng("tq", year, code)
                weights = [s * jitter.uniform(0.8, 1.2) for s in sizes]
                per_commune[code] = spread(max(0, total - upper.get(code, 0) - recorded[code]), weights)
            rng = _rng("tq-dates", year)
            for i, commune in enumerate(communes):
                values = {code: parts[i] for code, parts in per_commune.items()}
                self.report(
                    COMMUNE_FORM, commune, year, values, by="tuyenquang", approve_by="tuyenquang", rng=rng,
                    late=rng.random() < 0.06,
                )  # fmt: skip
            own = {code: upper.get(code, max(0, totals[code] - recorded[code])) for code in (*upper, *TQ_UPPER_ONLY)}
            self.report(UPPER_FORM, province, year, own, by="tuyenquang", approve_by="admin", rng=rng)
            self.models(province, communes, sizes, fronts, year)

    def commune_fronts(self, communes: list[AdminUnit]) -> dict[int, Organization]:
        """Each commune's Fatherland Front committee, which owns most of the commune's models."""
        kind = OrganizationKind.objects.get(code="mttq")
        names = {c.pk: f"Ủy ban MTTQ Việt Nam {c.name[0].lower()}{c.name[1:]}" for c in communes}
        found = {
            o.unit_id: o
            for o in Organization.objects.filter(unit__in=communes, kind=kind).select_related("unit")
            if o.name == names[o.unit_id]
        }
        for c in communes:
            if c.pk not in found:
                found[c.pk] = organization_create(actor=self.users["tuyenquang"], name=names[c.pk], kind=kind, unit=c)
                self.created["commune organisations"] += 1
        return found

    def models(
        self,
        province: AdminUnit,
        communes: list[AdminUnit],
        sizes: list[float],
        fronts: dict[int, Organization],
        year: int,
    ) -> None:
        """Top the models registry up to the year's count, in the communes; none if this year's were made."""
        generated = Initiative.objects.filter(year=year, unit__in=communes, name__startswith=MODEL_PREFIX)
        if generated.exists():
            return
        indicator = indicator_get(user=self.admin, code="models_registered")
        counted = rollup(user=self.admin, unit=province, indicator=indicator, period=self.period(year)).value
        wanted = TQ_MODELS[year] - int(counted)  # the models registry may hold a few already (initiatives.demo)
        if wanted <= 0:
            return
        actor = self.users["tuyenquang"]
        province_orgs = {
            o.kind_id: o for o in Organization.objects.filter(unit=province).select_related("kind", "unit")
        }
        rng = _rng("tq-models", year)
        counts = spread(wanted, [s * rng.uniform(0.8, 1.2) for s in sizes])
        fields = [f for f, share in MODEL_FIELD_SHARES for _i in range(round(share * 100))]  # to draw from
        items: list[NewInitiative] = []
        for commune, n in zip(communes, counts, strict=True):
            villages = self.villages(commune)
            place = f"{commune.name[0].lower()}{commune.name[1:]}"
            names = _Names(WORKS, villages, rng)
            for _k in range(n):
                field = rng.choice(fields)
                owner = fronts[commune.pk]
                if field == Field.DEFENCE_SECURITY and rng.random() < 0.4:
                    owner = province_orgs.get("cong-an", owner)
                elif field == Field.ECONOMIC and rng.random() < 0.3:
                    owner = province_orgs.get("hoi-lhpn", owner)
                elif field == Field.CULTURAL_SOCIAL and rng.random() < 0.2:
                    owner = province_orgs.get("doan-thanh-nien", owner)
                items.append(
                    NewInitiative(
                        name=f"{MODEL_PREFIX} {names.next(field)}, {place}",
                        field=field,
                        unit=commune,
                        organization=owner,
                        year=year,
                    )
                )
        made = initiatives_bulk_create(actor=actor, items=items, source=f"demo: Tuyên Quang {year}")
        shares = [round(share * 1000) for _s, share in MODEL_STATUS_SHARES]
        statuses = [s for (s, _share), n in zip(MODEL_STATUS_SHARES, spread(len(made), shares), strict=True)
                    for _i in range(n)]  # fmt: skip
        rng.shuffle(statuses)
        self.advance(made, statuses, actor=actor, year=year, rng=rng)
        self.created["bulk models"] += len(made)

    @staticmethod
    def villages(commune: AdminUnit) -> list[str]:
        """Villages (thôn) of a rural commune; residential groups (tổ dân phố) of a ward or township."""
        rng = _rng("tq-villages", commune.code)
        if commune.name.startswith(("Phường", "Thị trấn")):
            return [f"tổ dân phố {n}" for n in range(1, rng.randint(8, 16))]
        return sorted({f"thôn {rng.choice(_VILLAGE_A)} {rng.choice(_VILLAGE_B)}" for _i in range(rng.randint(8, 16))})

    @staticmethod
    def advance(models: list[Initiative], statuses: list[str], *, actor: Any, year: int, rng: random.Random) -> None:
        """Draft → registered → recognised → typical, with the events and audit rows `initiative_transition` writes,
        each step on its day of `year`: registered in spring, recognised in summer, typical by autumn."""
        chain = [Status.DRAFT, Status.REGISTERED, Status.RECOGNISED, Status.TYPICAL]
        days = {Status.DRAFT: 0, Status.REGISTERED: 3, Status.RECOGNISED: 120, Status.TYPICAL: 200}
        created = [_at(date(year, 2, 5) + timedelta(days=20 * g), rng) for g in range(6)]  # six groups, 20 days apart
        now, label = timezone.now(), Initiative._meta.label_lower
        events, audits = [], []
        groups: dict[tuple[int, str], list[int]] = defaultdict(list)  # (group, final status) -> ids
        for model, status in zip(models, statuses, strict=True):
            g = rng.randrange(len(created))
            groups[(g, status)].append(model.pk)
            for frm, to in pairwise(chain[: chain.index(status) + 1]):
                at = created[g] + timedelta(days=days[to])
                events.append({"initiative": model.pk, "kind": "transition", "from_status": frm, "to_status": to,
                               "actor": actor.pk, "at": at, "comment": "", "changes": {}})  # fmt: skip
                audits.append({"at": now, "actor": actor.pk, "verb": "initiative.transition", "target_type": label,
                               "target_id": str(model.pk), "data": {"frm": frm, "to": to}})  # fmt: skip
        _insert(InitiativeEvent, events)
        _insert(AuditEvent, audits)
        for (g, status), ids in sorted(groups.items()):
            for start in range(0, len(ids), BATCH_SIZE):
                chunk = ids[start : start + BATCH_SIZE]
                Initiative.objects.filter(pk__in=chunk).update(
                    status=status, created_at=created[g], updated_at=created[g] + timedelta(days=days[status])
                )
                InitiativeEvent.objects.filter(initiative_id__in=chunk, to_status=Status.DRAFT).update(at=created[g])

    # --- Quảng Ninh and Ninh Sơn ----------------------------------------------------------------

    def quang_ninh(self) -> None:
        binh_lieu = list(self.unit(BINH_LIEU).children.filter(level=Level.COMMUNE).order_by("code"))
        uong_bi = {c.code: c for c in self.unit(UONG_BI).children.filter(level=Level.COMMUNE)}
        targets_of([c.pk for c in binh_lieu] + [c.pk for c in uong_bi.values()])
        rng = _rng("qn", 2024)
        known = self.recorded(self.unit(BINH_LIEU), 2024, ["prestigious_persons"])["prestigious_persons"]
        persons = spread(max(0, BINH_LIEU_PRESTIGIOUS - known), [rng.uniform(0.6, 1.4) for _c in binh_lieu])
        for commune, n in zip(binh_lieu, persons, strict=True):
            values = {"prestigious_persons": n, "dialogues_held": rng.randint(4, 12)}
            self.report(COMMUNE_FORM, commune, 2024, values, by="quangninh", approve_by="quangninh", rng=rng)
        self.report(
            COMMUNE_FORM, uong_bi[NAM_KHE], 2023, {"money_mobilised": NAM_KHE_2023_MONEY, "workdays": 420},
            by="namkhe", approve_by="uongbi", rng=rng,
        )  # fmt: skip
        for code in UONG_BI_SUBMITTED + UONG_BI_APPROVED:
            received = rng.randint(6, 30)
            values = {
                "tt_party_cells": rng.randint(3, 9),
                "tt_cadres": rng.randint(40, 160),
                "tt_people": rng.randint(600, 2_400),
                "tt_villages": rng.randint(6, 20),
                "money_mobilised": rng.randint(20, 240) * 1_000_000,
                "workdays": rng.randint(150, 900),
                "petitions_received": received,
                "petitions_resolved": received - rng.randint(0, 3),
                "dialogues_held": rng.randint(2, 10),
            }
            approve_by = "uongbi" if code in UONG_BI_APPROVED else None
            late = code == UONG_BI_SUBMITTED[-1]
            self.report(
                COMMUNE_FORM, uong_bi[code], 2024, values, by="quangninh", approve_by=approve_by, rng=rng, late=late
            )

    def ninh_son(self) -> None:
        rng = _rng("ns", 2024)
        district = {"tt_party_cells": 21, "tt_cadres": 640, "tt_communes": 36, "tt_villages": 118, "dialogues_held": 14}
        self.report(UPPER_FORM, self.unit(NINH_SON), 2024, district, by="ninhson", approve_by="admin", rng=rng)
        for code in NINH_SON_COMMUNES:
            values = {"tt_people": rng.randint(900, 2_000), "tt_villages": rng.randint(8, 14), "houses_helped": 3}
            self.report(COMMUNE_FORM, self.unit(code), 2024, values, by="ninhson", approve_by="admin", rng=rng)
