"""The nomination dossier written out (competition/selectors/dossier.py reads it): DOCX for the agency to edit
and paste from, PDF to print and sign, Markdown for plain text. All three carry the same parts in the same order."""

from __future__ import annotations

import io

from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from competition.selectors.dossier import Dossier
from core.pdf import render_pdf


def attachment_headers() -> list[str]:
    return [_("File name"), _("Kind"), _("Size"), _("Uploaded")]


def attachment_rows(dossier: Dossier) -> list[list[str]]:
    return [[f.name, f.kind, str(filesizeformat(f.size)), f.uploaded.strftime("%d-%m-%Y")] for f in dossier.attachments]


def words_line(words: int, limit: int) -> str:
    return _("%(words)d of at most %(limit)d words") % {"words": words, "limit": limit}


def dossier_docx(dossier: Dossier) -> bytes:
    """A Word document: python-docx writes every text as a text run, so nothing typed becomes a field or markup."""
    from docx import Document  # only when a DOCX is asked for

    document = Document()
    document.core_properties.title = dossier.title
    document.add_heading(dossier.title, level=0)
    document.add_paragraph(_("SINOVIK nomination dossier, competition year %(year)d") % {"year": dossier.year})

    def table(rows: list[list[str]], header: list[str] | None = None) -> None:
        grid = document.add_table(rows=0, cols=len(header or rows[0]))
        grid.style = "Table Grid"
        for line, bold in [*([(header, True)] if header else []), *((row, False) for row in rows)]:
            for cell, value in zip(grid.add_row().cells, line, strict=True):
                cell.text = value
                if bold:
                    cell.paragraphs[0].runs[0].bold = True

    document.add_heading(_("Identity"), level=1)
    table([[label, value] for label, value in dossier.identity])
    if dossier.sdgs:
        document.add_heading(_("SDGs served"), level=2)
        for sdg in dossier.sdgs:
            document.add_paragraph(sdg, style="List Bullet")
    document.add_heading(_("Proposal"), level=1)
    for section in dossier.sections:
        document.add_heading(section.heading, level=2)
        document.add_paragraph().add_run(words_line(section.words, section.limit)).italic = True
        for paragraph in (section.text or "-").split("\n\n"):
            document.add_paragraph(paragraph.replace("\r", ""))
    document.add_heading(_("Decree naming the innovator (SK)"), level=1)
    table([[label, value] for label, value in dossier.decree])
    document.add_heading(_("Attachments"), level=1)
    if dossier.attachments:
        table(attachment_rows(dossier), attachment_headers())
    else:
        document.add_paragraph(_("No file attached."))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def dossier_pdf(dossier: Dossier, *, request: HttpRequest) -> bytes:
    return render_pdf(
        "competition/dossier_pdf.html",
        {
            "dossier": dossier,
            "sections": [(s, words_line(s.words, s.limit)) for s in dossier.sections],
            "attachment_headers": attachment_headers(),
            "attachment_rows": attachment_rows(dossier),
            "printed": timezone.localtime(),
        },
        request=request,
    )


def dossier_markdown(dossier: Dossier) -> str:
    """Plain text to paste into SINOVIK's form field by field."""
    out = [f"# {dossier.title}", "", f"## {_('Identity')}", ""]
    out += [f"- **{label}:** {value}" for label, value in dossier.identity]
    out += ["", f"## {_('Proposal')}"]
    for section in dossier.sections:
        out += ["", f"### {section.heading}", f"*{words_line(section.words, section.limit)}*", "", section.text or "-"]
    out += ["", f"## {_('Decree naming the innovator (SK)')}", ""]
    out += [f"- **{label}:** {value}" for label, value in dossier.decree]
    out += ["", f"## {_('Attachments')}", ""]
    out += [f"- {' · '.join(row)}" for row in attachment_rows(dossier)] or [_("No file attached.")]
    return "\n".join(out) + "\n"
