"""The `whitecell` command end to end: exit statuses, messages, validate, simulate, list, schema.

Exit status everywhere: 0 success, 1 invalid input, 2 bad usage; no traceback for bad input.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import scenarios
from engine.cli.main import main
from engine.schema import SCENARIO_SCHEMA_FILE, schema_text
from engine.version import __version__
from tests.helpers import doc, text_of

_SCRIPT = Path(sys.executable).parent / "whitecell"
COMMAND: list[str] = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "engine"]
SCENARIO_DIR = Path(scenarios.__file__).parent
DEFAULT_FILE = SCENARIO_DIR / f"{scenarios.DEFAULT}.json"
BUNDLED_FILES = sorted(SCENARIO_DIR.glob("*.json"))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run whitecell with pipes (never a terminal) and return what it did."""
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=300, check=False)


def run_here(capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process (much faster) and return the same kind of result."""
    try:
        status = main(list(args))
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    captured = capsys.readouterr()
    return subprocess.CompletedProcess([*COMMAND, *args], status, captured.out, captured.err)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


def usage_error(result: subprocess.CompletedProcess[str], needle: str) -> None:
    """Exit 2, one message naming the problem on stderr, nothing on stdout, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == ""
    assert needle in result.stderr
    assert "error:" in result.stderr
    no_traceback(result)


TINY: dict[str, Any] = doc(
    turns={"count": 4},
    actions=[
        {
            "id": "talk",
            "label": "Talk",
            "roles": ["seoul", "tokyo"],
            "effects": [{"chance": 0.5, "then": [{"add": {"trust": 5}}], "else": [{"add": {"trust": -5}}]}],
        },
        {"id": "wait", "label": "Wait", "roles": ["tokyo"], "cost": 0, "effects": [{"add": {"trust": -1}}]},
    ],
    shocks=[
        {
            "id": "storm",
            "title": "Storm",
            "category": "disaster",
            "narrative": "A storm.",
            "trigger": {"chance": 0.5},
            "effects": [{"add": {"trust": -3}}],
        }
    ],
    rules=[{"id": "noise", "effects": [{"chance": 0.5, "then": [{"add": {"trust": 1}}]}]}],
    outcomes=[
        {"id": "good", "title": "Good", "when": {"var": "trust", "atLeast": 50}},
        {"id": "bad", "title": "Bad"},
    ],
)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.json"
    path.write_text(text_of(TINY), encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    document = doc(
        titel="Tiny",
        actions=[{"id": "talk", "label": "Talk", "roles": ["seoul", "tokoy"], "effects": []}],
    )
    path = tmp_path / "broken.json"
    path.write_text(text_of(document), encoding="utf-8")
    return path


# --- help and version ---------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"whitecell {__version__}\n"


def test_help_lists_the_commands_and_the_exit_statuses() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: whitecell")
    for command in ("list", "validate", "simulate", "schema"):
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.MULTILINE), command
    assert "0 success, 1 invalid input, 2 bad usage" in " ".join(result.stdout.split())
    assert result.stderr == ""


def test_the_front_door_lists_every_command() -> None:
    from engine.cli.registry import COMMANDS

    result = run("--help")
    listed = re.findall(r"^    ([a-z]+)\s", result.stdout, re.MULTILINE)
    assert listed == [*(command.name for command in COMMANDS), "play", "display"]
    assert listed[:5] == ["list", "simulate", "replay", "schema", "report"]


def test_the_front_door_imports_no_more_than_the_command_line_until_the_app_opens() -> None:
    """`whitecell validate` must start as fast as `python -m engine validate`: neither Textual nor the model at import."""
    heavy = (
        "textual",
        "rich",
        "tui.app",
        "tui.launch",
        "engine.journal.session",
        "engine.load.catalog",
        "engine.core.model",
        "engine.load.loader",
    )
    probe = f"import sys, tui.main; print([m for m in sys.modules if m.startswith({heavy!r})])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout == "[]\n"


def test_no_arguments_prints_the_help() -> None:
    result = run()
    assert result.returncode == 0
    assert result.stdout == run("--help").stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("list", ["--json"]),
        ("validate", ["FILE", "--format", "FILE:LINE:COL"]),
        ("simulate", ["FILE", "--games", "--seed", "--policy", "--json", "random", "greedy", "passive"]),
        ("schema", ["JSON Schema"]),
    ],
)
def test_command_help(command: str, words: list[str]) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: whitecell {command}")
    for word in words:
        assert word in result.stdout, word
    assert result.stderr == ""


