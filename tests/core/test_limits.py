"""Every text field of every form has a maximum length (core.limits)."""

import pytest
from django import forms

from competition.forms import NoteForm
from innovations.forms import InnovationForm

pytestmark = pytest.mark.django_db


def test_a_fifty_megabyte_one_word_summary_gets_a_field_message(chart):
    form = InnovationForm(data={"title": "Antar Obat", "summary": "x" * 50_000_000}, agency=chart["dinkes"])

    assert form.is_valid() is False
    assert form.errors["summary"] == [
        "Pastikan nilai ini mengandung paling banyak 20000 karakter (sekarang 50000000 karakter)."
    ]


def test_multi_line_and_single_line_fields_get_their_own_limits_and_a_maxlength_attribute():
    class Note(forms.Form):
        note = forms.CharField(widget=forms.Textarea)
        name = forms.CharField()
        code = forms.CharField(max_length=12)

    form = Note()

    limits = {name: field.max_length for name, field in form.fields.items()}
    assert limits == {"note": 20_000, "name": 1_000, "code": 12}
    assert 'maxlength="20000"' in str(form["note"])
    assert NoteForm.base_fields["note"].max_length == 20_000
