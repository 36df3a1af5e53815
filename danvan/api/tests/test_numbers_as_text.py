"""The report values API reads a figure sent as text in the caller's language, as the shared table says
(danvan/core/tests/formats_table.py, which every entry point's test reads)."""

from decimal import Decimal

import pytest
from django.utils.translation import override

from danvan.conftest import unit
from danvan.core.numbers import NumberError
from danvan.core.tests.formats_table import FIGURES, REFUSED, is_whole
from danvan.reporting.models import DataValue


def refusal(lang, text):
    with override(lang):
        return NumberError(text.strip(), lang).message


def _post_people(api, user, lang, text):
    body = {
        "form": "dvk-commune-year",
        "era": "2024",
        "unit": "06823",
        "period": "2024",
        "organization": None,
        "values": [{"indicator": "tt_people", "category": "", "value": text}],
        "submit": False,
    }
    return api(user, language=lang).post("/api/v1/datavalues/", body, format="json")


@pytest.mark.parametrize(("lang", "text", "value"), FIGURES)
def test_the_api_reads_a_figure_given_as_text_as_the_table_says(api, commune_reporter, lang, text, value):
    response = _post_people(api, commune_reporter, lang, text)
    stored = DataValue.objects.filter(unit=unit("2024", "06823"), indicator__code="tt_people")
    if value is REFUSED or not is_whole(value):  # people are counted in whole numbers
        assert response.status_code == 400, response.content
        messages = str(response.json())
        if value is REFUSED:
            assert refusal(lang, text) in messages
        assert not stored.exists()
    else:
        assert response.status_code == 200, response.content
        assert stored.get().value == Decimal(value)