# --- bad usage: exit 2 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["bogus"], "invalid choice: 'bogus'"),
        (["--frob"], "unrecognized arguments: --frob"),
        (["validate", "--frob", "x.json"], "unrecognized arguments: --frob"),
        (["validate"], "the following arguments are required: FILE"),
        (["validate", "--format", "xml", "x.json"], "invalid choice: 'xml'"),
        (["simulate", "--games", "0"], "the number of games must be from 1 to 1,000,000, got 0"),
        (["simulate", "--games", "-5"], "the number of games must be from 1 to 1,000,000"),
        (["simulate", "--games", "1000001"], "the number of games must be from 1 to 1,000,000, got 1000001"),
        (["simulate", "--games", "ten"], "expected a whole number of games, got 'ten'"),
        (["simulate", "--games", "2.5"], "expected a whole number of games, got '2.5'"),
        (["simulate", "--seed", "x"], "expected a whole number as the seed, got 'x'"),
        (["simulate", "--seed", "-1"], "the seed must be from 0 to 18446744073709551615"),
        (["simulate", "--seed", str(2**64)], "the seed must be from 0 to 18446744073709551615"),
        (["simulate", "--policy", "clever"], "unknown policy 'clever' (known: random, greedy, passive)"),
        (["simulate", "--policy", "seoul=clever"], "unknown policy 'clever'"),
        (["simulate", "--policy", "=greedy"], "expected ROLE=POLICY, e.g. tokyo=greedy, got '=greedy'"),
        (["simulate", "--policy", "seoul="], "expected ROLE=POLICY, e.g. tokyo=greedy, got 'seoul='"),
        (["simulate", "--seed", "-1"], "the seed must be from 0 to 18446744073709551615, got -1"),
        (["replay", "game.jsonl", "--turn", "0"], "turns are numbered from 1, got 0"),
        (["replay", "game.jsonl", "--turn", "last"], "expected a turn number, got 'last'"),
        (["fork", "game.jsonl", "--line", "0"], "journal lines are numbered from 1 (the header), got 0"),
        (["fork", "game.jsonl", "--line", "x"], "expected a journal line number, got 'x'"),
        (["lint", "--games", "-1"], "the number of games must be from 0 (static checks only) to 100,000, got -1"),
        (["lint", "--games", "many"], "expected a whole number of games, got 'many'"),
        (["list", "extra"], "unrecognized arguments: extra"),
        (["schema", "--json"], "unrecognized arguments: --json"),
    ],
)
def test_bad_usage_exits_2_with_a_message(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    result = run_here(capsys, *args)
    usage_error(result, needle)
    assert "--help' for more." in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["bogus"], "invalid choice: 'bogus'"),
        (["--frob"], "unrecognized arguments: --frob"),
        (["simulate", "--games", "ten"], "expected a whole number of games, got 'ten'"),
        (["simulate", "--seed", "-1"], "the seed must be from 0 to 18446744073709551615"),
        (["simulate", "--policy", "clever"], "unknown policy 'clever' (known: random, greedy, passive)"),
    ],
)
def test_bad_usage_exits_2_from_the_installed_command(args: list[str], needle: str) -> None:
    result = run(*args)
    usage_error(result, needle)
    assert result.stderr.endswith("Run 'whitecell --help' for more.\n") or "--help' for more." in result.stderr


def test_policy_naming_an_unknown_role_is_bad_usage(tiny: Path) -> None:
    result = run("simulate", str(tiny), "--games", "2", "--policy", "pyongyang=greedy")
    usage_error(result, "--policy names role 'pyongyang', but this scenario's roles are seoul, tokyo")


