"""A maximum length for every text field of every form, installed once from CoreConfig.ready().

Django gives a form's CharField no maximum unless one is written, and a model's TextField none at all, so a
50 MB one-word summary passed every word limit and became a 50 MB page. Here a CharField built without
`max_length` gets one: TEXT_MAX_CHARS for a multi-line field (a Textarea, which is what a model TextField
renders as), LINE_MAX_CHARS for a single line (names, search boxes, notes in one line). A field that states its
own `max_length` keeps it. The value also reaches the browser as the `maxlength` attribute, and a longer post
gets Django's field message ("Pastikan nilai ini mengandung paling banyak ...").

Only `forms.CharField` itself is bounded, not its subclasses: JSONField, RegexField, EmailField and the like
have their own rules.
"""

from __future__ import annotations

from typing import Any

from django import forms

#: The longest section of an innovation (design: 1,500 words) is about 12,000 characters in Indonesian.
TEXT_MAX_CHARS = 20_000
LINE_MAX_CHARS = 1_000

_original_init = forms.CharField.__init__


def _bounded_init(self: forms.CharField, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
    if max_length is None and type(self) is forms.CharField:
        widget = kwargs.get("widget")
        multiline = isinstance(widget, forms.Textarea) or (
            isinstance(widget, type) and issubclass(widget, forms.Textarea)
        )
        max_length = TEXT_MAX_CHARS if multiline else LINE_MAX_CHARS
    _original_init(self, *args, max_length=max_length, **kwargs)


def install() -> None:
    if forms.CharField.__init__ is not _bounded_init:
        forms.CharField.__init__ = _bounded_init  # type: ignore[method-assign]
