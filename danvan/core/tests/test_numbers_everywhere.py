"""Every place that takes a number as text reads the shared table the same way (danvan.core.numbers).

The report grid (its cell check), a model's form, an Excel import cell, an engagement form and the
API's report values: each must give the table's number, or refuse with the module's message.
"""

import pytest
from django import forms
from django.utils.translation import override

from danvan.core.errors import DomainError
from danvan.core.numbers import NumberError
from danvan.core.tests.formats_table import DATES_TYPED, FIGURES, REFUSED, is_whole
from danvan.reporting.models import Indicator


def refusal(lang, text):
    with override(lang):
        return NumberError(text.strip(), lang).message


@pytest.mark.parametrize(("lang", "text", "value"), FIGURES)
def test_the_report_grid_reads_a_cell_as_the_table_says(lang, text, value):
    from danvan.reporting.services.values import _check_value

    indicator = Indicator(code="t_money", name="Tiền", value_type=Indicator.ValueType.DECIMAL)
    with override(lang):
        got, error = _check_value(indicator, text)
    if value is REFUSED:
        assert (got, error) == (None, refusal(lang, text))
    else:
        assert (got, error) == (value, None)


@pytest.mark.parametrize(("lang", "text", "value"), FIGURES)
def test_a_models_form_reads_a_figure_as_the_table_says(lang, text, value):
    from danvan.initiatives.forms_entry import NumberField

    field = NumberField(label="x")
    with override(lang):
        if value is REFUSED:
            with pytest.raises(forms.ValidationError) as caught:
                field.clean(text)
            assert caught.value.messages == [refusal(lang, text)]
        else:
            assert field.clean(text) == value


@pytest.mark.parametrize(("lang", "text", "value"), FIGURES)
def test_an_excel_import_cell_reads_a_figure_as_the_table_says(lang, text, value):
    from danvan.documents.importer import _decimal

    with override(lang):  # an import runs in its uploader's language
        if value is REFUSED:
            with pytest.raises(DomainError) as caught:
                _decimal(text, integer=False)
            assert caught.value.message == refusal(lang, text)
        else:
            assert _decimal(text, integer=False) == value


@pytest.mark.parametrize(("lang", "text", "value"), FIGURES)
def test_an_engagement_form_reads_money_as_the_table_says(lang, text, value):
    from danvan.engagement.forms.activities import ActivityForm

    field = ActivityForm.base_fields["money"]  # whole đồng
    with override(lang):
        if value is REFUSED or not is_whole(value):
            with pytest.raises(forms.ValidationError) as caught:
                field.clean(text)
            expected = refusal(lang, text) if value is REFUSED else str(field.error_messages["whole"])
            assert caught.value.messages == [expected]
        else:
            assert field.clean(text) == int(value)


def test_an_engagement_form_no_longer_reads_1_000_as_1():
    """Django's IntegerField strips a trailing ".000": "1.000" people would have been 1."""
    from danvan.engagement.forms.dialogues import DialogueForm

    with override("vi"):
        assert DialogueForm.base_fields["participants_count"].clean("1.000") == 1000


@pytest.mark.parametrize(("text", "value"), DATES_TYPED)
def test_forms_and_imports_read_a_date_as_the_table_says(text, value):
    from danvan.documents.importer import _date
    from danvan.engagement.forms.dialogues import DialogueForm

    field = DialogueForm.base_fields["held_on"]
    if value is REFUSED:
        with pytest.raises(forms.ValidationError):
            field.clean(text)
        with pytest.raises(DomainError):
            _date(text)
    else:
        assert field.clean(text) == value
        assert _date(text) == value


# the API's report values (text read in the caller's language): danvan/api/tests/test_numbers_as_text.py