# --- schema -------------------------------------------------------------------------------------------


def test_schema_prints_the_shipped_file() -> None:
    result = run("schema")
    assert result.returncode == 0
    shipped = (Path(__file__).parent.parent / "engine" / "schema" / SCENARIO_SCHEMA_FILE).read_text(encoding="utf-8")
    assert result.stdout == shipped == schema_text()
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert result.stderr == ""


# --- validate ----------------------------------------------------------------------------------------------


def test_validate_a_valid_file(tiny: Path) -> None:
    result = run("validate", str(tiny))
    assert result.returncode == 0
    assert result.stdout == f"{tiny}: ok: Tiny (format 1; 4 turns; 2 roles, 1 variable, 2 actions, 1 shock)\n"
    assert result.stderr == ""


LOCATED = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<pointer>/\S*): "
    r"(?P<message>.+) \[(?P<code>[a-z0-9-]+)\]$"
)


def test_validate_a_broken_file_lists_located_problems_and_a_summary(broken: Path) -> None:
    result = run("validate", str(broken))
    assert result.returncode == 1
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert lines[-1] == f"2 errors and 0 warnings in {broken}"
    text = broken.read_text(encoding="utf-8")
    source_lines = text.splitlines()
    seen = []
    for line in lines[:-1]:
        match = LOCATED.match(line)
        assert match, line
        assert match["file"] == str(broken)
        row, column = int(match["line"]), int(match["column"])
        seen.append((match["pointer"], match["message"], match["code"], source_lines[row - 1][column - 1 :]))
    assert seen == [
        ("/actions/0/roles/1", "unknown role 'tokoy' (did you mean 'tokyo'?)", "unknown-role", '"tokoy"'),
        ("/titel", "unknown property 'titel' (did you mean 'title'?)", "unknown-property", '"titel": "Tiny"'),
    ]


def test_validate_several_files_reports_each(tmp_path: Path, tiny: Path, broken: Path) -> None:
    missing = tmp_path / "missing.json"
    result = run("validate", str(tiny), str(broken), str(missing))
    assert result.returncode == 1
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tiny}: ok: Tiny (format 1; 4 turns; 2 roles, 1 variable, 2 actions, 1 shock)"
    assert sum(line.startswith(f"{broken}:") for line in lines) == 2
    assert f"{missing}:1:1: error: no such file; check the path (a scenario is a .json file) [no-such-file]" in lines
    assert lines[-1] == f"3 errors and 0 warnings in {broken}, {missing}"


def test_validate_several_valid_files(tiny: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(text_of(doc(id="other", title="Other")), encoding="utf-8")
    result = run("validate", str(tiny), str(other))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{tiny}: ok: Tiny (format 1; 4 turns; 2 roles, 1 variable, 2 actions, 1 shock)",
        f"{other}: ok: Other (format 1; 4 turns; 2 roles, 1 variable, 0 actions, 0 shocks)",
    ]


def test_validate_json_format(tiny: Path, broken: Path) -> None:
    result = run("validate", "--format", "json", str(tiny), str(broken))
    assert result.returncode == 1
    diagnostics = json.loads(result.stdout)
    assert isinstance(diagnostics, list)
    assert [set(item) for item in diagnostics] == [
        {"file", "line", "column", "end", "pointer", "severity", "code", "message", "suggestion"}
    ] * 2
    role, prop = diagnostics
    assert role == {
        "file": str(broken),
        "line": role["line"],
        "column": role["column"],
        "end": {"line": role["line"], "column": role["column"] + len('"tokoy"')},
        "pointer": "/actions/0/roles/1",
        "severity": "error",
        "code": "unknown-role",
        "message": "unknown role 'tokoy' (did you mean 'tokyo'?)",
        "suggestion": "tokyo",
    }
    assert (prop["pointer"], prop["code"], prop["severity"]) == ("/titel", "unknown-property", "error")
    source_lines = broken.read_text(encoding="utf-8").splitlines()
    assert source_lines[role["line"] - 1][role["column"] - 1 :] == '"tokoy"'
    assert source_lines[prop["line"] - 1][prop["column"] - 1 :].startswith('"titel"')


