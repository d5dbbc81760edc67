"""The facilitator's briefing book of a scenario, in Markdown or as one printable HTML page.

`build_book` gathers what the book says; `render` lays it out. Both are pure: same scenario,
same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from engine.audience.visibility import WHITE_CELL, Audience
from engine.core.model import Scenario
from engine.documents.briefing.book import Book, build_book

BookFormat = Literal["markdown", "html"]

SUFFIXES: dict[str, BookFormat] = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


class UnknownBookFormat(ValueError):
    """An output file name whose extension says neither Markdown nor HTML."""


def book_format_for(path: Path) -> BookFormat:
    """The format an output file's extension asks for."""
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise UnknownBookFormat(
            f"{path}: the file name must end in .md (Markdown) or .html (one self-contained page), not {path.suffix or 'nothing'}"
        ) from None


def render(book: Book, kind: BookFormat) -> str:
    """The book as text in the given format."""
    if kind == "html":
        from engine.documents.briefing.html import render_html

        return render_html(book)
    from engine.documents.briefing.markdown import render_markdown

    return render_markdown(book)


def briefing_book(scenario: Scenario, kind: BookFormat = "markdown", audience: Audience = WHITE_CELL) -> str:
    """A scenario's briefing book as text: the white cell's whole book, or ``audience``'s pack."""
    from engine.documents.briefing.edition import build_edition

    return render(build_edition(scenario, audience), kind)


__all__ = ["Book", "BookFormat", "UnknownBookFormat", "book_format_for", "briefing_book", "build_book", "render"]
