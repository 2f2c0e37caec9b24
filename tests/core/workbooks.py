"""Hostile workbooks built in memory for the import tests (nothing large is committed)."""

import struct
import zlib

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def _zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from (name, data as stored, method, crc32, unpacked size) written by hand: zipfile cannot store
    data compressed elsewhere."""
    out, directory = bytearray(), bytearray()
    for name, data, method, crc, size in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(data), size, len(encoded), 0, 0, 0, 0,
            0, offset,
        )  # fmt: skip
        directory += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(out), 0)
    return bytes(out + directory + end)


def _stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, 0, zlib.crc32(data), len(data)


def shared_strings_bomb() -> bytes:
    """About 270 KB that unpacks to about 90 MB of shared strings (the kind of file of issue #17: 225 KB, 88 MB),
    in a fraction of a second: one megabyte of strings is deflated once and its blocks repeated (a full flush makes each block
    stand alone, so the repeats form a valid stream)."""
    block = b"<si><t>Inovasi pelayanan publik Kota Ambon</t></si>" * 20_000
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1760000">'
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(b"</sst>") + compressor.flush(zlib.Z_FINISH)
    copies = 88
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(b"</sst>", crc)
    strings = ("xl/sharedStrings.xml", first + repeated * copies + tail, 8, crc, len(head) + len(block) * copies + 6)
    return _zip([_stored("[Content_Types].xml", CONTENT_TYPES), strings])


def with_content_types(good_xlsx: bytes, content_types: bytes) -> bytes:
    """A real workbook whose [Content_Types].xml is replaced (e.g. by broken XML)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(good_xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = content_types if info.filename == "[Content_Types].xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()
