"""Form pieces every app's forms share: one way to build a form's crispy helper, and the file field of an
imported table."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms

#: What core.tabular reads; the browser's file picker offers only these.
TABLE_FILE_TYPES = ".csv,.xlsx,text/csv"


def form_helper(*layout: Any, form_tag: bool = True) -> FormHelper:
    """A form's crispy helper (Bootstrap 5, configured once in settings): `layout` in order, the fields then the
    buttons (none: every field in the form's order); `form_tag=False` where the page's own <form> holds the form,
    beside the create-once token or other forms."""
    helper = FormHelper()
    helper.form_tag = form_tag
    if layout:
        helper.layout = Layout(*layout)
    return helper


def table_file_field(*, label: Any, help_text: Any) -> forms.FileField:
    """The file of an import: a CSV or XLSX table, whose columns `help_text` names."""
    return forms.FileField(
        label=label, help_text=help_text, widget=forms.ClearableFileInput(attrs={"accept": TABLE_FILE_TYPES})
    )
