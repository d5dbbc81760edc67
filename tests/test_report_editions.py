"""Reports by audience: the room's edition is the public record, a team's adds what that team saw,
and the white cell's (the default) shows everything, as it always has."""

from __future__ import annotations

import html as markup
from pathlib import Path
from typing import Any

import pytest

from engine.audience.visibility import ROOM, WHITE_CELL, Audience, UnknownAudience, audience_named
from engine.core.commands import AddNote, AdjustVariable, EndExercise, InjectShock, Resolve, SubmitOrders
from engine.documents.report import build_report, render_html, render_markdown
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import load
from tests.test_cli import no_traceback, run_here
from tests.test_report_model import play, session_of, tiny

SEOUL = Audience.team("seoul")
TOKYO = Audience.team("tokyo")


def secretive() -> dict[str, Any]:
    """The tiny scenario with a shock for Seoul alone, a private objective and briefing for Seoul,
    and guidance on the public crash."""
    document = tiny()
    seoul = document["roles"][0]
    seoul["briefing"] = "Seoul's eyes only: the coalition is fragile."
    seoul["objectives"][1]["visibility"] = "private"
    seoul["objectives"][1]["description"] = "Quietly push trust to 90."
    document["shocks"][1].update(audience=["seoul"], title="Cabinet leak", narrative="A minister talks.")
    document["shocks"][1]["effects"] = [{"add": {"trust": -3, "mood": -4}}]
    document["shocks"][0]["facilitatorNotes"] = "Watch Tokyo's reaction."
    return document


def played() -> Session:
    """Turn 1 resolved with a note, the leak injected and trust adjusted with reasons; Tokyo's
    orders for turn 2 entered but not resolved."""
    session = session_of(secretive())
    session.apply(AddNote("strength", "Seoul consulted early."))
    play(session, [{"seoul": ("boost",), "tokyo": ("dip",)}])
    session.apply(InjectShock("storm", "test the cabinet"))
    session.apply(AdjustVariable("calm", 12, "room too tense"))
    session.apply(AdjustVariable("trust", 45, "a ruling on the summit"))
    session.apply(SubmitOrders("tokyo", ("hit",)))
    return session


def editions(session: Session, audience: Audience) -> tuple[str, str]:
    """The edition in Markdown, and in HTML with its entities read back (as a browser shows it)."""
    report = build_report(session, audience=audience)
    return render_markdown(report), markup.unescape(render_html(report))


WHITE_CELL_ONLY = (
    "Seoul consulted early.",  # a note
    "test the cabinet",  # an inject's reason
    "a ruling on the summit",  # an adjustment's reason
    "Seoul steadies things.",  # a shock's expected response
    "Calm",  # a facilitator-only variable
    "Session record",
    "Seed",
)
SEOUL_ONLY = ("Seoul's eyes only", "Quietly push trust to 90.", "Cabinet leak", "A minister talks.", "Mood")


def test_the_white_cell_report_is_the_default_and_shows_everything() -> None:
    session = played()
    assert build_report(session) == build_report(session, audience=WHITE_CELL)
    markdown, html = editions(session, WHITE_CELL)
    for text in (*WHITE_CELL_ONLY, *SEOUL_ONLY):
        assert text in markdown and text in html, text
    assert "## Appendix: the teams' private briefings" in markdown and "'s edition" not in markdown


def test_the_rooms_edition_is_the_public_record() -> None:
    session = played()
    markdown, html = editions(session, ROOM)
    for text in (*WHITE_CELL_ONLY, *SEOUL_ONLY, "Hit"):  # Hit: Tokyo's orders, not resolved yet
        assert text not in markdown and text not in html, text
    assert "The room's edition" in markdown and "The room's edition" in html
    assert "Market crash" in markdown and "Market crash" in html
    # the leak moved trust, which is public: the change is told, its cause is not
    assert "Undisclosed: Trust 40 → 37 (−3)" in markdown
    assert "Set Trust to 45 (was 37)" in markdown
    assert "- **Tokyo** (players): *orders entered (hidden)*" in markdown
    report = build_report(session, audience=ROOM)
    assert report.record is None and report.notes == () and report.plan == () and report.overview.seed is None
    seoul = report.objectives[0]
    assert [item.description for item in seoul.objectives] == ["Trust at least 40."] and seoul.public_only
    assert (seoul.score, seoul.max_score) == (1, 1)


def test_a_teams_edition_adds_what_that_team_saw() -> None:
    session = played()
    markdown, html = editions(session, SEOUL)
    for text in SEOUL_ONLY:
        assert text in markdown and text in html, text
    for text in (*WHITE_CELL_ONLY, "Hit"):
        assert text not in markdown and text not in html, text
    assert "Seoul's edition" in markdown
    report = build_report(session, audience=SEOUL)
    seoul, tokyo = report.objectives
    assert not seoul.public_only and (seoul.score, seoul.max_score) == (1, 3)
    assert tokyo.public_only and tokyo.objectives == ()
    for text in SEOUL_ONLY:
        assert text not in render_markdown(build_report(session, audience=TOKYO)), text


def test_an_early_end_keeps_its_reason_for_the_white_cell() -> None:
    session = session_of(secretive())
    play(session, [{"seoul": ("boost",)}])
    session.apply(EndExercise("the minister walked out"))
    for audience in (ROOM, SEOUL):
        report = build_report(session, audience=audience)
        assert report.overview.outcome is not None
        assert report.overview.outcome.reason == "The facilitator ended the game."
        assert "walked out" not in render_markdown(report) + render_html(report)
    assert "walked out" in render_markdown(build_report(session))


def test_a_shock_addressed_to_every_team_is_in_the_rooms_edition() -> None:
    document = secretive()
    document["shocks"][1]["audience"] = ["seoul", "tokyo"]
    session = Session.new(load(document), 1, clock=lambda: "2026-02-03T04:05:06Z")
    session.apply(InjectShock("storm", ""))
    session.apply(Resolve())
    assert "Cabinet leak" in render_markdown(build_report(session, audience=ROOM))


def test_audiences_are_named_white_cell_room_or_a_role() -> None:
    scenario = load(secretive())
    assert audience_named(scenario, "white-cell") == WHITE_CELL
    assert audience_named(scenario, "room") == ROOM
    assert audience_named(scenario, "tokyo") == TOKYO
    with pytest.raises(UnknownAudience, match=r"'kyoto'.*\(seoul, tokyo\)"):
        audience_named(scenario, "kyoto")


def test_an_actor_is_no_audience_its_view_is_the_white_cells(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An actor's edition would be the white cell's under another name: refused, saying which to use,
    as a scenario's audiences refuse an actor; the command line says it without a traceback."""
    scenario = resolve_scenario("strait-week")
    with pytest.raises(UnknownAudience, match=r"'beijing' is an actor.*white-cell.*\(seoul, tokyo\)"):
        audience_named(scenario, "beijing")
    result = run_here(capsys, "docs", "strait-week", "--audience", "beijing", "-o", str(tmp_path / "b.md"))
    assert result.returncode == 2 and "'beijing' is an actor" in result.stderr
    no_traceback(result)
