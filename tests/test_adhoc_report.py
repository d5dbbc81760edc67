"""The after-action report's injects written at the table (issue 12): each turn's, with its effects,
in HTML and Markdown, as each edition may read them."""

from __future__ import annotations

from engine import Exercise
from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.documents.report import build_report


def _game() -> Exercise:
    ex = Exercise.open("seoul-tokyo-2026", seed=7)
    ex.write_inject(
        "Leaked memo",
        "A memo <b>leaks</b> | in Tokyo.",
        category="domestic",
        effects={"trust": -5, "dprk-threat": 3},
        audience=["tokyo"],
        reason="tests the crisis lines",
    )
    ex.submit("seoul", [])
    ex.submit("tokyo", [])
    ex.resolve()
    ex.write_inject("Typhoon", "", category="disaster", reason="sets the scene")
    return ex


def test_each_turns_injects_are_listed_with_their_effects_and_the_reason_for_the_white_cell() -> None:
    ex = _game()
    entries = build_report(ex.session, audience=WHITE_CELL).written_injects
    assert [(e.turn, e.turn_name, e.title, e.category, e.told_to) for e in entries] == [
        (1, "January 2026", "Leaked memo", "domestic", "Tokyo only"),
        (2, "February 2026", "Typhoon", "disaster", "everyone"),
    ]
    assert entries[0].effects == "Bilateral trust 55 → 50 (−5); North Korean threat level 45 → 48 (+3)"
    assert (entries[0].reason, entries[1].effects) == ("tests the crisis lines", "none")
    markdown = ex.report()
    assert "## Injects written at the table" in markdown
    assert (
        "| January 2026 | Leaked memo | domestic | Tokyo only | A memo \\<b\\>leaks\\</b\\> \\| in Tokyo. | "
        "Bilateral trust 55 → 50 (−5); North Korean threat level 45 → 48 (+3) (reason: tests the crisis lines) |"
    ) in markdown
    html = ex.report("html")
    assert '<section id="written-injects" class="major">' in html and 'href="#written-injects"' in html
    assert "<td>A memo &lt;b&gt;leaks&lt;/b&gt; | in Tokyo.</td>" in html
    assert "Leaked memo (written at the table)" in markdown, "the session record counts it among the injects"


def test_an_edition_lists_only_what_its_reader_was_told_without_hidden_variables_or_reasons() -> None:
    ex = _game()
    tokyo = build_report(ex.session, audience=Audience.team("tokyo")).written_injects
    assert [(e.title, e.effects, e.reason) for e in tokyo] == [
        ("Leaked memo", "Bilateral trust 55 → 50 (−5)", ""),
        ("Typhoon", "none", ""),
    ]
    for reader in (ROOM, Audience.team("seoul")):
        assert [e.title for e in build_report(ex.session, audience=reader).written_injects] == ["Typhoon"]
        for form in ("markdown", "html"):
            text = ex.report(form, audience="room" if reader == ROOM else "seoul")
            assert "Leaked memo" not in text and "sets the scene" not in text


def test_a_report_without_written_injects_has_no_such_section() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=7)
    assert "Injects written at the table" not in ex.report() and 'id="written-injects"' not in ex.report("html")
