"""Hostile text in every place a scenario or a journal can put it comes out of both documents
escaped exactly once: never as markup, never as doubled entities.

Every free-text field of the full template, and every note, reason and ruling of a played game,
gets its own numbered marker made of HTML's special characters. The HTML is then parsed: a marker
that was not escaped would open an element, one escaped twice would read back with entities in it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from engine.core.commands import NOTE_TAGS, AddNote, AdjustVariable, EndExercise, InjectShock, Resolve, SubmitOrders
from engine.core.model import Scenario
from engine.core.refusals import CommandRefused
from engine.documents.briefing import briefing_book
from engine.documents.report import build_report, render_html, render_markdown
from engine.journal.session import Session
from engine.templates import build
from engine.templates.roles import parse_roles
from tests.helpers import load

FREE_TEXT = {
    "title",
    "name",
    "label",
    "description",
    "narrative",
    "summary",
    "briefing",
    "author",
    "source",
    "expectedResponse",
    "facilitatorNotes",
    "unit",
    "say",
}
DOUBLED = ("&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;quot;", "&amp;#x27;")


def marker(k: int) -> str:
    return f'<zz k="{k}">\'&</zz>#{k}.'


def _mark(node: Any, path: str, places: dict[int, str]) -> None:
    """Append a new marker to every free-text string under ``node``; ``places`` maps each to its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key in FREE_TEXT:
                places[len(places)] = f"{path}/{key}"
                node[key] = f"{value} {marker(len(places) - 1)}"
            else:
                _mark(value, f"{path}/{key}", places)
    elif isinstance(node, list):
        for k, value in enumerate(node):
            _mark(value, f"{path}/{k}", places)


def hostile_scenario() -> tuple[Scenario, dict[int, str]]:
    document = build("full", "hostile", parse_roles("seoul,tokyo,washington"))
    places: dict[int, str] = {}
    _mark(document, "", places)
    return load(document), places


class _Reader(HTMLParser):
    """The text and attribute values of a page as a browser reads them, and its elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.text.extend(value for _, value in attrs if value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(page: str) -> tuple[set[str], str]:
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return reader.tags, "\n".join(reader.text)


def _escaped_once(page: str) -> str:
    """The page's text, after checking that no marker became markup or was escaped twice."""
    assert "<zz" not in page and "</zz" not in page
    for doubled in DOUBLED:
        assert doubled not in page, doubled
    tags, text = _read(page)
    assert "zz" not in tags
    return text


def _markdown_is_escaped(markdown: str) -> None:
    assert re.search(r"(?<!\\)<zz", markdown) is None
    assert re.search(r"(?<!\\)</zz", markdown) is None


def test_the_briefing_book_escapes_every_scenario_text_once() -> None:
    scenario, places = hostile_scenario()
    text = _escaped_once(briefing_book(scenario, "html"))
    missing = sorted(places[k] for k in places if marker(k) not in text)
    # the book shows the facilitator everything but a variable's unit, which it leaves to the ranges
    assert all(path.endswith("/unit") for path in missing), missing
    _markdown_is_escaped(briefing_book(scenario, "markdown"))


def _play(scenario: Scenario, extra: int) -> tuple[Session, list[str]]:
    """A game with a note of every tag, a ruling, an inject and an early end, each with a marker."""
    session = Session.new(scenario, 3, None, clock=lambda: "2026-05-04T10:30:00Z")
    said = [marker(extra + k) for k in range(7)]
    variable = scenario.variables[0]
    while not session.state.ended:
        turn = session.state.turn
        for role in session.game.role_ids:
            for action in scenario.actions:
                if role in action.roles and not action.joint:
                    try:
                        session.apply(SubmitOrders(role, (action.id,)))
                    except CommandRefused:
                        continue
                    break
        if turn == 1:
            for tag, text in zip(NOTE_TAGS, said[: len(NOTE_TAGS)], strict=True):
                session.apply(AddNote(tag, f"{tag}: {text}"))
        if turn == 2:
            session.apply(AdjustVariable(variable.id, (variable.min + variable.max) // 2, f"ruling {said[4]}"))
            dormant = next(shock for s, shock in enumerate(scenario.shocks) if not session.state.remaining[s])
            session.apply(InjectShock(dormant.id, f"inject {said[5]}"))
        if turn == 3:
            session.apply(EndExercise(f"out of time {said[6]}"))
            break
        session.apply(Resolve())
    return session, said


def test_the_report_escapes_scenario_and_journal_text_once() -> None:
    scenario, places = hostile_scenario()
    session, said = _play(scenario, len(places))
    report = build_report(session, notices=[f"a notice {marker(len(places) + 7)}"])
    text = _escaped_once(render_html(report))
    for expected in [*said, marker(len(places) + 7)]:
        assert expected in text, expected
    shown = {places[k] for k in places if marker(k) in text}
    for path in ("/title", "/summary", "/author", "/briefing", "/turns/label", "/roles/0/name", "/variables/0/label"):
        assert path in shown, path
    for kind in ("actions", "shocks", "outcomes"):
        assert any(re.fullmatch(rf"/{kind}/\d+/(label|title)", path) for path in shown), kind
    assert any(re.fullmatch(r"/shocks/\d+/narrative", path) for path in shown)
    assert any(re.fullmatch(r"/variables/\d+/bands/\d+/label", path) for path in shown)
    _markdown_is_escaped(render_markdown(report))


@pytest.mark.parametrize("text", ["&lt;already escaped&gt;", "&amp;", "&#x27;", "a &quot;b&quot;"])
def test_text_that_looks_escaped_is_still_text(text: str) -> None:
    """Scenario text is never taken for markup: its entities are shown, not rendered."""
    document = build("minimal", "entities")
    document["title"] = text
    page = briefing_book(load(document), "html")
    _, read = _read(page)
    assert f"Briefing book: {text}" in read