def test_validate_json_format_of_unusable_files(tmp_path: Path) -> None:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    result = run("validate", "--format", "json", str(folder), str(tmp_path / "gone.json"))
    assert result.returncode == 1
    no_traceback(result)
    assert [(item["file"], item["line"], item["column"], item["code"]) for item in json.loads(result.stdout)] == [
        (str(folder), 1, 1, "not-a-file"),
        (str(tmp_path / "gone.json"), 1, 1, "no-such-file"),
    ]


def test_validate_json_format_of_a_valid_file_is_an_empty_list(tiny: Path) -> None:
    result = run("validate", "--format", "json", str(tiny))
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def unusable_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    latin = tmp_path / "latin1.json"
    latin.write_bytes(b'{"title": "Caf\xe9"}')
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    utf16 = tmp_path / "utf16.json"
    utf16.write_bytes('{"format": 1}'.encode("utf-16"))
    array = tmp_path / "array.json"
    array.write_text("[1, 2, 3]\n", encoding="utf-8")
    truncated = tmp_path / "truncated.json"
    truncated.write_text(text_of(TINY)[:200], encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000, encoding="utf-8")
    nan = tmp_path / "nan.json"
    nan.write_text('{"format": NaN}', encoding="utf-8")
    return {
        "directory": (folder, f"{folder}:1:1: error: this is a directory, not a scenario file"),
        "missing": (tmp_path / "nope.json", f"{tmp_path / 'nope.json'}:1:1: error: no such file; check the path"),
        "not utf-8": (
            latin,
            f"{latin}:1:15: error: the file is not UTF-8 text: byte 0xe9 cannot be decoded; save it as UTF-8",
        ),
        "empty": (empty, f"{empty}:1:1: error: the file is empty: expected a JSON object"),
        "utf-16": (utf16, f"{utf16}:1:1: error: the file is saved as UTF-16; save it as UTF-8"),
        "array": (array, f"{array}:1:1: error: a scenario is a JSON object {{...}}, but this file holds an array"),
        "truncated": (truncated, f"{truncated}:"),
        "deep": (deep, f"{deep}:1:101: error: /0/0/"),
        "nan": (nan, f"{nan}:1:12: error: NaN is not a JSON number; write a number"),
    }


CASES = ["directory", "missing", "not utf-8", "empty", "utf-16", "array", "truncated", "deep", "nan"]


@pytest.mark.parametrize("case", CASES)
def test_validate_unusable_files_cleanly(tmp_path: Path, case: str) -> None:
    path, expected = unusable_files(tmp_path)[case]
    result = run("validate", str(path))
    assert result.returncode == 1
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(expected)
    assert lines[1] == f"1 error and 0 warnings in {path}"


@pytest.mark.parametrize("case", CASES)
def test_simulate_unusable_files_cleanly(capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str) -> None:
    path, expected = unusable_files(tmp_path)[case]
    result = run_here(capsys, "simulate", str(path), "--games", "2")
    assert result.returncode == 1
    no_traceback(result)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(expected)
    assert lines[-1] == f"1 problem in {path}"


def test_validate_a_file_named_without_json_suffix(tmp_path: Path) -> None:
    plain = tmp_path / "scenario.txt"
    plain.write_text(text_of(doc()), encoding="utf-8")
    result = run("validate", str(plain))
    assert result.returncode == 0
    assert result.stdout.startswith(f"{plain}: ok: Tiny")


def test_validate_an_unknown_name_lists_the_bundled_scenarios() -> None:
    result = run("validate", "no-such-scenario")
    assert result.returncode == 1
    no_traceback(result)
    first = result.stdout.splitlines()[0]
    assert first.startswith("no-such-scenario:1:1: error: no such file, and no bundled scenario of that name (bundled: ")
    assert scenarios.DEFAULT in first


