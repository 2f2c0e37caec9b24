"""The standard's poster for the service counter: HTML laid out by WeasyPrint on A4 or A3."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string

STYLESHEET = "standards/poster.css"
SIZES = ("A4", "A3")


def render_poster(context: dict[str, Any], *, size: str, request: HttpRequest) -> bytes:
    """The PDF bytes. The page size is the only difference between A4 and A3: the type grows with the page
    through the stylesheet's rem units set from the size."""
    from weasyprint import CSS, HTML  # heavy (Pango, fonts): only when a poster is asked for
    from weasyprint.urls import URLFetcher

    if size not in SIZES:
        raise ValueError(size)
    html = render_to_string("standards/public/poster.html", context, request=request)
    stylesheet = finders.find(STYLESHEET)
    if not isinstance(stylesheet, str):
        raise LookupError(f"static file {STYLESHEET} not found")
    page = CSS(
        string=f"@page {{ size: {size}; margin: 12mm; }} html {{ font-size: {'10pt' if size == 'A4' else '14pt'}; }}"
    )
    # The poster needs no resource: no protocol is allowed, so nothing in it makes the server fetch anything.
    document = HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=URLFetcher(allowed_protocols=()))
    return bytes(document.write_pdf(stylesheets=[CSS(filename=stylesheet), page]))
