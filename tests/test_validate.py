"""`whitecell validate` end to end: text and JSON output, warnings and --strict, exit statuses, several files, bundled names."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import scenarios
from engine.cli.main import main
from engine.documents.codes import all_codes
from tests.helpers import doc, text_of

LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<pointer>/\S*): "
    r"(?P<message>.+) \[(?P<code>[a-z0-9-]+)\]$"
)
_SCRIPT = Path(sys.executable).parent / "whitecell"
COMMAND: list[str] = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "engine"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(["validate", *args])
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def write(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(text_of(document), encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write(tmp_path, "good.json", doc())


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    """Valid, with two warnings: a blank title and an effect that adds 0."""
    return write(tmp_path, "warned.json", doc(title=" ", rules=[{"id": "r", "effects": [{"add": {"trust": 0}}]}]))


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Two errors and one warning."""
    document = doc(titel="x", actions=[{"id": "a", "label": "", "roles": ["tokoy"], "effects": []}])
    return write(tmp_path, "broken.json", document)


def test_a_valid_file_is_ok(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    status, out, err = run(capsys, str(good))
    assert (status, err) == (0, "")
    assert out == f"{good}: ok: Tiny (format 1; 4 turns; 2 roles, 1 variable, 0 actions, 0 shocks)\n"


def test_warnings_are_listed_but_do_not_fail(capsys: pytest.CaptureFixture[str], warned: Path) -> None:
    status, out, _ = run(capsys, str(warned))
    lines = out.splitlines()
    assert status == 0
    assert [LINE.match(line)["severity"] for line in lines[:2]] == ["warning", "warning"]  # type: ignore[index]
    assert lines[2].startswith(f"{warned}: ok: ")
    assert lines[3] == f"0 errors and 2 warnings in {warned}"


def test_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str], warned: Path, good: Path) -> None:
    assert run(capsys, "--strict", str(warned))[0] == 1
    assert run(capsys, "--strict", str(good))[0] == 0


def test_errors_and_warnings_in_text_point_at_their_values(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    status, out, _ = run(capsys, str(broken))
    assert status == 1
    source = broken.read_text(encoding="utf-8").splitlines()
    *lines, summary = out.splitlines()
    assert summary == f"2 errors and 1 warning in {broken}"
    found = []
    for line in lines:
        match = LINE.match(line)
        assert match, line
        row, column = int(match["line"]), int(match["column"])
        found.append((match["severity"], match["pointer"], match["code"], source[row - 1][column - 1 :]))
    assert found == [
        ("warning", "/actions/0/label", "empty-text", '"",'),
        ("error", "/actions/0/roles/0", "unknown-role", '"tokoy"'),
        ("error", "/titel", "unknown-property", '"titel": "x"'),
    ]
    explained = all_codes()
    for severity, _, code, _ in found:
        assert explained[code].severity == severity, "each code shown is one the format reference explains, as reported"


def test_json_lists_every_diagnostic_with_its_end(capsys: pytest.CaptureFixture[str], broken: Path, good: Path) -> None:
    status, out, _ = run(capsys, "--format", "json", str(good), str(broken))
    assert status == 1
    items = json.loads(out)
    assert [(item["severity"], item["code"], item["pointer"]) for item in items] == [
        ("warning", "empty-text", "/actions/0/label"),
        ("error", "unknown-role", "/actions/0/roles/0"),
        ("error", "unknown-property", "/titel"),
    ]
    role = items[1]
    assert set(role) == {"file", "line", "column", "end", "pointer", "severity", "code", "message", "suggestion"}
    assert role["file"] == str(broken)
    assert role["suggestion"] == "tokyo"
    assert role["end"] == {"line": role["line"], "column": role["column"] + len('"tokoy"')}
    key = items[2]
    assert key["end"] == {"line": key["line"], "column": key["column"] + len('"titel"')}


def test_json_of_warnings_only_passes_unless_strict(capsys: pytest.CaptureFixture[str], warned: Path) -> None:
    status, out, _ = run(capsys, "--format", "json", str(warned))
    assert status == 0
    assert [item["code"] for item in json.loads(out)] == ["empty-text", "no-effect"]
    assert run(capsys, "--format", "json", "--strict", str(warned))[0] == 1


def test_several_files_each_reported_in_order(
    capsys: pytest.CaptureFixture[str], good: Path, broken: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.json"
    status, out, _ = run(capsys, str(broken), str(good), str(missing))
    lines = out.splitlines()
    assert status == 1
    assert [line.split(":", 1)[0] for line in lines[:-1]] == [str(broken)] * 3 + [str(good), str(missing)]
    assert lines[-1] == f"3 errors and 1 warning in {broken}, {missing}"


def test_bundled_scenarios_by_name_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    names = [path.stem for path in sorted(Path(scenarios.__file__).parent.glob("*.json"))]
    status, out, _ = run(capsys, "--strict", *names)
    assert status == 0
    assert [line.split(": ok: ")[0] for line in out.splitlines()] == names


def test_an_unknown_name_lists_the_bundled_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "no-such-scenario")
    assert status == 1
    assert out.startswith("no-such-scenario:1:1: error: no such file, and no bundled scenario of that name (bundled: ")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ([], "the following arguments are required: FILE"),
        (["--format", "xml", "x.json"], "invalid choice: 'xml'"),
        (["--strictly", "x.json"], "unrecognized arguments: --strictly"),
    ],
)
def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    status, out, err = run(capsys, *args)
    assert (status, out) == (2, "")
    assert needle in err


def test_as_a_process(broken: Path) -> None:
    result = subprocess.run([*COMMAND, "validate", str(broken)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1] == f"2 errors and 1 warning in {broken}"
