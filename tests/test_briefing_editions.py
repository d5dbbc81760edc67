"""Editions of the briefing book: a team's pack and the room's hold only what visibility lets them
know before play; the white cell's book is the whole book, unchanged. Distinctive text is planted in
every place a pack must not reach, and each edition is searched for it in Markdown and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.documents.briefing import BookFormat, briefing_book, render
from engine.documents.briefing.book import build_book
from engine.documents.briefing.edition import ANSWER, KEPT
from tests.helpers import action, doc, load, shock, variable
from tests.test_cli import run_here

SCENARIO = load(
    doc(
        roles=[
            {
                "id": "seoul",
                "name": "Seoul",
                "budget": 2,
                "briefing": "SEOUL-PRIVATE-BRIEF",
                "resources": [{"id": "capital", "label": "Seoul capital", "initial": 3, "max": 5}],
                "objectives": [
                    {"id": "open", "description": "SEOUL-PUBLIC-GOAL", "condition": {"var": "trust", "atLeast": 50}},
                    {
                        "id": "own",
                        "description": "SEOUL-PRIVATE-GOAL",
                        "condition": {"var": "trust", "atLeast": 60},
                        "visibility": "private",
                    },
                    {"id": "hidden-read", "description": "SEOUL-READS-HIDDEN", "condition": {"var": "secret", "atMost": 9}},
                ],
            },
            {
                "id": "tokyo",
                "name": "Tokyo",
                "budget": 2,
                "briefing": "TOKYO-PRIVATE-BRIEF",
                "resources": [{"id": "favour", "label": "TOKYO-RESOURCE", "initial": 1, "max": 5}],
                "objectives": [
                    {
                        "id": "own",
                        "description": "TOKYO-PRIVATE-GOAL",
                        "condition": {"var": "trust", "atLeast": 60},
                        "visibility": "private",
                    }
                ],
            },
        ],
        variables=[
            variable("trust", label="Trust"),
            variable("secret", label="SECRET-VARIABLE", visibility="facilitator"),
            variable("tokyo-mood", label="TOKYO-ONLY-VARIABLE", visibility="tokyo"),
            variable("seoul-mood", label="Seoul mood", visibility="seoul"),
        ],
        actions=[
            action("talk", ("seoul", "tokyo"), [{"add": {"trust": 3}}], label="Talk", description="Talk together."),
            action("answer", ("seoul",), [{"add": {"trust": 1}}], label="Answer", unlockedBy=["crisis"]),
            action("peek", ("seoul",), [{"add": {"trust": 1}}], label="Peek", requires={"var": "secret", "atLeast": 1}),
            action("tokyo-move", ("tokyo",), [{"add": {"trust": -2}}], label="TOKYO-ACTION"),
        ],
        shocks=[
            shock(
                "crisis",
                title="CRISIS-TITLE",
                narrative="CRISIS-NARRATIVE",
                facilitatorNotes="FACILITATOR-NOTE",
                trigger={"atTurn": 2},
                tests=["talks"],
            )
        ],
        rules=[{"id": "drift", "description": "RULE-TEXT", "effects": [{"add": {"trust": -1}}]}],
        endConditions=[{"id": "collapse", "description": "ENDING-TEXT", "when": {"var": "trust", "atMost": 5}}],
        outcomes=[
            {"id": "calm", "title": "Calm", "description": "All is calm.", "when": {"var": "secret", "atMost": 50}},
            {"id": "done", "title": "Done", "description": "The year ends."},
        ],
        exerciseObjectives=[
            {"id": "talks", "title": "Crisis talks", "description": "Talk in a crisis.", "roles": ["seoul"]},
            {"id": "tokyo-drill", "title": "TOKYO-TRAINING", "description": "Drill.", "roles": ["tokyo"]},
        ],
    )
)

NEVER_IN_A_PACK = ("SECRET-VARIABLE", "CRISIS-TITLE", "CRISIS-NARRATIVE", "FACILITATOR-NOTE", "RULE-TEXT", "ENDING-TEXT")
TOKYOS_OWN = (
    "TOKYO-PRIVATE-BRIEF",
    "TOKYO-PRIVATE-GOAL",
    "TOKYO-RESOURCE",
    "TOKYO-ONLY-VARIABLE",
    "TOKYO-ACTION",
    "TOKYO-TRAINING",
)
KINDS: tuple[BookFormat, ...] = ("markdown", "html")


@pytest.mark.parametrize("kind", KINDS)
def test_a_teams_pack_holds_its_own_role_and_nothing_kept_from_it(kind: BookFormat) -> None:
    text = briefing_book(SCENARIO, kind, Audience.team("seoul"))
    for own in ("SEOUL-PRIVATE-BRIEF", "SEOUL-PUBLIC-GOAL", "SEOUL-PRIVATE-GOAL", "Seoul capital", "Seoul mood", "Crisis talks"):
        assert own in text
    for kept in (*NEVER_IN_A_PACK, *TOKYOS_OWN):
        assert kept not in text
    assert "Briefing pack for Seoul" in text
    assert "SEOUL-READS-HIDDEN" in text and KEPT in text  # the objective, its condition kept
    assert ANSWER in text  # the action a shock opens, not naming the shock
    assert "Tested by" not in text and "Effects" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_the_rooms_pack_is_the_public_part(kind: BookFormat) -> None:
    text = briefing_book(SCENARIO, kind, ROOM)
    assert "SEOUL-PUBLIC-GOAL" in text and "TOKYO-ACTION" in text and "Talk together." in text
    for kept in (*NEVER_IN_A_PACK, "SEOUL-PRIVATE-BRIEF", "SEOUL-PRIVATE-GOAL", "TOKYO-PRIVATE-BRIEF", "TOKYO-PRIVATE-GOAL"):
        assert kept not in text
    assert "Seoul capital" not in text and "Seoul mood" not in text
    assert "their own and the white cell's" not in text and "own and the white cell's" in text


def test_the_white_cells_book_is_the_whole_book_unchanged() -> None:
    for kind in KINDS:
        whole = briefing_book(SCENARIO, kind, WHITE_CELL)
        assert whole == render(build_book(SCENARIO), kind)
        for planted in (*NEVER_IN_A_PACK, *TOKYOS_OWN, "SEOUL-PRIVATE-BRIEF", "Tested by"):
            assert planted in whole


def test_docs_writes_a_pack_for_a_role_and_refuses_an_unknown_audience(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tokyo.html"
    result = run_here(capsys, "docs", "seoul-tokyo-2026", "--audience", "tokyo", "-o", str(out))
    assert result.returncode == 0 and "Wrote the briefing pack for Tokyo of" in result.stderr
    assert "Briefing pack for Tokyo" in out.read_text(encoding="utf-8")
    bad = run_here(capsys, "docs", "seoul-tokyo-2026", "--audience", "moscow")
    assert bad.returncode == 2 and "unknown audience 'moscow'" in bad.stderr and "Traceback" not in bad.stderr
