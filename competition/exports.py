"""Downloads of the competition: the ranking (CSV, XLSX) and a nomination's proposal (Markdown)."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBase
from django.utils.text import slugify
from django.utils.translation import gettext as _

from competition.models import SECTIONS, Entry, Round, Stage, section_label
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


def nomination_markdown(entry: Entry) -> str:
    """The proposal in SINOVIK's order: identity, then each section under its heading."""
    innovation = entry.innovation
    contact = " ".join(v for v in (innovation.contact_name, innovation.contact_phone, innovation.contact_email) if v)
    launched = innovation.launch_date.strftime("%d-%m-%Y") if innovation.launch_date else "-"
    out = [
        f"# {innovation.title}",
        "",
        f"- **{_('Agency')}:** {entry.agency.name}",
        f"- **{_('Innovator')}:** {innovation.innovator_names or '-'}",
        f"- **{_('Contact')}:** {contact or '-'}",
        f"- **{_('Category')}:** {entry.category.name}",
        f"- **{_('Group')}:** {entry.group.name}",
        f"- **{_('Launch (penerapan)')}:** {launched}",
        f"- **{_('Video link')}:** {entry.video_url or '-'}",
    ]
    if entry.group.is_replication:
        out.append(f"- **{_('Original innovation')}:** {entry.original_name or '-'}")
    for name, limit, replication_only in SECTIONS:
        if replication_only and not entry.group.is_replication:
            continue
        text = getattr(entry, name).strip()
        label = section_label(name)
        words = len(text.split())
        out += ["", f"## {label[:1].upper()}{label[1:]}", f"*{words} / {limit} {_('words')}*", "", text or "-"]
    return "\n".join(out) + "\n"


def nomination_response(entry: Entry) -> HttpResponse:
    response = HttpResponse(nomination_markdown(entry), content_type="text/markdown; charset=utf-8")
    filename = f"nominasi-{entry.round.year}-{slugify(entry.innovation.title)[:60]}.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
