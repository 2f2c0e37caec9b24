"""The autocomplete widget: the page carries only the chosen option; the choice is still validated."""

from django import forms

from agencies.models import Agency
from core.autocomplete import use_autocomplete


class PickForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False, empty_label="Semua instansi")

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = queryset
        use_autocomplete(field, "agencies:autocomplete", {"type": "kecamatan"})


def test_widget_renders_only_the_chosen_option_and_the_search_url(chart):
    form = PickForm({"agency": chart["sirimau"].pk}, queryset=Agency.objects.order_by("name"))

    html = str(form["agency"])

    assert form.is_valid() and form.cleaned_data["agency"] == chart["sirimau"]
    assert 'data-autocomplete-url="/agencies/autocomplete/?type=kecamatan"' in html
    assert html.count("<option") == 2
    assert '<option value="">Semua instansi</option>' in html
    assert f'<option value="{chart["sirimau"].pk}" selected>Kecamatan Sirimau</option>' in html


def test_widget_without_a_value_renders_only_the_empty_option(chart, django_assert_num_queries):
    form = PickForm(queryset=Agency.objects.order_by("name"))

    with django_assert_num_queries(0):
        html = str(form["agency"])

    assert html.count("<option") == 1


def test_a_choice_outside_the_queryset_is_refused(chart):
    form = PickForm({"agency": chart["sirimau"].pk}, queryset=Agency.objects.exclude(pk=chart["sirimau"].pk))

    assert not form.is_valid()
    assert form.errors["agency"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
