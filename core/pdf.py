"""HTML to PDF with WeasyPrint: the same templates as the screen, a print stylesheet, no JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string

PRINT_STYLESHEET = "css/print.css"


def render_pdf(template: str, context: dict[str, Any], *, request: HttpRequest) -> bytes:
    """Render `template` and lay it out as an A4 PDF.

    WeasyPrint fetches nothing over the network here: the stylesheet is read from the static files and links
    are made absolute from the request (`base_url`), so they work when the PDF is opened elsewhere.
    """
    from weasyprint import CSS, HTML  # a heavy import (Pango, fonts): only when a PDF is asked for
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context, request=request)
    stylesheet = finders.find(PRINT_STYLESHEET)
    if not isinstance(stylesheet, str):
        raise LookupError(f"static file {PRINT_STYLESHEET} not found")
    # The printed pages need no resource: no protocol is allowed, so no URL in the page (nor one typed into a
    # proposal) makes the server fetch anything or read a local file.
    fetcher = URLFetcher(allowed_protocols=())
    document = HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=fetcher)
    return bytes(document.write_pdf(stylesheets=[CSS(filename=stylesheet)]))
