"""`whitecell replay`, `schema --journal` and `simulate --journal-dir` end to end.

A journal is the record of an exercise: replay must tell it completely (undone commands too),
verification must name the first line that does not replay, and bad files must give exit 1
with a located message, never a traceback.
"""

from __future__ import annotations

import json
import subprocess
import typing
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import scenarios
from engine.core.commands import ReturnOrders, SessionCommand, command_from_json
from engine.core.events import Event
from engine.journal.format import Fork, Settings
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.prose.events import event_text
from engine.schema import JOURNAL_SCHEMA_FILE, scenario_schema, schema_text
from tests.helpers import doc, text_of
from tests.journals import COMMANDS, NOTE, clock, lines_of, scenario, write_journal
from tests.test_cli import TINY, no_traceback, run, run_here
from tests.test_schema import object_schemas

Result = subprocess.CompletedProcess[str]


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "game.jsonl"
    write_journal(path)
    return path


def write_lines(path: Path, lines: list[dict[str, Any]] | list[str]) -> Path:
    texts = [line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines]
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    return path


def invalid(result: Result, needle: str) -> None:
    """Exit 1 with a message naming the problem on stderr, and no traceback."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert needle in result.stderr, result.stderr
    no_traceback(result)


# --- replay: the text form ------------------------------------------------------------------------


def test_replay_prints_the_header_every_turn_and_the_outcome(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    result = run_here(capsys, "replay", str(journal))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Harbour Talks (tiny, version 2.1)\n")
    assert "Seed 5; created 2026-03-01T09:00:00Z with whitecell" in out
    assert "Played by: Seoul: team; Tokyo: bot (greedy)" in out
    headings = [line for line in out.splitlines() if line.startswith("Week ")]
    assert headings == ["Week 1 of 4: Opening week", "Week 2 of 4", "Week 3 of 4"]
    assert "    Shock: Storm at the harbour [disaster]\n      A storm closes the harbour.\n" in out
    assert "Ships wait offshore" not in out  # the first paragraph of a narrative is enough
    assert "    Seoul orders: Summit, Talk\n    Tokyo orders: Summit, Wait\n" in out
    assert "    Tokyo gave no orders\n" in out
    assert "Trust 51 → 40 (−11): facilitator: the room felt it" in out
    assert f"  Facilitator notes\n    [observation] {NOTE}\n" in out
    assert "    ~ line 5: Undone: Tokyo's orders: Summit, Wait (the command of line 4)" in out
    assert "    ~ line 10: Undone: resolve the turn (the command of line 9)" in out
    assert "Outcome\n  The game ends: Bad (ended by the facilitator: time is up)\n" in out
    assert "  Scores: Seoul 0, Tokyo 0\n" in out
    assert "    not met  Seoul: Trust at 55 or more\n" in out
    assert "  Final values\n    Trust: 37\n" in out


def test_replay_tells_every_event_in_effect_in_order(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    session, problems = Session.replay(open_journal(journal))
    assert problems == []
    out = run_here(capsys, "replay", str(journal)).stdout
    position = 0
    for event in session.events():
        if event.kind in ("turn-opened", "note-added"):
            continue
        found = out.find(f"    {event_text(session.scenario, event)}\n", position)
        assert found >= 0, event_text(session.scenario, event)
        position = found


def test_an_undone_resolution_is_marked_and_its_events_are_not_told(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from engine.core.commands import Resolve, Undo

    path = tmp_path / "undone.jsonl"
    session = write_journal(path, (Resolve(), Undo()))
    undone = session.records[0].events
    out = run_here(capsys, "replay", str(path)).stdout
    assert "~ line 3: Undone: resolve the turn (the command of line 2)" in out
    assert "Week 2" not in out
    assert all(f"    {event_text(session.scenario, event)}\n" not in out for event in undone if event.kind == "changed")
    assert "Not finished: the record stops in Week 1 of 4: Opening week" in out


def test_a_game_in_progress_says_so_and_shows_pending_orders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "open.jsonl"
    write_journal(path, COMMANDS[:2])
    out = run_here(capsys, "replay", str(path)).stdout
    assert "  Orders (not resolved)\n    Seoul orders: Summit, Talk\n    Tokyo gave no orders\n" in out
    assert "Not finished: the record stops in Week 1 of 4: Opening week" in out
    assert "Scores so far: Seoul 0, Tokyo 0" in out


def test_turn_prints_only_that_turn(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    result = run_here(capsys, "replay", str(journal), "--turn", "2")
    assert result.returncode == 0
    out = result.stdout
    assert "Played by:" in out
    assert "\nWeek 2 of 4\n" in out
    assert "Week 1 of 4" not in out
    assert "Week 3 of 4" not in out
    assert "Outcome" not in out
    assert "~ line 10: Undone: resolve the turn" in out


@pytest.mark.parametrize(
    ("turn", "needle"),
    [
        ("4", "--turn 4: the journal records weeks 1 to 3"),
        ("0", "turns are numbered from 1, got 0"),
        ("x", "expected a turn number"),
    ],
)
def test_turn_out_of_range_is_bad_usage(capsys: pytest.CaptureFixture[str], journal: Path, turn: str, needle: str) -> None:
    result = run_here(capsys, "replay", str(journal), "--turn", turn)
    assert result.returncode == 2
    assert result.stdout == ""
    assert needle in result.stderr
    no_traceback(result)


def test_turn_and_verify_do_not_mix(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    result = run_here(capsys, "replay", str(journal), "--verify", "--turn", "1")
    assert result.returncode == 2
    assert "use one or the other" in result.stderr


def test_help_says_what_replay_prints_and_when_the_screen_opens() -> None:
    result = run("replay", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for words in ("JOURNAL", "--verify", "--turn N", "--json", "In a terminal", "the replay screen opens", "fork"):
        assert words in text, words


# --- replay --json ----------------------------------------------------------------------------------


def test_json_has_the_header_facts_the_turns_and_the_outcome(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    result = run_here(capsys, "replay", str(journal), "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["scenario"]["title"] == "Harbour Talks"
    assert (data["seed"], data["created"], data["commands"]) == (5, "2026-03-01T09:00:00Z", len(COMMANDS))
    assert data["roles"] == [{"role": "seoul", "name": "Seoul", "bot": None}, {"role": "tokyo", "name": "Tokyo", "bot": "greedy"}]
    assert [turn["turn"] for turn in data["turns"]] == [1, 2, 3]
    assert data["outcome"]["outcome"] == "bad"
    assert data["outcome"]["scores"] == {"seoul": 0, "tokyo": 0}
    assert data["problem"] is None and data["cutOff"] is None
    first = data["turns"][0]
    assert first["orders"]["tokyo"]["actions"] == ["summit", "wait"]
    assert first["notes"] == [{"line": 2, "tag": "observation", "text": NOTE}]
    assert [item["line"] for item in first["takenBack"]] == [5, 6]
    assert data["turns"][1]["shocks"][0]["narrative"] == "A storm closes the harbour."


def test_json_events_are_the_journal_events_with_their_text(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    data = json.loads(run_here(capsys, "replay", str(journal), "--json").stdout)
    recorded: dict[int | None, list[dict[str, Any]]] = {line["n"] + 1: line["events"] for line in lines_of(journal)[1:]}
    recorded[None] = lines_of(journal)[0]["start"]["events"]
    session, _ = Session.replay(open_journal(journal))
    told: dict[int | None, list[dict[str, Any]]] = {}
    for turn in data["turns"]:
        for item in turn["events"]:
            told.setdefault(item["line"], []).append(item["event"])
            assert item["text"] == event_text(session.scenario, _event(session, item["line"], item["event"]))
    for line, events in told.items():
        assert events == recorded[line], line
    assert set(told) == {None} | {applied.line for applied in session.history}


def _event(session: Session, line: int | None, data: dict[str, Any]) -> Event:
    produced = session.start_events if line is None else next(a.events for a in session.history if a.line == line)
    return next(event for event in produced if event.to_json() == data)


def test_json_with_turn_keeps_one_turn(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    data = json.loads(run_here(capsys, "replay", str(journal), "--json", "--turn", "3").stdout)
    assert [turn["turn"] for turn in data["turns"]] == [3]


# --- replay --verify --------------------------------------------------------------------------------


def test_verify_passes_a_good_journal(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    result = run_here(capsys, "replay", str(journal), "--verify")
    assert result.returncode == 0
    assert result.stdout.startswith(f"{journal}: verified: the header and {len(COMMANDS)} commands replay exactly")
    assert result.stderr == ""


def test_verify_json(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    result = run_here(capsys, "replay", str(journal), "--verify", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["verified"] is True
    assert data["lines"] == len(COMMANDS) + 1
    assert data["problem"] is None
    assert data["digest"] == write_journal(journal.with_name("again.jsonl")).digest()


def test_verify_from_the_installed_command(journal: Path) -> None:
    result = run("replay", str(journal), "--verify")
    assert result.returncode == 0, result.stderr


# --- bad journals: exit 1, located, no traceback --------------------------------------------------


def _damage(kind: str, journal: Path) -> tuple[Path, int, str, str]:
    """A damaged copy of the journal: (path, line named, code, words in the message)."""
    lines = lines_of(journal)
    raw = journal.read_text(encoding="utf-8").splitlines()
    target = journal.with_name(f"{kind}.jsonl")
    if kind == "missing":
        return target, 1, "journal-unreadable", "no such file"
    if kind == "directory":
        target.mkdir()
        return target, 1, "journal-unreadable", "this is a directory, not a journal"
    if kind == "empty":
        target.write_bytes(b"")
        return target, 1, "journal-unreadable", "the file is empty"
    if kind == "not-a-journal":
        target.write_text(text_of(TINY), encoding="utf-8")
        return target, 1, "journal-unreadable", "not a whitecell journal"
    if kind == "damaged-header":
        write_lines(target, [raw[0][:-40] + "oops", *raw[1:]])
        return target, 1, "journal-unreadable", "the header line is damaged: not valid JSON"
    if kind == "scenario-hash":
        lines[0]["scenario"]["turns"]["count"] = 5
        write_lines(target, lines)
        return target, 1, "scenario-mismatch", "scenario hash mismatch"
    if kind == "unknown-command":
        lines[6]["command"] = {"command": "surrender"}
        write_lines(target, lines)
        return target, 7, "unknown-command", "unknown command 'surrender'"
    if kind == "digest-mismatch":
        digest = lines[6]["digest"]
        lines[6]["digest"] = digest[:10] + ("0" if digest[10] != "0" else "1") + digest[11:]
        write_lines(target, lines)
        return target, 7, "digest-mismatch", "digest mismatch"
    assert kind == "bad-json"
    write_lines(target, [*raw[:8], raw[8][:-3], *raw[9:]])
    return target, 9, "damaged-line", "not valid JSON"


KINDS = (
    "missing",
    "directory",
    "empty",
    "not-a-journal",
    "damaged-header",
    "scenario-hash",
    "unknown-command",
    "digest-mismatch",
    "bad-json",
)


@pytest.mark.parametrize("kind", KINDS)
def test_verify_names_the_first_bad_line(capsys: pytest.CaptureFixture[str], journal: Path, kind: str) -> None:
    path, line, code, words = _damage(kind, journal)
    result = run_here(capsys, "replay", str(path), "--verify")
    invalid(result, f"{path}:{line}:1: error: ")
    assert words in result.stderr
    assert result.stdout == ""
    data = json.loads(run_here(capsys, "replay", str(path), "--verify", "--json").stdout)
    assert data["verified"] is False
    assert data["problem"]["line"] == line
    assert data["problem"]["code"] == code
    assert words in data["problem"]["message"]


@pytest.mark.parametrize("kind", KINDS)
def test_replay_of_a_bad_journal_prints_what_replayed_and_exits_1(
    capsys: pytest.CaptureFixture[str], journal: Path, kind: str
) -> None:
    path, line, _, words = _damage(kind, journal)
    result = run_here(capsys, "replay", str(path))
    invalid(result, f"{path}:{line}:1: error: ")
    assert words in result.stderr
    if line == 1:
        assert result.stdout == ""
    else:
        assert result.stdout.startswith("Harbour Talks")
        assert f"{line - 2} commands replayed" in result.stdout
        assert "Not finished" in result.stdout
    as_json = run_here(capsys, "replay", str(path), "--json")
    assert as_json.returncode == 1
    if line > 1:
        assert json.loads(as_json.stdout)["problem"]["line"] == line


def test_a_bad_line_replays_nothing_of_itself(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    """The session stops before a line whose digest does not match: its command is not in effect."""
    path, line, _, _ = _damage("digest-mismatch", journal)
    session, problems = Session.replay(open_journal(path))
    assert problems[0].line == line == 7
    assert [record.line for record in session.records] == [2, 3, 4, 5, 6]
    assert session.state.turn == 1
    good, _ = Session.replay(open_journal(journal))
    assert session.digest() == good.records[4].digest


def test_turn_beyond_what_replayed_reports_the_problem(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    path, _, _, _ = _damage("digest-mismatch", journal)
    result = run_here(capsys, "replay", str(path), "--turn", "2")
    invalid(result, "digest mismatch")
    assert "--turn 2: the journal records week 1 only (it does not replay further)" in result.stderr


def test_bad_journals_from_the_installed_command(journal: Path) -> None:
    for kind in ("missing", "bad-json"):
        path, line, _, words = _damage(kind, journal)
        for args in (("replay", str(path)), ("replay", str(path), "--verify")):
            result = run(*args)
            invalid(result, f"{path}:{line}:1: error: ")
            assert words in result.stderr


def test_a_cut_off_last_line_is_mentioned_but_not_a_failure(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    data = journal.read_bytes()
    journal.write_bytes(data[:-20])
    expected = f"{journal}:{len(COMMANDS) + 1}:1: warning: line {len(COMMANDS) + 1} was cut off"
    verified = run_here(capsys, "replay", str(journal), "--verify")
    assert verified.returncode == 0
    assert expected in verified.stderr
    assert verified.stderr.endswith("(resuming the session drops it) [cut-off]\n"), "the code that the format reference explains"
    assert f"the header and {len(COMMANDS) - 1} commands replay exactly" in verified.stdout
    as_json = json.loads(run_here(capsys, "replay", str(journal), "--verify", "--json").stdout)
    assert as_json["cutOff"] == {"line": len(COMMANDS) + 1, "bytes": len(data.splitlines()[-1]) - 19}
    told = run_here(capsys, "replay", str(journal))
    assert told.returncode == 0
    assert expected in told.stderr
    assert "Good hotwash." not in told.stdout


# --- schema --journal ------------------------------------------------------------------------------


def journal_validator(definition: str | None = None) -> Draft202012Validator:
    """The journal schema's validator, or one for a single definition of it (``command``...)."""
    schema = json.loads(schema_text(JOURNAL_SCHEMA_FILE))
    if definition is not None:
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    registry: Registry[Any] = Registry().with_resource(scenario_schema()["$id"], Resource.from_contents(scenario_schema()))
    return Draft202012Validator(schema, registry=registry)


