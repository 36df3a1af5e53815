"""The public reads of models: directory, model page, featured models, provinces and their figures.

Every read starts from `published.public_initiatives()` (published, and recognised or later), so
drafts, registrations, returned and discontinued models never reach a public page. Nothing here
reads a petition or a person's record beyond the name a publication has consent to show; the
figures are the live roll-ups, read as the public viewer of `org.access` (sums, approved values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.geo.lineage import area_q
from danvan.geo.models import AdminUnit, Level
from danvan.geo.selectors import current_era
from danvan.initiatives.models import Evidence, Initiative, InitiativeResult, Status
from danvan.initiatives.selectors import search_q
from danvan.org.access import PUBLIC
from danvan.portal.models import Publication
from danvan.portal.selectors.published import public_initiatives
from danvan.reporting.periods import period_get
from danvan.reporting.selectors.bulk import rollups_bulk
from danvan.reporting.selectors.catalogue import indicator_list
from danvan.reporting.selectors.rollups import latest_year_with_figures

FEATURED_COUNT = 6


@dataclass(frozen=True)
class DirectoryFilters:
    province: AdminUnit | None = None
    field: str = ""
    target_group: str = ""
    year: int | None = None
    q: str = ""


def _listed(qs: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return qs.select_related("publication", "unit", "organization")


def public_model_list(*, filters: DirectoryFilters | None = None) -> QuerySet[Initiative]:
    """The directory: public models matching the filters, newest publication first."""
    f = filters or DirectoryFilters()
    qs = public_initiatives()
    if f.province is not None:
        qs = qs.filter(area_q(f.province))
    if f.field:
        qs = qs.filter(field=f.field)
    if f.target_group:
        qs = qs.filter(target_groups__code=f.target_group)
    if f.year is not None:
        qs = qs.filter(year=f.year)
    if fold(f.q):
        # every word starts a word of the model's folded texts (the back office's search, diacritics
        # optional), or the query is in the published title as typed
        qs = qs.filter(search_q(f.q) | Q(publication__title_vi__icontains=f.q.strip()))
    return _listed(qs).order_by("-publication__published_at", "-pk").distinct()


def public_model_get(*, pk: int) -> Initiative:
    """One public model with what its page shows; NotFound for anything not public."""
    photos = Evidence.objects.filter(content_type__startswith="image/").order_by("created_at", "pk")
    found = (
        public_initiatives()
        .filter(pk=pk)
        .select_related("publication", "unit__era", "unit__parent", "organization__kind", "person")
        .prefetch_related(
            "target_groups",
            Prefetch("results", queryset=InitiativeResult.objects.select_related("metric")),
            Prefetch("publication__photos", queryset=photos, to_attr="public_photos"),
        )
        .first()
    )
    if found is None:
        raise NotFound(_("No such model."))
    return found


def public_photo(*, pk: int, evidence_id: int) -> Evidence:
    """A photo the publication of a public model chose to show; NotFound for any other file."""
    item = (
        Evidence.objects.filter(
            pk=evidence_id, initiative_id=pk, content_type__startswith="image/", initiative__in=public_initiatives()
        )
        .filter(pk__in=Publication.photos.through.objects.filter(publication__initiative_id=pk).values("evidence_id"))
        .first()
    )
    if item is None:
        raise NotFound(_("No such file."))
    return item


@dataclass
class Lineage:
    originals: list[Initiative] = field(default_factory=list)  # what it was copied from, nearest first
    copies: list[Initiative] = field(default_factory=list)  # public models copied from it


def model_lineage(*, initiative: Initiative, depth: int = 5) -> Lineage:
    """The public models this one was copied from (up the chain) and those copied from it.

    A private link in the chain is skipped over, never named: only public models are listed.
    """
    out = Lineage()
    ids: list[int] = []
    seen = {initiative.pk}
    current = initiative.replicated_from_id
    while current is not None and current not in seen and len(ids) < depth:
        ids.append(current)
        seen.add(current)
        current = Initiative.objects.filter(pk=current).values_list("replicated_from_id", flat=True).first()
    if ids:
        found = {m.pk: m for m in _listed(public_initiatives().filter(pk__in=ids))}
        out.originals = [found[i] for i in ids if i in found]
    out.copies = list(_listed(public_initiatives().filter(replicated_from=initiative)).order_by("-year", "pk"))
    return out


def featured_models(*, province: AdminUnit | None = None, limit: int = FEATURED_COUNT) -> list[Initiative]:
    """For the home page: featured first, then commended and typical ones, then the recently published."""
    qs = public_initiatives()
    if province is not None:
        qs = qs.filter(area_q(province))
    rank = Case(
        When(status=Status.COMMENDED, then=Value(2)),
        When(status=Status.TYPICAL, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    qs = _listed(qs).annotate(rank=rank)
    return list(qs.order_by("-publication__featured", "-rank", "-publication__published_at", "-pk")[:limit])


def model_years() -> list[int]:
    return sorted(set(public_initiatives().values_list("year", flat=True).distinct()), reverse=True)


# --- provinces --------------------------------------------------------------------------------------


def province_list() -> QuerySet[AdminUnit]:
    """Today's provinces (the newest map), by name."""
    era = current_era()
    if era is None:
        return AdminUnit.objects.none()
    return AdminUnit.objects.filter(era=era, level=Level.PROVINCE).order_by("name")


def province_get(*, code: str) -> AdminUnit:
    found = province_list().filter(code=code).first() if code.isdigit() and len(code) <= 10 else None
    if found is None:
        raise NotFound(_("No such province."))
    return found


# --- live figures -----------------------------------------------------------------------------------

# the headline figures and the catalogue's indicators they are read from (reporting/catalogue.py)
HEADLINES = (
    ("models_registered", gettext_lazy("Models registered")),
    ("tt_people", gettext_lazy("People taking part")),
    ("houses_helped", gettext_lazy("Families helped with their houses")),
    ("petitions_resolved", gettext_lazy("Petitions resolved")),
)


@dataclass
class Figure:
    code: str
    label: Any
    value: Decimal
    reported: bool  # something was reported: 0 is then a reported zero


@dataclass
class Figures:
    year: str
    unit: AdminUnit | None
    items: list[Figure] = field(default_factory=list)
    by_field: list[tuple[str, Decimal]] = field(default_factory=list)  # models by field: (label, count)


def headline_figures(*, unit: AdminUnit | None = None) -> Figures:
    """The live roll-ups of the nation (or of `unit`'s area) for the latest year with figures."""
    today = current_era()
    era = unit.era_id if unit is not None else (today.code if today is not None else "")
    year = latest_year_with_figures(user=PUBLIC, unit=unit, era=era) or str(timezone.localdate().year)
    out = Figures(year=year, unit=unit)
    if not era:
        return out
    period = period_get(year)
    indicators = {i.code: i for i in indicator_list(user=PUBLIC).filter(code__in=[c for c, _l in HEADLINES])}
    if not indicators:
        return out
    many = rollups_bulk(user=PUBLIC, unit=unit, era=era, indicators=indicators.values(), periods=[period], by=["field"])
    for code, label in HEADLINES:
        indicator = indicators.get(code)
        if indicator is None:
            continue
        if code == "models_registered":
            figure = many.get(indicator, period, by="field")
            out.by_field = [(row.label, row.value) for row in figure.rows]
        else:
            figure = many.get(indicator, period)
        out.items.append(Figure(code, label, figure.value, figure.count > 0))
    return out
