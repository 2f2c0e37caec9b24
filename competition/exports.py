"""Downloads of the competition: the ranking (CSV, XLSX) and a nomination's dossier (Markdown, DOCX, PDF)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.text import slugify
from django.utils.translation import gettext as _

from competition import dossier
from competition.models import Entry, Round, Stage
from competition.selectors.dossier import dossier_of
from competition.selectors.ranking import RankingRow
from core.exports import YES_NO, csv_response, xlsx_response


def ranking_table(rows: list[RankingRow]) -> tuple[list[str], list[list[object]]]:
    """One line per entry: the figures of the ranking, then each review's raw and normalised total."""
    width = max((len(r.reviews) for r in rows), default=0)
    headers = [
        _("Rank"),
        _("Entry"),
        _("Agency"),
        _("Category"),
        _("Group"),
        _("Stage"),
        _("Mean"),
        _("Median"),
        _("Normalised"),
        _("Spread"),
        _("Flagged"),
    ]
    for n in range(1, width + 1):
        headers += [_("Evaluator %(n)d") % {"n": n}, _("Raw %(n)d") % {"n": n}, _("Normalised %(n)d") % {"n": n}]
    lines: list[list[object]] = []
    for row in rows:
        result = row.result
        line: list[object] = [
            result.rank,
            row.entry.innovation.title,
            row.entry.agency.name,
            row.entry.category.name,
            row.entry.group.name,
            row.entry.stage.get_kind_display(),
            result.mean,
            result.median,
            result.normalised,
            result.spread,
            str(YES_NO[bool(result.flagged)]),
        ]
        for panelist, raw, normalised in row.reviews:
            line += [panelist.user.display_name, raw, normalised]
        lines.append(line)
    return headers, lines


def ranking_response(round_: Round, stage: Stage, rows: list[RankingRow], *, fmt: str) -> HttpResponseBase:
    headers, lines = ranking_table(rows)
    name = f"peringkat-{round_.year}-{slugify(stage.kind)}"
    if fmt == "csv":
        return csv_response(headers, lines, name)
    # Numbers stay numbers in the XLSX (the writer types them); the title row says which round and stage.
    title = f"{_('Ranking')} {round_.year} - {stage.get_kind_display()}"
    return xlsx_response(headers, lines, name, str(stage.get_kind_display()), title=title)


#: The nomination dossier's formats: file extension → content type.
NOMINATION_FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def nomination_markdown(entry: Entry) -> str:
    """The proposal in SINOVIK's order: identity, then each section under its heading, the SK, the files."""
    return dossier.dossier_markdown(dossier_of(entry))


def nomination_response(entry: Entry, *, fmt: str, request: HttpRequest) -> HttpResponse:
    """The dossier as a download; `fmt` is one of NOMINATION_FORMATS (chosen by the URL)."""
    data = dossier_of(entry)
    if fmt == "docx":
        body: bytes | str = dossier.dossier_docx(data)
    elif fmt == "pdf":
        body = dossier.dossier_pdf(data, request=request)
    else:
        body = dossier.dossier_markdown(data)
    response = HttpResponse(body, content_type=NOMINATION_FORMATS[fmt])
    filename = f"nominasi-{entry.round.year}-{slugify(entry.innovation.title)[:60]}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
