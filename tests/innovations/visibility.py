"""Who may see which innovation: one table for the list pages, the API and the exports, which must agree.

The registers of those tests hold innovations of Dinas Kesehatan (Posyandu Digital, Klinik Keliling), Dinas
Pendidikan (Sekolah Ramah Anak), Kelurahan Rijali under Kecamatan Sirimau (Posyandu Kelurahan) and Kelurahan
Wainitu under Kecamatan Nusaniwe (Bank Sampah); each test lists them in the order its page or file uses.
"""

EVERY = {"Posyandu Digital", "Klinik Keliling", "Sekolah Ramah Anak", "Posyandu Kelurahan", "Bank Sampah"}
DINKES = {"Posyandu Digital", "Klinik Keliling"}

#: Titles each person of tests/conftest.py's `people` may see.
SEES: dict[str, set[str]] = {
    "admin": EVERY,
    "reviewer": EVERY,  # the mayor's office sees the whole region
    "head": DINKES,  # the head of Dinas Kesehatan
    "staff": DINKES,
    "other_staff": {"Sekolah Ramah Anak"},  # staff of Dinas Pendidikan
    "camat": {"Posyandu Kelurahan"},  # the camat of Sirimau sees Rijali, not Wainitu
    "evaluator": set(),
    "outsider": set(),
}


def seen_by(who: str, titles: list[str]) -> list[str]:
    """The titles of `titles` (every innovation, in a page's order) that `who` may see, in the same order."""
    return [title for title in titles if title in SEES[who]]
