"""danvan.core.numbers and danvan.core.dates against the shared table, and Django's rendering beside them."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import formats
from django.utils.translation import override

from danvan.core.dates import DateError, format_date, format_datetime, parse_date
from danvan.core.numbers import CONVENTIONS, NumberError, format_number, format_percent, parse_number
from danvan.core.tests.formats_table import DATES_SHOWN, DATES_TYPED, REFUSED, SHOWN, TYPED


@pytest.mark.parametrize(("lang", "text", "value"), TYPED)
def test_it_reads_each_typed_number_by_its_languages_rules(lang, text, value):
    with override(lang):
        if value is REFUSED:
            with pytest.raises(NumberError) as caught:
                parse_number(text)
            assert CONVENTIONS[lang].example in caught.value.message
        else:
            assert parse_number(text) == value
    if value is not REFUSED:  # the language may also be named instead of taken from the request
        assert parse_number(text, lang=lang) == value


def test_the_same_text_is_a_different_number_in_each_language():
    assert parse_number("12,500", lang="vi") == Decimal("12.5")
    assert parse_number("12,500", lang="en") == Decimal(12500)


def test_numbers_already_typed_as_numbers_pass_as_they_are():
    assert parse_number(1234) == Decimal(1234)
    assert parse_number(12.5) == Decimal("12.5")  # a float from Excel or JSON
    assert parse_number(Decimal("3.10")) == Decimal("3.10")
    assert parse_number(None) is None
    with pytest.raises(NumberError):
        parse_number(True)


def test_negative_numbers_are_read_with_either_minus():
    assert parse_number("-1.500", lang="vi") == Decimal(-1500)
    assert parse_number("\u22121.500", lang="vi") == Decimal(-1500)


def test_the_refusal_is_in_the_users_language():
    with override("vi"), pytest.raises(NumberError) as caught:
        parse_number("1.23.4")
    assert caught.value.message == "“1.23.4” không phải là một số: hãy viết như 1.234,5."
    with override("en"), pytest.raises(NumberError) as caught:
        parse_number("1.23.4")
    assert caught.value.message == "“1.23.4” is not a number: write it like 1,234.5."


@pytest.mark.parametrize(("lang", "value", "text"), SHOWN)
def test_it_shows_each_number_grouped_in_the_users_language(lang, value, text):
    with override(lang):
        assert format_number(value) == text
        assert parse_number(text) == Decimal(value)  # and reads back what it printed


@pytest.mark.parametrize(("lang", "value", "text"), SHOWN)
def test_the_template_filter_and_djangos_own_rendering_agree(lang, value, text):
    with override(lang):
        assert Template("{% load danvan %}{{ n|number }}").render(Context({"n": value})) == text
        if isinstance(value, int):
            assert Template("{{ n }}").render(Context({"n": value})) == text  # FORMAT_MODULE_PATH


def test_places_round_half_up_and_drop_trailing_zeros():
    assert format_number(Decimal("1234.567"), places=2, lang="vi") == "1.234,57"
    assert format_number(Decimal("2.5"), places=0, lang="en") == "3"
    assert format_number(Decimal("12.50"), places=2, lang="en") == "12.5"
    assert format_percent(Decimal("12.345"), lang="vi") == "+12,3%"
    assert format_percent(Decimal("-3"), lang="vi") == "−3%"
    assert format_number(None) == ""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_djangos_formats_are_the_modules_separators(lang):
    with override(lang):
        assert formats.get_format("THOUSAND_SEPARATOR") == CONVENTIONS[lang].group
        assert formats.get_format("DECIMAL_SEPARATOR") == CONVENTIONS[lang].decimal
        assert formats.get_format("NUMBER_GROUPING") == 3


@pytest.mark.parametrize(("text", "value"), DATES_TYPED)
def test_it_reads_each_typed_date(text, value):
    if value is REFUSED:
        with pytest.raises(DateError) as caught:
            parse_date(text)
        assert "15/03/2024" in caught.value.message
    else:
        assert parse_date(text) == value


@pytest.mark.parametrize(("lang", "value", "text"), DATES_SHOWN)
def test_dates_show_day_first_with_slashes_also_in_djangos_date_filter(lang, value, text):
    with override(lang):
        assert format_date(value) == text
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
            rendered = Template(f'{{{{ d|date:"{name}" }}}}').render(Context({"d": value}))
            assert rendered == text
        assert Template("{{ d }}").render(Context({"d": value})) == text


def test_a_moment_is_shown_in_local_time():
    from datetime import UTC, datetime

    moment = datetime(2026, 12, 6, 20, 5, tzinfo=UTC)  # 03:05 on the 7th in Hà Nội
    assert format_datetime(moment) == "07/12/2026 03:05"
    with override("vi"):
        rendered = Template('{{ m|date:"SHORT_DATETIME_FORMAT" }}').render(Context({"m": moment}))
    assert rendered == "07/12/2026 03:05"


def test_the_page_tells_the_chart_script_its_separators():
    with override("vi"):
        html = Template("{% load danvan %}<html {% number_conventions %}>").render(Context())
    assert html == '<html data-group="." data-decimal=",">'