def test_a_closed_pipe_is_quiet_and_keeps_the_exit_status(tmp_path: Path) -> None:
    # Enough problems to overflow the pipe: the reader stops after the first bytes.
    many = tmp_path / "many.json"
    many.write_text(json.dumps({f"x{index}": 1 for index in range(3000)}), encoding="utf-8")
    with subprocess.Popen([*COMMAND, "validate", str(many)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10)
        process.stdout.close()
        errors = process.stderr.read().decode("utf-8")
        status = process.wait(timeout=120)
    assert "Traceback" not in errors
    assert "BrokenPipe" not in errors
    assert status == 1, "the file is invalid whether or not the reader read every line"


# --- simulate ----------------------------------------------------------------------------------------------


def simulate_json(*args: str) -> dict[str, Any]:
    result = run("simulate", *args, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_simulate_text_report(tiny: Path) -> None:
    result = run("simulate", str(tiny), "--games", "20")
    assert result.returncode == 0
    assert result.stderr == "", "no progress bar when stderr is not a terminal"
    lines = result.stdout.splitlines()
    assert lines[0] == "Tiny (tiny)"
    assert lines[1] == "20 games, seed 1; seoul: random, tokyo: random"
    assert lines[2].startswith("Game length: mean ")
    for heading in (
        "Outcomes",
        "How games ended",
        "Variables at the end",
        "Shocks (games in which each fired)",
        "Actions (times taken; share of games in which it was available)",
        "Objectives (share of games in which each was met)",
    ):
        assert heading in lines, heading
    outcome_rows = lines[lines.index("Outcomes") + 1 : lines.index("Outcomes") + 3]
    assert [row.split()[0] for row in outcome_rows] == ["Good", "Bad"]
    assert sum(int(row.split()[1]) for row in outcome_rows) == 20
    assert any(line.strip().startswith("Trust ") for line in lines)
    assert any(line.strip().startswith("Storm ") for line in lines)
    assert any(line.strip().startswith("Talk ") for line in lines)


def test_simulate_json_report(tiny: Path) -> None:
    report = simulate_json(str(tiny), "--games", "20", "--seed", "7")
    assert {"games", "outcomes", "shocks", "actions", "variables"} <= set(report)
    assert report["games"] == 20
    assert report["seed"] == 7
    assert report["scenario"] == {"id": "tiny", "title": "Tiny"}
    assert report["policies"] == {"seoul": "random", "tokyo": "random"}
    assert set(report["outcomes"]) == {"good", "bad"}
    assert sum(report["outcomes"].values()) == 20
    assert set(report["shocks"]) == {"storm"}
    assert 0 <= report["shocks"]["storm"] <= 20
    assert set(report["actions"]) == {"talk", "wait"}
    trust = report["variables"]["trust"]
    assert set(trust) == {"mean", "min", "max"}
    assert 0 <= trust["min"] <= trust["mean"] <= trust["max"] <= 100


def test_simulate_is_reproducible_byte_for_byte(tiny: Path) -> None:
    for extra in ([], ["--json"]):
        first = run("simulate", str(tiny), "--games", "20", "--seed", "42", *extra)
        second = run("simulate", str(tiny), "--games", "20", "--seed", "42", *extra)
        assert first.returncode == second.returncode == 0
        assert first.stdout == second.stdout


def test_different_seeds_give_different_games(tiny: Path) -> None:
    reports = [simulate_json(str(tiny), "--games", "20", "--seed", str(seed)) for seed in (1, 2, 3)]
    played = [(report["outcomes"], report["variables"], report["shocks"], report["actions"]) for report in reports]
    assert len({json.dumps(item, sort_keys=True) for item in played}) > 1


def test_simulate_policy_for_one_role(tiny: Path) -> None:
    report = simulate_json(str(tiny), "--games", "20", "--policy", "seoul=greedy")
    assert report["policies"] == {"seoul": "greedy", "tokyo": "random"}
    text = run("simulate", str(tiny), "--games", "20", "--policy", "seoul=greedy").stdout
    assert text.splitlines()[1] == "20 games, seed 1; seoul: greedy, tokyo: random"


def test_simulate_passive_policy_takes_no_action(tiny: Path) -> None:
    report = simulate_json(str(tiny), "--games", "20", "--policy", "passive")
    assert report["policies"] == {"seoul": "passive", "tokyo": "passive"}
    assert report["actions"] == {"talk": 0, "wait": 0}


def test_later_policies_override_earlier_ones(tiny: Path) -> None:
    report = simulate_json(str(tiny), "--games", "5", "--policy", "passive", "--policy", "tokyo=greedy")
    assert report["policies"] == {"seoul": "passive", "tokyo": "greedy"}


def test_simulate_by_relative_path(tiny: Path) -> None:
    result = run("simulate", tiny.name, "--games", "3", "--json", cwd=tiny.parent)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenario"]["id"] == "tiny"


# --- bundled scenarios: list, and simulate without FILE ---------------------------------------------------


needs_default = pytest.mark.skipif(not DEFAULT_FILE.exists(), reason=f"{DEFAULT_FILE.name} is not written yet")


@needs_default
def test_list_shows_every_bundled_scenario_default_first() -> None:
    result = run("list")
    assert result.returncode == 0, result.stdout + result.stderr
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(scenarios.DEFAULT + " ")
    assert lines[0].endswith("(default)")
    names = [line.split()[0] for line in lines if line and not line.startswith(" ")]
    assert names == [scenarios.DEFAULT, *sorted(path.stem for path in BUNDLED_FILES if path != DEFAULT_FILE)]
    assert sum("(default)" in line for line in lines) == 1


@needs_default
def test_list_json() -> None:
    result = run("list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["name"] for row in rows] == [scenarios.DEFAULT, *sorted(p.stem for p in BUNDLED_FILES if p != DEFAULT_FILE)]
    assert [row["default"] for row in rows] == [True] + [False] * (len(rows) - 1)
    for row, path in zip(rows, [DEFAULT_FILE, *(p for p in BUNDLED_FILES if p != DEFAULT_FILE)], strict=True):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert set(row) == {"name", "title", "turns", "turnLabel", "roles", "actors", "summary", "default"}
        assert row["title"] == document["title"]
        assert row["turns"] == document["turns"]["count"]
        assert row["turnLabel"] == document["turns"].get("label", "Turn")
        assert row["roles"] == [role["id"] for role in document["roles"]]
        assert row["actors"] == [role["id"] for role in document["roles"] if role.get("playedBy") == "white-cell"]
        assert row["summary"] == document.get("summary", "")


@needs_default
def test_simulate_without_a_file_plays_the_default_scenario() -> None:
    report = simulate_json("--games", "5")
    document = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    assert report["scenario"] == {"id": document["id"], "title": document["title"]}
    assert report["games"] == 5
    assert sum(report["outcomes"].values()) == 5
    assert set(report["variables"]) == {variable["id"] for variable in document["variables"]}


@needs_default
def test_simulate_and_validate_a_bundled_scenario_by_name() -> None:
    assert simulate_json(scenarios.DEFAULT, "--games", "3")["games"] == 3
    result = run("validate", scenarios.DEFAULT)
    assert result.returncode == 0
    assert result.stdout.startswith(f"{scenarios.DEFAULT}: ok: ")


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=[path.stem for path in BUNDLED_FILES])
def test_every_bundled_file_validates(path: Path) -> None:
    result = run("validate", str(path))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(f"{path}: ok: ")


# --- output files: report, docs, new, msel ---------------------------------------------------------

WRITERS = [
    ("report", ["report", "game.jsonl"], "report.html"),
    ("docs", ["docs", "missile-crisis"], "briefing.html"),
    ("new", ["new"], "my-scenario.json"),
    ("msel export", ["msel", "export", "missile-crisis"], "events.csv"),
    ("msel import", ["msel", "import", "events.csv"], "new-scenario.json"),
]


def _writing(words: list[str], target: Path, *more: str) -> list[str]:
    """The command line that writes ``target`` (``new`` takes it as its argument, the others after -o)."""
    return [*words, str(target), *more] if words == ["new"] else [*words, "-o", str(target), *more]


@pytest.mark.parametrize(("name", "words", "example"), WRITERS, ids=[name for name, _, _ in WRITERS])
def test_every_writer_refuses_a_directory_the_same_way(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, words: list[str], example: str
) -> None:
    result = run_here(capsys, *_writing(words, tmp_path))
    usage_error(result, f"{tmp_path} is a directory; give the name of the file to write, e.g. {tmp_path / example}")


@pytest.mark.parametrize(("name", "words", "example"), WRITERS, ids=[name for name, _, _ in WRITERS])
def test_every_writer_refuses_a_missing_folder_before_doing_the_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, words: list[str], example: str
) -> None:
    target = tmp_path / "no-such-folder" / example
    result = run_here(capsys, *_writing(words, target))
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"whitecell: error: cannot write {target}: the folder {target.parent} does not exist\n"
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("words", "name", "status"),
    [(["docs", "missile-crisis"], "book.md", 1), (["new"], "plan.json", 1), (["msel", "export", "missile-crisis"], "e.csv", 1)],
)
def test_a_writer_replaces_a_file_only_with_force_whole_and_keeps_its_permissions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, words: list[str], name: str, status: int
) -> None:
    target = tmp_path / name
    target.write_text("my work", encoding="utf-8")
    refused = run_here(capsys, *_writing(words, target))
    assert refused.returncode == status
    assert f"{target} exists; add --force to replace it, or choose another name" in refused.stderr
    assert target.read_text(encoding="utf-8") == "my work"
    target.unlink()
    assert run_here(capsys, *_writing(words, target)).returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask, "an ordinary new file, not an owner-only temporary one"
    written = target.read_bytes()
    target.write_text("my work", encoding="utf-8")
    target.chmod(0o640)
    assert run_here(capsys, *_writing(words, target, "--force")).returncode == 0
    assert target.read_bytes() == written
    assert target.stat().st_mode & 0o777 == 0o640, "the replaced file's permissions are kept"
    assert [path.name for path in tmp_path.iterdir()] == [name], "no temporary file is left behind"


