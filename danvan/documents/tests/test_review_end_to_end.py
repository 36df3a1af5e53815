"""The review report end to end: the live contents written into Word, read back, every figure the roll-up's."""

from __future__ import annotations

import io

import pytest
from docx import Document

from danvan.documents.review.synthetic import province_header
from danvan.documents.review.word import number_text, review_docx
from danvan.documents.tests.test_review_contents import (  # noqa: F401  the fixture is used by name
    QUANG_NINH_2024,
    QUANG_NINH_2025,
    contents,
    rolled,
    year_2024,
)
from danvan.reporting.selectors import indicator_list


def _rows(data: bytes) -> list[list[str]]:
    document = Document(io.BytesIO(data))
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows]


@pytest.mark.parametrize("where", [QUANG_NINH_2024, QUANG_NINH_2025], ids=["2024 map", "2025 map"])
def test_every_figure_in_the_word_file_is_the_rollup(province_manager, year_2024, where) -> None:  # noqa: F811
    c = contents(province_manager, where)
    rows = _rows(review_docx(c, province_header(), layout="party", narratives={"limits": "Một số hạn chế."}))
    by_label: dict[str, list[list[str]]] = {}
    for row in rows:
        by_label.setdefault(row[1] if row[0].isdigit() else row[0], []).append(row)
    figures = {f.code: f for f in c.section("figures").figures}
    checked = 0
    for indicator in indicator_list(user=province_manager):
        f = figures[indicator.code]
        found = by_label.get(f.label)
        assert found, f.label  # the figure has its row in the Word file
        now = number_text(rolled(province_manager, where, indicator, "2024"), places=f.places)
        before = number_text(rolled(province_manager, where, indicator, "2023"), places=f.places)
        assert any(now in row and before in row for row in found), (f.label, now, before, found)
        checked += 1
    assert checked == len(figures) >= 10
    texts = "\n".join(" ".join(r) for r in rows)
    assert "180" in texts and "Một số hạn chế." not in texts  # the narrative is body text, not a table