def test_schema_journal_prints_the_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_here(capsys, "schema", "--journal")
    assert result.returncode == 0
    shipped = (Path(__file__).parent.parent / "engine" / "schema" / JOURNAL_SCHEMA_FILE).read_text(encoding="utf-8")
    assert result.stdout == shipped
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:whitecell:schema:journal:1"
    assert run_here(capsys, "schema").stdout == schema_text()  # without --journal: the scenario's, as before


def test_the_journal_schema_documents_every_property_and_refuses_unknown_ones() -> None:
    schema = json.loads(schema_text(JOURNAL_SCHEMA_FILE))
    untitled = [
        f"{path}/properties/{name}"
        for path, node in object_schemas(schema)
        for name, prop in node["properties"].items()
        if not (prop.get("title") and prop.get("description"))
    ]
    assert not untitled, untitled
    loose = [path for path, node in object_schemas(schema) if node.get("additionalProperties") is not False]
    assert not loose, loose


def test_every_line_of_real_journals_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The journal above (every command kind, undo, redo), a forked one, and a bot game of every bundled scenario."""
    validator = journal_validator()
    paths = [tmp_path / "game.jsonl", tmp_path / "forked.jsonl"]
    write_journal(paths[0])
    forked = Session.new(
        scenario(), 9, paths[1], clock=clock, settings=Settings(timer_minutes=15), forked_from=Fork("game.jsonl", 7, "0" * 64)
    )
    forked.close()
    bots = tmp_path / "bots"
    for entry in scenarios.bundled_files():
        name = entry.name.removesuffix(".json")
        result = run_here(capsys, "simulate", name, "--games", "1", "--policy", "tokyo=greedy", "--journal-dir", str(bots / name))
        assert result.returncode == 0, result.stderr
        paths.extend(sorted((bots / name).iterdir()))
    assert len(paths) == 2 + len(scenarios.bundled_files())
    seen_events: set[str] = set()
    seen_commands: set[str] = set()
    for path in paths:
        for number, line in enumerate(lines_of(path), start=1):
            errors = sorted(validator.iter_errors(line), key=lambda error: error.json_path)
            assert not errors, (path.name, number, [error.message[:200] for error in errors])
            seen_commands.add(line.get("command", {}).get("command", "header"))
            seen_events.update(event["event"] for event in line.get("events", line.get("start", {}).get("events", [])))
    assert seen_commands >= {"header", "orders", "resolve", "inject", "adjust", "note", "end", "undo", "redo"}
    assert {"changed", "shock-fired", "undone", "redone", "game-ended", "note-added", "rolled"} <= seen_events


def test_the_schema_refuses_what_is_not_a_journal_line(journal: Path) -> None:
    validator = journal_validator()
    header, *entries = lines_of(journal)
    assert not list(validator.iter_errors(header))
    wrong = [
        {**header, "seed": -1},
        {**header, "extra": 1},
        {**entries[0], "digest": "xyz"},
        {**entries[0], "command": {"command": "surrender"}},
        {**entries[0], "events": [{"event": "changed", "var": "trust"}]},
        {key: value for key, value in entries[0].items() if key != "n"},
    ]
    for line in wrong:
        assert list(validator.iter_errors(line)), line


# --- simulate --journal-dir -------------------------------------------------------------------------


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.json"
    path.write_text(text_of(TINY), encoding="utf-8")
    return path


def _but_engine(report: str) -> list[str]:
    """A simulate report's lines but the one saying which engine played (journaled runs are the scalar engine's)."""
    return [line for line in report.splitlines() if not line.startswith("Engine: ")]


def _json_but_engine(report: str) -> dict[str, object]:
    """A simulate --json report without the fields saying which engine played and how."""
    fields: dict[str, object] = json.loads(report)
    return {key: value for key, value in fields.items() if not key.startswith("engine")}


def test_simulate_writes_one_journal_per_game_and_the_same_statistics(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    directory = tmp_path / "new" / "journals"
    args = ["simulate", "missile-crisis", "--games", "5", "--seed", "3", "--policy", "tokyo=greedy"]
    plain = run_here(capsys, *args)
    journaled = run_here(capsys, *args, "--journal-dir", str(directory))
    assert journaled.returncode == plain.returncode == 0
    assert "Engine: scalar (one game at a time, because every game is journaled" in journaled.stdout
    assert _but_engine(journaled.stdout) == _but_engine(plain.stdout), "the same statistics, whichever engine played"
    assert sorted(path.name for path in directory.iterdir()) == [f"game-000{i}.jsonl" for i in range(1, 6)]
    as_json = run_here(capsys, *args, "--json", "--journal-dir", str(tmp_path / "again"))
    assert _json_but_engine(as_json.stdout) == _json_but_engine(run_here(capsys, *args, "--json").stdout)
    for path in sorted(directory.iterdir()):
        verified = run_here(capsys, "replay", str(path), "--verify")
        assert verified.returncode == 0, verified.stderr
        header = lines_of(path)[0]
        assert header["settings"]["bots"] == {"seoul": "random", "tokyo": "greedy"}
        told = run_here(capsys, "replay", str(path))
        assert "Played by: Seoul: bot (random); Tokyo: bot (greedy)" in told.stdout
        assert "\nOutcome\n  The game ends: " in told.stdout


def test_simulate_journals_replay_to_the_games_the_statistics_counted(tmp_path: Path) -> None:
    from engine.bots.registry import make_bot
    from engine.bots.simulate import game_seed, play
    from engine.core.rules import compile_scenario
    from engine.load.catalog import resolve_scenario

    result = run("simulate", "--games", "3", "--seed", "9", "--journal-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    game = compile_scenario(resolve_scenario(None))
    policies = {role: make_bot("random") for role in game.role_ids}
    for index in range(3):
        session, problems = Session.replay(open_journal(tmp_path / f"game-000{index + 1}.jsonl"))
        assert problems == []
        assert session.seed == game_seed(9, index)
        assert session.state == play(game, session.seed, policies).final


def test_simulate_never_overwrites_a_journal(capsys: pytest.CaptureFixture[str], tiny: Path, tmp_path: Path) -> None:
    directory = tmp_path / "out"
    directory.mkdir()
    (directory / "game-0002.jsonl").write_text("precious\n", encoding="utf-8")
    result = run_here(capsys, "simulate", str(tiny), "--games", "3", "--journal-dir", str(directory))
    invalid(result, f"{directory / 'game-0002.jsonl'} already exists; journals are never overwritten")
    assert result.stdout == ""
    assert sorted(path.name for path in directory.iterdir()) == ["game-0002.jsonl"]
    assert (directory / "game-0002.jsonl").read_text(encoding="utf-8") == "precious\n"


def test_simulate_journal_dir_that_is_a_file(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    result = run_here(capsys, "simulate", str(tiny), "--games", "1", "--journal-dir", str(tiny))
    invalid(result, "is a file, not a directory")


def test_simulate_names_journals_by_the_number_of_games(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    small = doc(turns={"count": 1})
    path = tmp_path / "one-turn.json"
    path.write_text(text_of(small), encoding="utf-8")
    result = run_here(capsys, "simulate", str(path), "--games", "12", "--journal-dir", str(tmp_path / "j"))
    assert result.returncode == 0, result.stderr
    names = sorted(entry.name for entry in (tmp_path / "j").iterdir())
    assert names[0] == "game-0001.jsonl" and names[-1] == "game-0012.jsonl" and len(names) == 12


def test_the_journal_schema_has_every_command_kind_the_engine_writes() -> None:
    """A command added to the engine and left out of the published schema would make real journals
    fail to validate (``return`` was missing); each kind's JSON from the engine validates."""
    schema = json.loads(schema_text(JOURNAL_SCHEMA_FILE))
    kinds = {cls.kind for cls in typing.get_args(SessionCommand)}
    published = {
        schema["$defs"][ref["$ref"].rsplit("/", 1)[-1]]["properties"]["command"]["const"]
        for ref in schema["$defs"]["command"]["oneOf"]
    }
    assert published == kinds
    sent_back = ReturnOrders("seoul", "Please check the budget.")
    assert command_from_json(sent_back.to_json()) == sent_back
    assert not list(journal_validator("command").iter_errors(sent_back.to_json()))
