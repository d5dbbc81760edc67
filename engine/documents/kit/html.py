"""The HTML page kit: escaping carried by the type, and the page, sections, tables and blocks built on it.

Scenario files and journals are untrusted, and a hand-written escape call is easy to forget or to
make twice. Here text is `str` and HTML is `Html` (a `markupsafe.Markup`): every function and
every `Html(...).format(...)` or `.join(...)` escapes plain text once on the way in and takes
markup as it is, so a template cannot leave text raw or escape markup again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from html import escape as _escape_text
from importlib.resources import files
from typing import Any, Self

from markupsafe import Markup

from engine.documents.kit.text import Block, BulletList, Heading, Paragraph, Span

Text = str | Markup
"""What the kit accepts: plain text, escaped when written, or markup, written as it is."""


class Html(Markup):
    """HTML that is written as it is; plain text that joins it is escaped first.

    markupsafe writes quotes as ``&#34;`` and ``&#39;``; this writes ``&quot;`` and ``&#x27;``
    (those of the standard library's `html.escape`), the entities whitecell's documents have
    always had, so that a document's bytes did not change when the type took over the escaping.
    ``Html(...)`` itself trusts what it is given: call it on literal templates and the kit's own
    files only, and let ``.format``, ``.join`` and ``+`` bring in text.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> Self:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(_escape_text(str(s), quote=True))


STYLES = "styles"
"""The folder of this package that holds the stylesheets (shipped as package data)."""

_PACKAGE = __name__.rpartition(".")[0]


@cache
def stylesheet(name: str) -> str:
    """A stylesheet of the kit (``report.css``, ``briefing.css``), read once per process."""
    return files(_PACKAGE).joinpath(STYLES).joinpath(name).read_text(encoding="utf-8")


_SPAN_TAGS = {"bold": "strong", "italic": "em"}


def _spans(spans: Sequence[Span]) -> Html:
    out: list[Text] = []
    for span in spans:
        tag = _SPAN_TAGS.get(span.style)
        out.append(Html("<{0}>{1}</{0}>").format(Html(tag), span.text) if tag else span.text)
    return Html().join(out)


def html_blocks(items: Iterable[Block], *, shift: int = 0) -> Html:
    """Blocks as HTML paragraphs, headings and lists (headings ``shift`` levels deeper, at most level 6)."""
    out = []
    for block in items:
        if isinstance(block, Heading):
            out.append(Html("<h{0}>{1}</h{0}>").format(min(6, block.level + shift), _spans(block.spans)))
        elif isinstance(block, Paragraph):
            out.append(Html("<p>{}</p>").format(_spans(block.spans)))
        elif isinstance(block, BulletList):
            items_html = Html().join(Html("<li>{}</li>").format(_spans(item)) for item in block.items)
            out.append(Html("<ul>{}</ul>").format(items_html))
    return Html("\n").join(out)


def _cell(tag: str, content: Text, css: str) -> Html:
    if css:
        return Html('<{0} class="{1}">{2}</{0}>').format(Html(tag), css, content)
    return Html("<{0}>{1}</{0}>").format(Html(tag), content)


def html_table(head: Sequence[tuple[Text, str]], rows: Iterable[Sequence[Text]], *, css: str = "") -> Html:
    """A table: ``head`` holds (title, class of the column's cells), each row one cell per column."""
    classes = [cls for _, cls in head]
    out = [Html('<table class="{}">').format(css) if css else Html("<table>"), Html("<thead><tr>")]
    out += [_cell("th", title, cls) for title, cls in head]
    out.append(Html("</tr></thead><tbody>"))
    for row in rows:
        cells = Html().join(_cell("td", cell, cls) for cell, cls in zip(row, classes, strict=True))
        out.append(Html("<tr>{}</tr>").format(cells))
    out.append(Html("</tbody></table>"))
    return Html().join(out)


def html_section(anchor: str, title: Text, body: Text, *, major: bool = True) -> Html:
    """A section the table of contents links to by its anchor; a major one starts a printed page."""
    if major:
        return Html('<section id="{}" class="major">\n<h2>{}</h2>\n{}\n</section>').format(anchor, title, body)
    return Html('<section id="{}">\n<h2>{}</h2>\n{}\n</section>').format(anchor, title, body)


def html_page(
    *,
    title: str,
    generator: str,
    styles: Sequence[str],
    cover: Text,
    contents: Sequence[tuple[str, Text]],
    main: Sequence[Text],
    footer: Text,
) -> Html:
    """One self-contained page that prints well (the report's and the briefing book's).

    ``styles`` names the kit's stylesheets to inline, in order; ``contents`` lists (anchor, title)
    for the table of contents; an empty part of ``main`` is left out.
    """
    toc = Html().join(Html('<li><a href="#{}">{}</a></li>').format(anchor, name) for anchor, name in contents)
    # the stylesheets are the kit's own files, written as they are inside <style>
    style = Html("\n").join(Html(stylesheet(name)) for name in styles)
    parts: list[Text] = [
        Html("<!DOCTYPE html>"),
        Html('<html lang="en">'),
        Html("<head>"),
        Html('<meta charset="utf-8">'),
        Html('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        Html('<meta name="generator" content="whitecell {}">').format(generator),
        Html("<title>{}</title>").format(title),
        Html("<style>\n{}</style>").format(style),
        Html("</head>"),
        Html("<body>"),
        Html('<div class="page">'),
        cover,
        Html('<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>{}</ol></nav>').format(toc),
        Html("<main>"),
        *main,
        Html("</main>"),
        Html("<footer>{}</footer>").format(footer),
        Html("</div>"),
        Html("</body>"),
        Html("</html>"),
    ]
    return Html("\n").join(part for part in parts if part) + Html("\n")
