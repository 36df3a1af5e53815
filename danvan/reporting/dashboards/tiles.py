"""The tiles: one per active indicator, with the same period last year and the approved part."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError, NotFound
from danvan.reporting.dashboards.figures import change, indicator_number, percent
from danvan.reporting.dashboards.reads import PageRollups, page_rollups
from danvan.reporting.dashboards.selection import Selection, counts_approved_only
from danvan.reporting.models import Indicator


@dataclass
class Tile:
    indicator: Indicator
    value: Decimal = Decimal(0)
    count: int = 0
    last_value: Decimal = Decimal(0)
    last_count: int = 0
    approved: Decimal | None = None  # the approved part, when it differs from the value
    problem: str = ""  # why there is no figure (e.g. a quarter asked of a yearly indicator)

    @property
    def reported(self) -> bool:
        """Anything reported at all: a reported 0 is a figure, nothing reported is not."""
        return self.count > 0

    @property
    def computed(self) -> bool:
        return self.indicator.source != Indicator.Source.ENTERED

    @property
    def change(self) -> Decimal | None:
        return change(self.value, self.count, self.last_value, self.last_count)

    @property
    def shown(self) -> str:
        return indicator_number(self.value, self.indicator)

    @property
    def shown_last(self) -> str:
        return indicator_number(self.last_value, self.indicator) if self.last_count else ""

    @property
    def shown_approved(self) -> str:
        return indicator_number(self.approved, self.indicator) if self.approved is not None else ""

    @property
    def shown_change(self) -> str:
        return percent(self.change)

    @property
    def trend(self) -> str:
        c = self.change
        return "" if c is None else ("up" if c > 0 else ("down" if c < 0 else "flat"))


def tiles(*, user: Any, sel: Selection, rollups: PageRollups | None = None) -> list[Tile]:
    """One tile per active indicator: the figure, the same period last year, and the approved part."""
    page = rollups or page_rollups(user=user, sel=sel)
    last = sel.last_period
    out = []
    for indicator in page.indicators:
        if not indicator.active:
            continue  # asked for by its code: charted, but no tile
        tile = Tile(indicator)
        try:
            now = page.get(indicator, sel.period)
        except NotFound:
            raise
        except DomainError as exc:
            tile.problem = exc.message
            out.append(tile)
            continue
        tile.value, tile.count = now.value, now.count
        if last is not None:
            before = page.get(indicator, last)
            tile.last_value, tile.last_count = before.value, before.count
        if not counts_approved_only(sel, indicator) and indicator.entered and now.count:
            approved = page.get(indicator, sel.period, approved=True).value
            tile.approved = approved if approved != now.value else None
        out.append(tile)
    return out


def tile_cards(tiles: list[Tile], selected: Indicator | None) -> list[dict[str, Any]]:
    """What the page writes for each tile, worked out once: every figure formatted, every sentence
    translated (the msgids of the template's own {% blocktranslate %}, its values escaped as it does),
    so that the template only looks names up in a dict (23 tiles: a quarter of the page's rendering)."""
    cards = []
    for tile in tiles:
        indicator = tile.indicator
        card: dict[str, Any] = {
            "code": indicator.code,
            "code_q": quote(indicator.code, safe="/"),
            "label": indicator.label,
            "classes": ("" if tile.reported else " tile--empty")
            + (" tile--selected" if selected is not None and indicator.pk == selected.pk else ""),
            "reported": tile.reported,
            "problem": tile.problem,
            "source": "",
        }
        if tile.computed:
            card["source"] = (
                _("Computed from the records")
                if indicator.source == Indicator.Source.RECORDS
                else _("Records plus reports")
            )
        if not tile.problem and tile.reported:
            change = tile.change
            last = tile.shown_last
            card.update(shown=tile.shown, uom=indicator.uom, approved="")
            if change is not None:
                trend = "up" if change > 0 else ("down" if change < 0 else "flat")
                card["change_class"] = f"tile__change tile__change--{trend} small"
                card["change"] = _sentence(
                    _("%(change)s on the same period last year (%(last)s)"), change=percent(change), last=last
                )
            elif tile.last_count:
                card["change_class"] = "tile__change small muted"
                card["change"] = _sentence(_("Same period last year: %(last)s"), last=last)
            else:
                card["change_class"] = "tile__change small muted"
                card["change"] = _("Nothing reported for the same period last year")
            if tile.approved is not None:
                card["approved"] = _sentence(_("of which approved: %(approved)s"), approved=tile.shown_approved)
        cards.append(card)
    return cards


def _sentence(translated: str, **values: str) -> SafeString:
    """What {% blocktranslate trimmed with … %} writes: the translation as it is, its values escaped."""
    return mark_safe(translated % {k: conditional_escape(v) for k, v in values.items()})  # noqa: S308