def test_a_file_that_appears_while_the_output_is_made_is_never_replaced_without_force(tmp_path: Path) -> None:
    from engine.cli.support import InvalidInput, write_output

    target = tmp_path / "report.md"
    target.write_text("written meanwhile by someone else", encoding="utf-8")
    with pytest.raises(InvalidInput, match="exists; add --force"):
        write_output(target, "# Report\n", force=False)
    assert target.read_text(encoding="utf-8") == "written meanwhile by someone else"
    assert [path.name for path in tmp_path.iterdir()] == ["report.md"]
    write_output(target, "# Report\n", force=True)
    assert target.read_text(encoding="utf-8") == "# Report\n"


def test_a_file_written_as_the_work_goes_on_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    """`output_stream`: the file takes its name when the work ends well; an error (or a second Ctrl-C) leaves the old one."""
    from engine.cli.support import InvalidInput, output_stream

    target = tmp_path / "games.csv"
    with output_stream(target, force=False) as stream:
        stream.write("a,b\r\n")
        assert not target.exists(), "nothing takes the name before the work has ended"
        stream.write("1,é\r\n")
    assert target.read_bytes() == "a,b\r\n1,é\r\n".encode()
    for stopped in (RuntimeError("the run failed"), KeyboardInterrupt()):
        with pytest.raises(type(stopped)), output_stream(target, force=True) as stream:
            stream.write("half")
            raise stopped
        assert target.read_bytes() == "a,b\r\n1,é\r\n".encode()
        assert [path.name for path in tmp_path.iterdir()] == ["games.csv"]
    with pytest.raises(InvalidInput, match="exists; add --force"), output_stream(target, force=False) as stream:
        stream.write("new")
    with pytest.raises(InvalidInput, match="cannot write"), output_stream(tmp_path / "missing" / "games.csv", force=True):
        pytest.fail("the stream is opened before any work is done")
    with output_stream(target, force=True) as stream:
        stream.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [path.name for path in tmp_path.iterdir()] == ["games.csv"]
