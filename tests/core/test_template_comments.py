"""Django's `{# … #}` comment ends on its own line: one that runs on to the next is not a comment at all, and its
words appear on the page (the quota page once showed its own caching note to the mayor's office). Longer notes
use `{% comment %}`."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ["core", "agencies", "innovations", "competition", "compliance", "reports", "templates"]


def unclosed_comments(text: str) -> list[int]:
    """The line numbers where a `{#` is not closed by `#}` on the same line."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.count("{#") > line.count("#}")]


def test_no_template_comment_runs_on_to_a_second_line():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in FOLDERS
        for path in sorted((ROOT / folder).rglob("*.html"))
        for line in unclosed_comments(path.read_text())
    ]
    assert found == []


def test_the_check_sees_a_comment_that_runs_on():
    assert unclosed_comments("{# one line #}\n{# two\n lines #}\n{% comment %}x\ny{% endcomment %}") == [2]
