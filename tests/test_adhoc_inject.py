"""Injects written at the table (issue 12): the command, each refusal, each effect, the journal and replay."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine import CommandRefused, Exercise, RefusalCode
from engine.core.adhoc import MOST_EFFECTS, TEXT_LIMITS
from engine.core.commands import BadCommand, WriteInject, command_from_json
from engine.core.events import Changed, InjectWritten, OrdersWithdrawn
from engine.core.model import SHOCK_CATEGORIES
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.prose.events import command_text, event_text
from engine.schema import scenario_schema
from tests.test_replay_cli import journal_validator

MEMO = WriteInject(
    "Leaked memo",
    "A cabinet memo on the dispute leaks to the press.",
    "domestic",
    ("tokyo",),
    (("trust", -5), ("stability", 3)),
    "tests the teams' crisis lines",
)


def test_the_command_reads_back_from_its_json_and_malformed_ones_are_refused() -> None:
    data = MEMO.to_json()
    assert data == {
        "command": "write-inject",
        "title": "Leaked memo",
        "narrative": "A cabinet memo on the dispute leaks to the press.",
        "category": "domestic",
        "audience": ["tokyo"],
        "effects": [{"var": "trust", "amount": -5}, {"var": "stability", "amount": 3}],
        "reason": "tests the teams' crisis lines",
    }
    assert command_from_json(json.loads(json.dumps(data))) == MEMO
    assert not list(journal_validator("command").iter_errors(data))
    for broken, says in (
        ({**data, "audience": "tokyo"}, "'audience' must be a list of role ids"),
        ({**data, "audience": [3]}, "'audience' must be a list of role ids"),
        ({**data, "effects": {"trust": -5}}, "'effects' must be a list"),
        ({**data, "effects": [{"var": "trust"}]}, "each of 'effects' must be"),
        ({**data, "effects": [{"var": "trust", "amount": "-5"}]}, "'amount' must be a whole number"),
        ({**data, "effects": [{"var": "trust", "amount": True}]}, "'amount' must be a whole number"),
        ({**data, "title": None}, "'title' must be text"),
        ({key: item for key, item in data.items() if key != "reason"}, "needs 'reason'"),
        ({**data, "shock": "x"}, "unknown field 'shock'"),
    ):
        with pytest.raises(BadCommand, match=says):
            command_from_json(broken)
        assert list(journal_validator("command").iter_errors(broken)) or "amount" in says or "audience" in says


def test_the_categories_are_the_scenario_formats() -> None:
    assert scenario_schema()["$defs"]["shock"]["properties"]["category"]["enum"] == list(SHOCK_CATEGORIES)


def test_the_inject_is_told_then_its_effects_follow_with_the_facilitator_naming_it_as_cause() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=7)
    trust, stability = ex.view.value("trust"), ex.view.value("stability")
    events = ex.apply(MEMO)
    written, *changes = events
    assert isinstance(written, InjectWritten)
    assert written == InjectWritten("Leaked memo", "domestic", MEMO.narrative, ("tokyo",), written.cause)
    assert (written.cause.kind, written.cause.id, written.cause.role, written.cause.detail) == (
        "facilitator",
        "Leaked memo",
        "tokyo",
        "tests the teams' crisis lines",
    )
    assert [(c.var, c.before, c.after, c.requested) for c in changes if isinstance(c, Changed)] == [
        ("trust", trust, trust - 5, -5),
        ("stability", stability, stability + 3, 3),
    ]
    assert all(change.cause == written.cause for change in changes if isinstance(change, Changed))
    scenario = ex.scenario
    assert event_text(scenario, changes[0]) == (
        f"Bilateral trust {trust} → {trust - 5} (−5): white cell's inject “Leaked memo” (tests the teams' crisis lines)"
    )
    assert event_text(scenario, written) == (
        "Inject from the white cell: Leaked memo [domestic], to Tokyo only: "
        "A cabinet memo on the dispute leaks to the press. (tests the teams' crisis lines)"
    )
    assert command_text(scenario, MEMO) == (
        "write an inject: Leaked memo, to Tokyo only (Bilateral trust −5, Regional stability +3) (tests the teams' crisis lines)"
    )
    assert ex.view.value("trust") == trust - 5 and ex.turn == 1


def test_an_effect_past_a_bound_is_held_there_and_says_so() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=7)
    trust = ex.view.value("trust")
    events = ex.write_inject("Summit rumour", "", category="diplomatic", effects={"trust": 100}, reason="a test of the cap")
    change = next(event for event in events if isinstance(event, Changed))
    assert (change.before, change.after, change.requested) == (trust, 100, 100)
    assert "held at the bound" in event_text(ex.scenario, change)
    ex.write_inject("Collapse", "", category="other", effects={"trust": -100}, reason="and the floor")
    assert ex.view.value("trust") == 0


def test_an_inject_without_effects_only_tells_and_everyone_hears_it() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=7)
    before = ex.digest
    events = ex.write_inject("Typhoon warning", "A typhoon nears Okinawa.", category="disaster", reason="sets the scene")
    assert [event.kind for event in events] == ["inject-written"]
    assert ex.digest == before  # nothing in the state moved; the journal and the log keep the words
    assert "Typhoon warning" in " ".join(ex.observe("seoul").log)


@pytest.mark.parametrize(
    ("changes", "code", "says"),
    [
        ({"title": "   "}, RefusalCode.EMPTY_TITLE, "an inject needs a title"),
        ({"title": "x" * (TEXT_LIMITS["title"] + 1)}, RefusalCode.TEXT_TOO_LONG, "the title is too long: at most 120"),
        ({"narrative": "x" * 2_001}, RefusalCode.TEXT_TOO_LONG, "the narrative is too long: at most 2,000"),
        ({"reason": "x" * 501}, RefusalCode.TEXT_TOO_LONG, "the reason is too long: at most 500"),
        ({"category": "economy"}, RefusalCode.UNKNOWN_CATEGORY, "did you mean 'economic'"),
        ({"audience": ("tokio",)}, RefusalCode.UNKNOWN_ROLE, "did you mean 'tokyo'"),
        ({"audience": ("tokyo", "tokyo")}, RefusalCode.NAMED_TWICE, "'tokyo' is named twice"),
        ({"effects": (("trusst", 3),)}, RefusalCode.UNKNOWN_VARIABLE, "did you mean 'trust'"),
        ({"effects": (("trust", 3), ("trust", -1))}, RefusalCode.NAMED_TWICE, "'trust' is named twice"),
        ({"effects": (("trust", 0),)}, RefusalCode.AMOUNT_OUT_OF_RANGE, "an amount of 0 does not move Bilateral trust"),
        ({"effects": (("trust", 101),)}, RefusalCode.AMOUNT_OUT_OF_RANGE, "at most 100 either way, not \\+101"),
        ({"effects": (("trust", -101),)}, RefusalCode.AMOUNT_OUT_OF_RANGE, "not -101 \\(its bounds are 0 to 100\\)"),
        ({"reason": " "}, RefusalCode.NO_REASON_GIVEN, "say why the white cell writes this inject"),
    ],
)
def test_each_wrong_field_is_refused_with_its_code_and_nothing_changes(
    changes: dict[str, Any], code: RefusalCode, says: str
) -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=7)
    before, events = ex.digest, len(ex.events)
    fields: dict[str, Any] = {
        "title": MEMO.title,
        "narrative": MEMO.narrative,
        "category": MEMO.category,
        "audience": MEMO.audience,
        "effects": MEMO.effects,
        "reason": MEMO.reason,
    }
    fields.update(changes)
    with pytest.raises(CommandRefused, match=says) as refused:
        ex.apply(WriteInject(**fields))
    assert refused.value.codes == (code,)
    assert ex.digest == before and len(ex.events) == events


def test_too_many_effects_are_refused_and_every_problem_is_told_at_once() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=7)
    many = tuple((var.id, 1) for var in ex.scenario.variables)[: MOST_EFFECTS + 1]
    with pytest.raises(CommandRefused, match="at most 8 variables") as refused:
        ex.apply(WriteInject("Flood of news", "", "other", (), many, "why"))
    assert refused.value.codes == (RefusalCode.TOO_MANY_EFFECTS,)
    with pytest.raises(CommandRefused) as refused:
        ex.apply(WriteInject("", "", "weather", ("osaka",), (("trust", 0),), ""))
    assert refused.value.codes == (
        RefusalCode.EMPTY_TITLE,
        RefusalCode.UNKNOWN_CATEGORY,
        RefusalCode.UNKNOWN_ROLE,
        RefusalCode.AMOUNT_OUT_OF_RANGE,
        RefusalCode.NO_REASON_GIVEN,
    )


def test_after_the_game_ends_no_inject_is_written() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=7)
    ex.end("time is up")
    with pytest.raises(CommandRefused) as refused:
        ex.apply(MEMO)
    assert refused.value.code == RefusalCode.GAME_ENDED


def test_orders_an_inject_makes_impossible_are_withdrawn() -> None:
    """The joint declaration needs trust of at least 62: an inject lifts trust there, another drops it below."""
    ex = Exercise.open("seoul-tokyo-2026", seed=3)
    ex.write_inject("Warm words", "", category="diplomatic", effects={"trust": 62 - ex.view.value("trust")}, reason="set up")
    ex.submit("seoul", ["joint-declaration"])
    events = ex.write_inject("Cold words", "", category="diplomatic", effects={"trust": -1}, reason="test")
    withdrawn = [event for event in events if isinstance(event, OrdersWithdrawn)]
    assert [event.role for event in withdrawn] == ["seoul"] and ex.view.orders("seoul") is None


def test_the_journal_validates_replays_to_the_same_digests_and_undo_takes_it_back(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    with Exercise.open("seoul-tokyo-2026", seed=5, journal=path) as ex:
        start = ex.digest
        ex.apply(MEMO)
        after_memo = ex.digest
        ex.undo()
        assert ex.digest == start
        ex.redo()
        assert ex.digest == after_memo
        ex.resolve()
        ex.write_inject("Fishing row", "Boats are seized.", category="maritime", effects={"history": 4}, reason="r")
        digests = [applied.digest for applied in ex.session.history]
    replayed, problems = Session.replay(open_journal(path))
    assert problems == []
    assert [applied.digest for applied in replayed.history] == digests
    validator = journal_validator()
    kinds: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        assert not list(validator.iter_errors(data)), data
        kinds.update(event["event"] for event in data.get("events", []))
    assert "inject-written" in kinds
