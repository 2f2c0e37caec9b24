"""Evidence files are checked by their content, not their name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
JPG = FileKind("jpg", "image/jpeg", "JPG")
PNG = FileKind("png", "image/png", "PNG")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
ACCEPTED = (PDF, JPG, PNG, DOCX, XLSX)
EXTENSIONS = {"pdf": PDF, "jpg": JPG, "jpeg": JPG, "png": PNG, "docx": DOCX, "xlsx": XLSX}


def detect(data: bytes) -> FileKind | None:
    """What the bytes are, whatever the name says; None for anything not accepted."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
    return None


def check_evidence_file(*, name: str, data: bytes, max_bytes: int) -> FileKind:
    """Return the file's kind, or raise ValidationError with a reason the uploader can act on."""
    if len(data) > max_bytes:
        raise ValidationError(
            _("%(name)s is larger than %(size)d MB.") % {"name": name, "size": max_bytes // (1024 * 1024)}
        )
    if not data:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    kind = detect(data)
    claimed = EXTENSIONS.get(name.rsplit(".", 1)[-1].lower()) if "." in name else None
    if kind is None:
        raise ValidationError(
            _("%(name)s is not a PDF, JPG, PNG, DOCX or XLSX file (its content says otherwise). Upload one of these.")
            % {"name": name}
        )
    if claimed is not None and claimed != kind:
        raise ValidationError(
            _("%(name)s is named as %(claimed)s but its content is %(actual)s. Rename it or upload the right file.")
            % {"name": name, "claimed": claimed.label, "actual": kind.label}
        )
    return kind


def checked_upload(upload: Any, *, max_bytes: int) -> Any:
    """A form's uploaded file after the content checks (their ValidationError lands on the field), rewound for
    whoever reads it next; a field left empty passes as it is."""
    if upload:
        data = upload.read()
        upload.seek(0)
        check_evidence_file(name=upload.name, data=data, max_bytes=max_bytes)
    return upload


INLINE_TYPES = (PDF.content_type, JPG.content_type, PNG.content_type)


def file_response(file: Any, *, content_type: str, name: str) -> FileResponse:
    """A stored upload for someone allowed to see it: shown in the browser only for PDF and images, never
    sniffed into another type, and unable to run scripts."""
    response = FileResponse(
        file.open("rb"), content_type=content_type, as_attachment=content_type not in INLINE_TYPES, filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


def browser_checks(*, max_bytes: int) -> dict[str, str]:
    """The data-* attributes of a file input that static/js/app.js reads to refuse a file before it is sent:
    too large, or of a type the `accept` attribute does not list. The server checks again (check_evidence_file,
    and config.middleware.RequestSizeLimit before reading the body)."""
    return {
        "data-max-bytes": str(max_bytes),
        "data-too-large": _("This file is %(size)s MB; at most %(max)d MB is accepted. Choose a smaller file.")
        % {"size": "{size}", "max": max_bytes // (1024 * 1024)},
        "data-wrong-type": _("This kind of file is not accepted here. Choose one of: %(types)s.")
        % {"types": "{types}"},
    }


def upload_arguments(data: dict[str, Any], field: str) -> dict[str, Any]:
    """A form's cleaned data as a service's keyword arguments, its optional file `field` given as `name` and
    `data` ("" and None when nothing was uploaded): the service checks the content and stores it."""
    upload = data[field]
    fields = {k: v for k, v in data.items() if k != field}
    return {**fields, "name": upload.name if upload else "", "data": upload.read() if upload else None}
