"""Markdown links and images in scenario text read as words in every document (issue 14).

The briefing book did this first; the after-action report printed ``[words](address)`` as
typed. Both now read text through the one small reader in engine.documents.kit, so the same
narrative reads the same in either document and either format, and never becomes a link.
"""

from __future__ import annotations

import html as markup

from engine.core.commands import InjectShock
from engine.documents.report import build_report, render_html, render_markdown
from tests.test_report_model import session_of, tiny

NARRATIVE = 'The ministry issues [a statement](https://mofa.example/s "title").\n\n![<b>map</b>](map.png)'


def test_a_narrative_with_a_link_reads_as_words_in_both_report_formats() -> None:
    document = tiny()
    document["shocks"][1]["narrative"] = NARRATIVE
    session = session_of(document)
    session.apply(InjectShock(document["shocks"][1]["id"], "to see its narrative"))
    report = build_report(session)
    page = render_html(report)
    for text in (render_markdown(report), markup.unescape(page)):
        assert "a statement (https://mofa.example/s)" in text
        assert "](https://" not in text and "![" not in text
        assert "(image: <b>map</b>)" in text.replace("\\<", "<").replace("\\>", ">")
    assert 'href="https://mofa' not in page and "<b>map" not in page
