"""The reports' PDFs are laid out by the shared `core.pdf` (the competition's dossier uses it too)."""

from core.pdf import PRINT_STYLESHEET, render_pdf

__all__ = ["PRINT_STYLESHEET", "render_pdf"]
