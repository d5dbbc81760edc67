"""The Markdown kit: escaping, blocks of scenario Markdown and tables, shared by both documents.

Scenario and journal text is untrusted: written into Markdown as it is, a note or a narrative
could add links, HTML or structure of its own. These helpers escape it once, in one way, for the
report and the briefing book alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from engine.documents.kit.text import Block, BulletList, Heading, Paragraph, Span

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SPACE = re.compile(r"\s+")
_LINE_START = re.compile(r"^(\s*)([#=+-]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Inline text with every Markdown-significant character escaped and no line breaks."""
    text = _SPACE.sub(" ", text)
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))


def _spans(spans: Sequence[Span]) -> str:
    out = []
    for span in spans:
        text = escape(span.text)
        if not text.strip():
            out.append(text)
        elif span.style == "bold":
            out.append(f"**{text}**")
        elif span.style == "italic":
            out.append(f"*{text}*")
        else:
            out.append(text)
    return _line_start("".join(out))


def _line_start(text: str) -> str:
    """Text that starts a line (a paragraph): a leading # - + = or "1." stays literal."""
    match = _LINE_START.match(text)
    if match is None:
        return text
    lead, mark = match.groups()
    at = match.end()
    if mark[0].isdigit():
        return text[:at] + "\\" + text[at:]  # 1\. : the dot is escaped, not the digit
    return lead + "\\" + text[len(lead) :]


def markdown_blocks(items: Iterable[Block], *, shift: int = 0) -> list[str]:
    """Blocks as Markdown paragraphs (headings ``shift`` levels deeper, at most level 6)."""
    out: list[str] = []
    for block in items:
        if isinstance(block, Heading):
            out += [f"{'#' * min(6, block.level + shift)} {_spans(block.spans)}", ""]
        elif isinstance(block, Paragraph):
            out += [_spans(block.spans), ""]
        elif isinstance(block, BulletList):
            out += [f"- {_spans(item)}" for item in block.items] + [""]
    return out


def markdown_table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    """A GFM table; ``align`` has one letter per column: l, r or c. Cells must be escaped."""
    marks = {"l": ":--", "r": "--:", "c": ":-:"}
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks[a] for a in align) + " |"]
    out += ["| " + " | ".join(cell if cell else " " for cell in row) + " |" for row in rows]
    return [*out, ""]
