"""What a unit's review report (báo cáo tổng kết) says for a period, read from the live roll-ups and the registers.

Every headline figure is a `reporting.selectors.rollup` answer for the unit on its own map, so the
document can never disagree with the dashboard; the record sections (models, Three Together,
petitions, dialogues, prestigious persons, awards) repeat the roll-up figures they concern and add
the detail only the registers have (by field, by kind, on time), each read through its app's own
selector for the same user, over the unit's area in both map eras (`geo.lineage.area_q`).

The documents app sits below the apps it reads here: the layer contract lets this one module
import them (`pyproject.toml`, `[tool.importlinter]`), and nothing in those apps imports it.
Query count: a fixed number per indicator and per programme, whatever the number of units below.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from danvan.core.dates import days_q
from danvan.core.errors import DomainError, NotFound
from danvan.documents.review.contents import Cell, Chart, Figure, ReviewContents, Section, Series, Table
from danvan.engagement.indicators.petitions import RESOLVED
from danvan.engagement.models import Dialogue, PrestigiousPerson
from danvan.engagement.models.petitions import PetitionKind
from danvan.engagement.petition_rules import deadlines
from danvan.engagement.selectors.activities import ActivityFilters, activity_list, activity_totals
from danvan.engagement.selectors.dialogues import DialogueFilters, dialogue_list
from danvan.engagement.selectors.persons import PersonFilters, person_list
from danvan.engagement.selectors.petitions import PetitionFilters, petition_list
from danvan.geo.lineage import in_area
from danvan.geo.models import AdminUnit
from danvan.initiatives.indicators import REGISTERED
from danvan.initiatives.models import Field, Status
from danvan.initiatives.selectors import InitiativeFilters, InitiativeStats, initiative_list, initiative_stats
from danvan.org.access import Action, can, scope_roots
from danvan.recognition.models import Subject
from danvan.recognition.selectors.register import RegisterFilter, register_list
from danvan.reporting.models import Indicator, Period, PeriodType, Programme
from danvan.reporting.periods import period_previous
from danvan.reporting.selectors import indicator_list, programme_list, programme_progress
from danvan.reporting.selectors.bulk import Rollups, rollups_bulk
from danvan.reporting.selectors.rollups import RollupRow

# the headline indicators (the dashboard's tiles: every active indicator), grouped as the report tells them
MODEL_CODES = ("models_registered", "models_recognised", "models_typical")
THREE_TOGETHER_CODES = (
    "tt_party_cells",
    "tt_cadres",
    "tt_people",
    "tt_communes",
    "tt_villages",
    "houses_helped",
    "money_mobilised",
    "workdays",
)
PETITION_CODES = ("petitions_received", "petitions_resolved")
DIALOGUE_CODES = ("dialogues_held",)
PERSON_CODES = ("prestigious_persons",)
AWARD_CODES = ("awards_collective", "awards_individual")
NOT_CHARTED = ("money_mobilised",)  # billions of đồng beside tens of models: a chart of its own, not this one
TYPICAL_LISTED = 50  # typical and commended models named in the report; the rest are counted
WORKING = tuple(REGISTERED)  # the working models: initiative_stats' "total", the roll-up's "registered"
SHOWN_STATUSES = (*WORKING, Status.RETURNED, Status.DISCONTINUED)  # drafts are nobody's result yet


@dataclass
class _Reach:
    """Where the report's figures come from: the unit itself, or (a narrower scope) the user's units inside it."""

    whole: bool
    units: list[AdminUnit]


@dataclass
class _Headline:
    indicator: Indicator
    figure: Figure
    rows: list[RollupRow]  # by child unit (the whole unit), or one per unit of a narrower scope


def review_contents(*, user: Any, unit: AdminUnit, period: Period) -> ReviewContents:
    """The report of `unit` (on its own map) for `period`, as far as `user` may see it; NotFound outside scope."""
    reach = _reach(user, unit)
    previous = period_previous(period)
    today = timezone.localdate()
    headlines, notes = _headlines(user, unit, reach, period, previous)
    by_code = {h.indicator.code: h.figure for h in headlines}

    def figures(codes: Iterable[str]) -> list[Figure]:
        return [replace(by_code[c]) for c in codes if c in by_code]

    counts: list[int] = []
    sections = [
        _figures_section(unit, reach, headlines, notes, period, previous),
        _models_section(user, unit, period, figures(MODEL_CODES), counts),
        _three_together_section(user, unit, period, figures(THREE_TOGETHER_CODES), counts),
        _petitions_section(user, unit, period, figures(PETITION_CODES), counts, today),
        _dialogues_section(user, unit, period, figures(DIALOGUE_CODES), counts),
        _persons_section(user, unit, period, figures(PERSON_CODES), counts, today),
        _programmes_section(user, unit, period, today),
        _awards_section(user, unit, period, figures(AWARD_CODES), counts),
    ]
    empty = all(h.figure.value is None for h in headlines) and not any(counts)
    return ReviewContents(
        unit_name=unit.name,
        unit_path=unit.path.rstrip("/"),
        era=unit.era_id,
        period_code=period.code,
        period_label=period_label(period),
        previous_label=period_label(previous) if previous is not None else "",
        sections=sections,
        scope_note=_scope_note(reach),
        empty=empty,
    )


# --- who sees what ------------------------------------------------------------------------------------


def _reach(user: Any, unit: AdminUnit) -> _Reach:
    """The whole unit when the user may see it; else the user's units inside it (NotFound when none is)."""
    if can(user, Action.VIEW, unit):
        return _Reach(whole=True, units=[unit])
    roots = list(scope_roots(user, Action.VIEW, era=unit.era_id))
    inside = [r for r in roots if r.path.startswith(unit.path)]
    above = [r for r in roots if unit.path.startswith(r.path)]  # a grant narrowed to one organisation
    if not inside and not above:
        raise NotFound(_("This unit does not exist or is not in your area."))
    return _Reach(whole=False, units=[r for r in inside if can(user, Action.VIEW, r)])


