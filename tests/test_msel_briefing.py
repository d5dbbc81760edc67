"""Markdown from an events list's descriptions in the HTML briefing book (issue 14): links and images as words, never markup."""

from __future__ import annotations

import json

from engine.documents.briefing import briefing_book
from engine.documents.kit.links import as_text
from tests.helpers import load
from tests.test_msel_mapping import import_text


def test_links_images_and_numbered_lists_become_words() -> None:
    text = (
        'See [the statement](https://mofa.example/a "title") and ![a map](map.png).\n\n1. Call\n2) Email\n\n<https://x.example>'
    )
    assert as_text(text) == (
        "See the statement (https://mofa.example/a) and (image: a map).\n\n- 1. Call\n- 2. Email\n\nhttps://x.example"
    )
    assert as_text("[local](notes.md) and ![](x.png)") == "local and (image)"


def test_an_imported_description_reads_as_prose_in_the_html_book() -> None:
    narrative = (
        "The ministry issues [a statement](https://mofa.example/s).\n\n"
        "1. **Call** the embassy\n2. Brief the *press*\n\n"
        '![<script>alert(1)</script>](x.png) [click](javascript:alert("x"))'
    )
    rows = f'Turn,Title,Description,Category\n1,Statement,"{narrative.replace(chr(34), chr(34) * 2)}",diplomatic\n'
    document = json.loads(import_text(rows).text)
    page = briefing_book(load(document), "html")
    assert "a statement (https://mofa.example/s)" in page
    assert "<li>1. <strong>Call</strong> the embassy</li><li>2. Brief the <em>press</em></li>" in page
    assert "](https://" not in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert 'href="javascript' not in page and '<a href="http' not in page


def test_the_markdown_book_reads_the_same_words() -> None:
    rows = 'Turn,Title,Description,Category\n1,Statement,"See [a statement](https://mofa.example/s).",diplomatic\n'
    page = briefing_book(load(json.loads(import_text(rows).text)), "markdown")
    assert "See a statement (https://mofa.example/s)." in page
    assert "](https://" not in page
