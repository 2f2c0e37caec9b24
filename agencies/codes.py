"""Kemendagri region codes (`PP.KK.CC.DDDD`, Permendagri 137/2017 Ps 4, now Kepmendagri 300.2.2-2138/2025): pure
checks of a village code against its kind and its kecamatan. No database: the callers pass the codes."""

from __future__ import annotations

from django.utils.translation import gettext as _

#: The first digit of the village part (DDDD) by kind of village: 1 kelurahan, 2 desa. A negeri (Maluku's customary
#: village) is a desa in the Kemendagri list: Desa Nania, Kec. Baguala is 81.71.03.2005 (domain.md §6).
VILLAGE_DIGIT = {"kelurahan": "1", "desa": "2", "negeri": "2"}


def village_code_problem(*, code: str, type_slug: str, type_name: str, parent_code: str | None) -> str | None:
    """Why `code` cannot be the Kemendagri code of a village of `type_slug` under a kecamatan coded `parent_code`,
    or None when it can (or when the kind is not a village). A parent without a code is not checked."""
    expected = VILLAGE_DIGIT.get(type_slug)
    if expected is None:
        return None
    parts = code.split(".")
    if len(parts) != 4:
        return _("A %(type)s's code has four parts, like 81.71.02.1010 (%(code)s has %(count)d).") % {
            "type": type_name,
            "code": code,
            "count": len(parts),
        }
    if parts[3][0] != expected:
        return _(
            "%(code)s is not a %(type)s's code: in the Kemendagri code a kelurahan's village part starts with 1 "
            "and a desa's or negeri's with 2; this one starts with %(digit)s."
        ) % {"code": code, "type": type_name, "digit": parts[3][0]}
    if parent_code and ".".join(parts[:3]) != parent_code:
        return _(
            "%(code)s is not inside its kecamatan: the first three parts must be the kecamatan's code %(parent)s."
        ) % {
            "code": code,
            "parent": parent_code,
        }
    return None