def _scope_note(reach: _Reach) -> str:
    if reach.whole:
        return ""
    if not reach.units:
        return _("Figures within your assigned scope only: the records of your organisation in this unit.")
    return _("Figures within your assigned scope only: %(units)s.") % {"units": ", ".join(u.name for u in reach.units)}


# --- periods as the report names them -----------------------------------------------------------------

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_label(period: Period) -> str:
    """ "năm 2024", "6 tháng đầu năm 2025", "quý III năm 2024", "tháng 5 năm 2024", "giai đoạn 2021 - 2025"."""
    year = period.start.year
    if period.type == PeriodType.YEAR:
        return _("the year %(year)s") % {"year": year}
    if period.type == PeriodType.HALF:
        if period.start.month == 1:
            return _("the first half of %(year)s") % {"year": year}
        return _("the second half of %(year)s") % {"year": year}
    if period.type == PeriodType.QUARTER:
        return _("quarter %(quarter)s of %(year)s") % {
            "quarter": _ROMAN[(period.start.month - 1) // 3 + 1],
            "year": year,
        }
    if period.type == PeriodType.MONTH:
        return _("month %(month)s of %(year)s") % {"month": period.start.month, "year": year}
    return _("the period %(start)s - %(end)s") % {"start": year, "end": period.end.year}


def _day(value: date) -> str:
    return str(formats.date_format(value, "SHORT_DATE_FORMAT"))


# --- headline figures ---------------------------------------------------------------------------------


def _headlines(
    user: Any, unit: AdminUnit, reach: _Reach, period: Period, previous: Period | None
) -> tuple[list[_Headline], list[str]]:
    """One figure per active indicator: the roll-up now (by child) and for the previous period."""
    out: list[_Headline] = []
    too_short: list[str] = []
    indicators = list(indicator_list(user=user))
    periods = [p for p in (period, previous) if p is not None]
    # every indicator in both periods (and by child) in one bulk read per unit, not a roll-up each
    places = [unit] if reach.whole else list(reach.units)
    by = ["child"] if reach.whole else []
    reads = {u.pk: rollups_bulk(user=user, unit=u, indicators=indicators, periods=periods, by=by) for u in places}
    for indicator in indicators:
        figure = Figure(
            label=indicator.label,
            value=None,
            unit=indicator.uom,
            places=0 if indicator.value_type == Indicator.ValueType.INTEGER else 2,
            code=indicator.code,
        )
        rows: list[RollupRow] = []
        try:
            figure.value, rows = _value(reads, unit, reach, indicator, period, by_child=True)
            if previous is not None:
                figure.previous, _rows = _value(reads, unit, reach, indicator, previous, by_child=False)
        except DomainError as exc:
            if exc.code != "period_too_short":
                raise
            too_short.append(indicator.label)
        out.append(_Headline(indicator, figure, rows))
    notes = []
    if too_short:
        notes.append(
            _("Reported per year, so not shown for %(period)s: %(indicators)s.")
            % {"period": period_label(period), "indicators": "; ".join(too_short)}
        )
    return out, notes


def _value(
    reads: dict[int, Rollups], unit: AdminUnit, reach: _Reach, indicator: Indicator, period: Period, *, by_child: bool
) -> tuple[Decimal | None, list[RollupRow]]:
    """The roll-up's figure (None when nothing is reported) and, if asked, its rows by child unit."""
    if reach.whole:
        r = reads[unit.pk].get(indicator, period, by="child" if by_child else None)
        return (r.value if r.count else None), r.rows
    parts = [reads[u.pk].get(indicator, period) for u in reach.units]
    rows = [RollupRow(p.node, u.name, p.value, p.count, unit=u) for u, p in zip(reach.units, parts, strict=True)]
    counted = [p.value for p in parts if p.count]
    return (sum(counted, Decimal(0)) if counted else None), rows


def _figures_section(
    unit: AdminUnit,
    reach: _Reach,
    headlines: list[_Headline],
    notes: list[str],
    period: Period,
    previous: Period | None,
) -> Section:
    section = Section(
        title=_("Main results of the movement"),
        key="figures",
        paragraphs=list(notes),
        figures=[h.figure for h in headlines],
    )
    groups = [
        (_("Models by unit"), MODEL_CODES),
        (_("“Three Together” work by unit"), THREE_TOGETHER_CODES),
        (_("Listening to the people by unit"), (*PETITION_CODES, *DIALOGUE_CODES, *PERSON_CODES)),
        (_("Commendation by unit"), AWARD_CODES),
    ]
    grouped = {c for _t, codes in groups for c in codes}
    others = tuple(h.indicator.code for h in headlines if h.indicator.code not in grouped)
    if others:
        groups.append((_("Other figures by unit"), others))
    for caption, codes in groups:
        table = _by_unit_table(caption, [h for h in headlines if h.indicator.code in codes], reach)
        if table is not None:
            section.tables.append(table)
    charted = [h.figure for h in headlines if h.indicator.code not in NOT_CHARTED]
    if any(f.value is not None or f.previous is not None for f in charted):
        series = [Series(period_label(period), [_float(f.value) for f in charted])]
        if previous is not None:
            series.append(Series(period_label(previous), [_float(f.previous) for f in charted]))
        section.charts.append(
            Chart(
                title=_("Main results compared with the previous period"),
                categories=[f.label for f in charted],
                series=series,
            )
        )
    return section


def _by_unit_table(caption: str, headlines: list[_Headline], reach: _Reach) -> Table | None:
    """Rows: the units below (or of the user's scope); columns: the group's indicators; total: the unit's roll-up."""
    if all(h.figure.value is None and not any(r.count for r in h.rows) for h in headlines):
        return None  # nothing reported in the group: no table of blanks
    order: dict[str, str] = {}
    for h in headlines:
        for row in h.rows:
            order.setdefault(row.key, row.label)
    cells: dict[str, list[Cell]] = {key: [label] for key, label in order.items()}
    for h in headlines:
        found = {row.key: row for row in h.rows}
        for key in order:
            got = found.get(key)
            cells[key].append(got.value if got is not None and got.count else None)
    columns = [_("Unit")] + [
        f"{h.figure.label} ({h.figure.unit})" if h.figure.unit else h.figure.label for h in headlines
    ]
    total: list[Cell] = [_("Total"), *(h.figure.value for h in headlines)]
    note = "" if reach.whole else _("Within your assigned scope only.")
    return Table(caption=caption, columns=columns, rows=list(cells.values()), total=total, note=note)


def _float(value: Decimal | int | None) -> float | None:
    return float(value) if value is not None else None


# --- models -------------------------------------------------------------------------------------------


def _years(period: Period) -> range:
    """Models are registered for a year: a period counts those of the years it touches (as the roll-up does)."""
    return range(period.start.year, period.end.year + 1)


def _models_section(user: Any, unit: AdminUnit, period: Period, figures: list[Figure], counts: list[int]) -> Section:
    stats = InitiativeStats(unit=unit, year=None)
    stats.by_field = dict.fromkeys(Field.values, 0)
    stats.by_status = dict.fromkeys(Status.values, 0)
    for year in _years(period):
        one = initiative_stats(user=user, unit=unit, year=year)
        stats.total += one.total
        for key, n in one.by_field.items():
            stats.by_field[key] += n
        for key, n in one.by_status.items():
            stats.by_status[key] += n
    counts.append(sum(stats.by_status.values()) - stats.by_status[Status.DRAFT])
    section = Section(title=_("“Skillful Mass Mobilization” models"), key="models", figures=figures)
    if not stats.total and not counts[-1]:
        section.paragraphs.append(_("No model was registered in %(period)s.") % {"period": period_label(period)})
        return section
    models = initiative_list(user=user, filters=InitiativeFilters(unit=unit)).filter(
        year__gte=period.start.year, year__lte=period.end.year
    )
    fields = [(str(label), stats.by_field[code]) for code, label in Field.choices]
    section.tables.append(
        Table(
            caption=_("Models by field"),
            columns=[_("Field"), _("Models")],
            rows=[[label, n] for label, n in fields],
            total=[_("Total"), stats.total],
        )
    )
    section.charts.append(
        Chart(
            title=_("Models by field"),
            categories=[label for label, _n in fields],
            series=[Series(_("Models"), [float(n) for _l, n in fields])],
            unit=_("models"),
        )
    )
    section.tables.append(
        Table(
            caption=_("Models by status"),
            columns=[_("Status"), _("Models")],
            rows=[[str(Status(s).label), stats.by_status[s]] for s in SHOWN_STATUSES],
        )
    )
    split = (
        models.order_by()
        .filter(status__in=WORKING)
        .aggregate(copies=Count("pk", filter=Q(replicated_from__isnull=False)), all=Count("pk"))
    )
    section.tables.append(
        Table(
            caption=_("New and replicated models"),
            columns=[_("Models"), _("Number")],
            rows=[
                [_("New models"), split["all"] - split["copies"]],
                [_("Replicated from another model"), split["copies"]],
            ],
            total=[_("Total"), split["all"]],
        )
    )
    typical_count = stats.by_status[Status.TYPICAL] + stats.by_status[Status.COMMENDED]
    if typical_count:
        section.tables.append(_typical_table(user, models, typical_count))
    return section


def _typical_table(user: Any, models: Any, count: int) -> Table:
    """The typical and commended models by name, with the awards their certificates name."""
    listed = list(
        models.filter(status__in=[Status.COMMENDED, Status.TYPICAL]).order_by("-status", "name", "pk")[:TYPICAL_LISTED]
    )
    awards: dict[int, list[str]] = defaultdict(list)
    certificates = register_list(user=user, f=RegisterFilter(include_revoked=False)).filter(
        initiative_id__in=[m.pk for m in listed]
    )
    for initiative_id, award in certificates.order_by("decision__signed_on", "pk").values_list(
        "initiative_id", "decision__award__name"
    ):
        if award not in awards[initiative_id]:
            awards[initiative_id].append(award)
    rows: list[list[Cell]] = [
        [
            m.name,
            m.organization.name if m.organization_id else "",
            m.unit.name,
            m.get_field_display(),
            m.get_status_display(),
            "; ".join(awards.get(m.pk, [])),
        ]
        for m in listed
    ]
    note = ""
    if count > len(listed):
        note = _("The first %(shown)s of %(count)s typical and commended models.") % {
            "shown": len(listed),
            "count": count,
        }
    return Table(
        caption=_("Typical and commended models"),
        columns=[_("Model"), _("Organisation"), _("Place"), _("Field"), _("Status"), _("Awards")],
        rows=rows,
        note=note,
    )


# --- Three Together -----------------------------------------------------------------------------------


def _three_together_section(
    user: Any, unit: AdminUnit, period: Period, figures: list[Figure], counts: list[int]
) -> Section:
    section = Section(title=_("“Three Together” work with the people"), key="three_together", figures=figures)
    qs = activity_list(user=user, filters=ActivityFilters(unit=unit)).filter(
        start_date__gte=period.start, start_date__lte=period.end
    )
    totals = activity_totals(qs)
    counts.append(totals["activities"])
    if not totals["activities"]:
        section.paragraphs.append(
            _("No “Three Together” activity was recorded in %(period)s.") % {"period": period_label(period)}
        )
        return section
    rows: list[list[Cell]] = [
        [_("Activities recorded"), totals["activities"]],
        [_("Party cells and organisations that went"), totals["organizations"]],
        [_("Cadres and Party members"), totals["cadres_count"]],
        [_("People taking part"), totals["people_count"]],
        [_("Houses built"), totals["houses_built"]],
        [_("Houses repaired"), totals["houses_repaired"]],
        [_("Money given (VND)"), totals["money"]],
        [_("Workdays"), totals["workdays"]],
    ]
    section.tables.append(
        Table(
            caption=_("“Three Together” activities recorded item by item"), columns=[_("Item"), _("Number")], rows=rows
        )
    )
    return section


# --- petitions ----------------------------------------------------------------------------------------


def _petitions_section(
    user: Any, unit: AdminUnit, period: Period, figures: list[Figure], counts: list[int], today: date
) -> Section:
    """Received (by day received) and resolved (answered or closed, by day answered), as the roll-up counts them.

    On time: answered by the settling date (none set: on time), the petitions dashboard's rule.
    Overdue: received in the period and still open past a deadline today.
    """
    section = Section(title=_("Receiving and resolving petitions"), key="petitions", figures=figures)
    area = petition_list(user=user, filters=PetitionFilters(unit=unit)).order_by()
    in_period = days_q("received_at", period.start, period.end)
    received = dict(area.filter(in_period).values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    overdue = dict(
        area.filter(deadlines.overdue_q(today), in_period)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    resolved: dict[str, int] = defaultdict(int)
    on_time: dict[str, int] = defaultdict(int)
    answered = area.filter(days_q("answered_at", period.start, period.end), status__in=RESOLVED)
    for kind, at, due in answered.values_list("kind", "answered_at", "settle_due"):
        if at is None:  # the filter on its day keeps none: for the type checker
            continue
        resolved[kind] += 1
        on_time[kind] += due is None or deadlines.local_date(at) <= due
    total_received, total_resolved = sum(received.values()), sum(resolved.values())
    total_on_time, total_overdue = sum(on_time.values()), sum(overdue.values())
    counts.append(total_received + total_resolved)
    section.figures += [
        Figure(label=_("Resolved on time"), value=_share(total_on_time, total_resolved), unit="%", places=1),
        Figure(label=_("Received in the period and overdue"), value=total_overdue, unit=_("petitions")),
    ]
    if not total_received and not total_resolved:
        section.paragraphs.append(
            _("No petition was received or resolved in %(period)s.") % {"period": period_label(period)}
        )
        return section
    kinds = list(PetitionKind.choices)
    section.tables.append(
        Table(
            caption=_("Petitions by kind"),
            columns=[_("Kind"), _("Received"), _("Resolved"), _("Resolved on time"), _("On time (%)"), _("Overdue")],
            rows=[
                [
                    str(label),
                    received.get(k, 0),
                    resolved[k],
                    on_time[k],
                    _share(on_time[k], resolved[k]),
                    overdue.get(k, 0),
                ]
                for k, label in kinds
            ],
            total=[
                _("Total"),
                total_received,
                total_resolved,
                total_on_time,
                _share(total_on_time, total_resolved),
                total_overdue,
            ],
        )
    )
    section.charts.append(
        Chart(
            title=_("Petitions by kind"),
            categories=[str(label) for _k, label in kinds],
            series=[
                Series(_("Received"), [float(received.get(k, 0)) for k, _l in kinds]),
                Series(_("Resolved"), [float(resolved[k]) for k, _l in kinds]),
            ],
            unit=_("petitions"),
        )
    )
    return section


def _share(part: int, whole: int) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


# --- dialogues ----------------------------------------------------------------------------------------


def _dialogues_section(user: Any, unit: AdminUnit, period: Period, figures: list[Figure], counts: list[int]) -> Section:
    section = Section(title=_("Dialogues and receiving citizens"), key="dialogues", figures=figures)
    qs: Any = dialogue_list(  # annotated by the selector (issue_count, open_count): the stubs do not see it
        user=user, filters=DialogueFilters(unit=unit, date_from=period.start, date_to=period.end)
    ).order_by()
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for fmt, participants, issues, still_open in qs.values_list(
        "format", "participants_count", "issue_count", "open_count"
    ):
        acc = per[fmt]
        acc[0] += 1
        acc[1] += participants
        acc[2] += issues
        acc[3] += still_open
    counts.append(sum(a[0] for a in per.values()))
    if not per:
        section.paragraphs.append(_("No dialogue was recorded in %(period)s.") % {"period": period_label(period)})
        return section
    rows: list[list[Cell]] = [[str(label), *per[code]] for code, label in Dialogue.Format.choices if code in per]
    total: list[Cell] = [_("Total"), *(sum(a[i] for a in per.values()) for i in range(4))]
    section.tables.append(
        Table(
            caption=_("Dialogues by format"),
            columns=[_("Format"), _("Dialogues"), _("Participants"), _("Issues raised"), _("Issues still open")],
            rows=rows,
            total=total,
        )
    )
    return section


# --- prestigious persons ------------------------------------------------------------------------------


def _persons_section(
    user: Any, unit: AdminUnit, period: Period, figures: list[Figure], counts: list[int], today: date
) -> Section:
    """Persons recognised on the period's last day (today, for a period still running), by standing as the
    reader may see it: counts only, no name or personal data."""
    section = Section(title=_("Prestigious persons"), key="persons", figures=figures)
    on = min(period.end, today)
    qs: Any = person_list(user=user, filters=PersonFilters(unit=unit, standing_on=on)).order_by()  # standing_shown
    found = dict(qs.values_list("standing_shown").annotate(n=Count("pk")).values_list("standing_shown", "n"))
    counts.append(sum(found.values()))
    if not found:
        section.paragraphs.append(_("No prestigious person is recorded on %(day)s.") % {"day": _day(on)})
        return section
    rows: list[list[Cell]] = [
        [str(label), found[code]] for code, label in PrestigiousPerson.Standing.choices if found.get(code)
    ]
    section.tables.append(
        Table(
            caption=_("Prestigious persons by standing on %(day)s") % {"day": _day(on)},
            columns=[_("Standing"), _("Persons")],
            rows=rows,
            total=[_("Total"), sum(found.values())],
        )
    )
    return section


# --- programmes ---------------------------------------------------------------------------------------


def _programmes_section(user: Any, unit: AdminUnit, period: Period, today: date) -> Section:
    """Each programme over the unit's area (set on its map or the other) that runs in the period, with its
    targets' progress at the period's end (today, for a period still running)."""
    section = Section(title=_("Programme targets and progress"), key="programmes")
    as_of = min(period.end, today)
    found: list[Programme] = [
        p
        for p in programme_list(user=user)
        .filter(start__lte=period.end, end__gte=period.start)
        .order_by("start", "name")
        if in_area(unit, p.unit)
    ]
    if not found:
        section.paragraphs.append(
            _("No programme with targets covers this unit in %(period)s.") % {"period": period_label(period)}
        )
        return section
    for programme in found:
        progress = programme_progress(user=user, programme=programme, as_of=as_of)
        sub = Section(title=programme.name, key=f"programme-{programme.pk}")
        line = _("%(document)s, from %(start)s to %(end)s; progress on %(day)s.") % {
            "document": programme.document_number or programme.document_title or programme.name,
            "start": _day(programme.start),
            "end": _day(programme.end),
            "day": _day(as_of),
        }
        sub.paragraphs.append(line)
        rows: list[list[Cell]] = [
            [
                t.target.indicator.label,
                t.target.unit.name,
                t.target.get_kind_display(),
                t.goal,
                t.actual,
                t.expected,
                t.percent,
                t.status_label,
            ]
            for t in progress.targets
        ]
        sub.tables.append(
            Table(
                caption=_("Targets of %(programme)s") % {"programme": programme.name},
                columns=[
                    _("Target"),
                    _("Unit"),
                    _("Kind"),
                    _("Goal"),
                    _("Achieved"),
                    _("Expected by now"),
                    _("Share of expected (%)"),
                    _("Status"),
                ],
                rows=rows,
            )
        )
        section.subsections.append(sub)
    return section


# --- awards -------------------------------------------------------------------------------------------


def _awards_section(user: Any, unit: AdminUnit, period: Period, figures: list[Figure], counts: list[int]) -> Section:
    """Certificates of issued decisions signed in the period for recipients in the unit's area, by award."""
    section = Section(title=_("Emulation and commendation"), key="awards", figures=figures)
    certificates = (
        register_list(user=user, f=RegisterFilter(unit=unit, include_revoked=False))
        .filter(decision__signed_on__gte=period.start, decision__signed_on__lte=period.end)
        .order_by()
    )
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    decisions: set[int] = set()
    for award, subject, decision in certificates.values_list("decision__award__name", "subject", "decision_id"):
        per[award][subject] += 1
        decisions.add(decision)
    total = sum(n for by in per.values() for n in by.values())
    counts.append(total)
    section.figures.append(Figure(label=_("Award decisions issued"), value=len(decisions), unit=_("decisions")))
    if not total:
        section.paragraphs.append(_("No award was decided in %(period)s.") % {"period": period_label(period)})
        return section
    subjects = [Subject.COLLECTIVE, Subject.INDIVIDUAL]
    rows: list[list[Cell]] = [
        [award, *(per[award][s] for s in subjects), sum(per[award].values())] for award in sorted(per)
    ]
    section.tables.append(
        Table(
            caption=_("Awards by form of commendation"),
            columns=[_("Form of commendation"), _("Collectives"), _("Individuals"), _("Total")],
            rows=rows,
            total=[_("Total"), *(sum(per[a][s] for a in per) for s in subjects), total],
        )
    )
    return section
