"""Wording: what the commands print reads as English, whatever the scenario calls its turns.

Each case is an odd but valid scenario (a turn label of several words with an acronym, a game of one
turn); every text surface the command line has (validate, list of a file, simulate, the briefing book,
a bot game's replay and report) is rendered and checked for the mistakes people have seen: doubled
words, "1 roles", a turn label lower-cased out of its acronym, a turn numbered past the last one, and
a minus written two ways in one text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.core.commands import EndExercise
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.load.loader import load_scenario
from tests.helpers import doc
from tests.test_cli import run_here

PLURALS = (
    "roles|variables|actions|shocks|turns|points|games|errors|warnings|months|weeks|times|"
    "NSC meetings|policy reviews|action points"
)
SINGLE_PLURAL = re.compile(rf"(?<![\d.,])\b1 ({PLURALS})\b")
DOUBLED = re.compile(r"\b([A-Za-z]{2,})[ \t]+\1\b", re.IGNORECASE)
ASCII_MINUS = re.compile(r"(?<![\w\-+/.:])-\d")
TRUE_MINUS = re.compile(r"−\d")


def _nsc_scenario() -> dict[str, Any]:
    """The default scenario with its months renamed "NSC meeting" (no calendar, no names)."""
    document: dict[str, Any] = json.loads(json.dumps(resolve_scenario("seoul-tokyo-2026").document))
    document["turns"] = {"count": document["turns"]["count"], "label": "NSC meeting"}
    return document


def _one_review() -> dict[str, Any]:
    """A one-turn game whose turn is a "Policy review"."""
    return doc(turns={"count": 1, "label": "Policy review"})


def _written(roles: str) -> Any:
    """The full template for these roles (one role, three roles), as `whitecell new` writes it."""

    def make() -> dict[str, Any]:
        from engine.templates import build
        from engine.templates.roles import parse_roles

        return dict(build("full", "odd", parse_roles(roles)))

    return make


CASES = {
    "nsc-meeting": (_nsc_scenario, "NSC meeting"),
    "one-policy-review": (_one_review, "Policy review"),
    "one-role": (_written("japan-nsc"), "Month"),
    "three-roles": (_written("seoul,tokyo,washington"), "Month"),
}


def _outputs(capsys: pytest.CaptureFixture[str], folder: Path, document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(surface, text) for every command that prints something about the scenario or a game of it."""
    path = folder / "odd.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    journals = folder / "journals"
    commands = {
        "validate": ["validate", str(path)],
        "simulate": ["simulate", str(path), "--games", "30", "--seed", "4"],
        "docs": ["docs", str(path)],
        "bot game": ["simulate", str(path), "--games", "1", "--seed", "9", "--journal-dir", str(journals)],
    }
    for surface, args in commands.items():
        result = run_here(capsys, *args)
        assert result.returncode == 0, (surface, result.stderr)
        yield surface, result.stdout + result.stderr
    journal = next(journals.glob("*.jsonl"))
    ended = folder / "ended.jsonl"  # a game the facilitator ended early, with a reason
    session = Session.new(load_scenario(path), 3, ended)
    session.apply(EndExercise("the room ran out of time"))
    session.close()
    for surface, args in {
        "replay": ["replay", str(journal)],
        "report": ["report", str(journal)],
        "ended replay": ["replay", str(ended)],
        "ended report": ["report", str(ended)],
    }.items():
        result = run_here(capsys, *args)
        assert result.returncode == 0, (surface, result.stderr)
        yield surface, result.stdout + result.stderr
    page = folder / "ended.html"
    assert run_here(capsys, "report", str(ended), "-o", str(page)).returncode == 0
    shown = re.sub(r"(?s)<(style|svg|script)\b.*?</\1>", "", page.read_text(encoding="utf-8"))
    yield "ended html report", html.unescape(re.sub(r"<[^>]+>", "\n", shown))  # each element's text on its own line


def assert_reads_as_english(surface: str, text: str, label: str, count: int) -> None:
    """The checks every surface must pass: no "1 roles", no doubled word, an acronym kept, no turn
    numbered past the last, one kind of minus."""
    past_the_end = re.compile(rf"\b{re.escape(label)} (\d+)\b", re.IGNORECASE)
    assert not SINGLE_PLURAL.findall(text), (surface, SINGLE_PLURAL.findall(text))
    assert not DOUBLED.findall(text), (surface, DOUBLED.findall(text))
    if label.split(maxsplit=1)[0].isupper():
        assert label.lower() not in text, (surface, "the acronym was lower-cased")
    numbers = [int(number) for number in past_the_end.findall(text)]
    assert all(number <= count for number in numbers), (surface, numbers)
    assert not (ASCII_MINUS.search(text) and TRUE_MINUS.search(text)), (surface, "two kinds of minus")


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_surface_reads_as_english(capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str) -> None:
    make, label = CASES[case]
    document = make()
    count = document["turns"]["count"]
    for surface, text in _outputs(capsys, tmp_path, document):
        assert_reads_as_english(surface, text, label, count)
        if surface.startswith("ended"):
            assert "the room ran out of time" in text, (surface, "the early end is told with its reason")
