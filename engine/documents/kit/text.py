"""A tiny, safe reading of scenario Markdown: paragraphs, headings, lists, **bold** and *italic*.

Scenario text is untrusted and the documents must not become Markdown renderers, so briefings
and narratives are read into these few blocks and each output format writes them with its
own escaping. Links and images are read as their words (`engine.documents.kit.links`), so every
document shows them alike; anything else (raw HTML, code) stays literal text.
"""

from __future__ import annotations

import re

import attrs

from engine.documents.kit.links import as_text


@attrs.frozen
class Span:
    """A run of inline text; ``style`` is "", "bold" or "italic"."""

    text: str
    style: str = ""


@attrs.frozen
class Paragraph:
    spans: tuple[Span, ...]


@attrs.frozen
class Heading:
    """A heading; ``level`` 1 is the scenario's own top level (renderers shift it down)."""

    level: int
    spans: tuple[Span, ...]


@attrs.frozen
class BulletList:
    items: tuple[tuple[Span, ...], ...]


Block = Paragraph | Heading | BulletList

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_INLINE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")


def spans(text: str) -> tuple[Span, ...]:
    """Inline text with **bold** and *italic* picked out; everything else is literal."""
    result: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            result.append(Span(text[position : match.start()]))
        if match.group(1) is not None:
            result.append(Span(match.group(1), "bold"))
        else:
            result.append(Span(match.group(2), "italic"))
        position = match.end()
    if position < len(text):
        result.append(Span(text[position:]))
    return tuple(result)


def blocks(text: str) -> tuple[Block, ...]:
    """Read Markdown-ish text into blocks: blank lines separate paragraphs, lines are joined."""
    result: list[Block] = []
    paragraph: list[str] = []
    items: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            result.append(Paragraph(spans(" ".join(paragraph))))
            paragraph.clear()
        if items:
            result.append(BulletList(tuple(spans(" ".join(item)) for item in items)))
            items.clear()

    for raw in as_text(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(raw)
        if heading and not raw.startswith((" ", "\t")):
            flush()
            result.append(Heading(len(heading.group(1)), spans(heading.group(2))))
        elif bullet:
            if paragraph:
                flush()
            items.append([bullet.group(1).strip()])
        elif items and raw[:1] in (" ", "\t"):
            items[-1].append(line)
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return tuple(result)


def plain(text: str) -> str:
    """The text of inline Markdown without its emphasis marks (for titles and table cells)."""
    return "".join(span.text for span in spans(text))
