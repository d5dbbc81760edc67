"""Bounded work on bad input (issue 15, finding 8): caps on strings, values and diagnostics.

One error per bad array element once made a 1 MB file take 13 s and 500 MB, and one
16,000,000-character label made `validate` peak at 120 times the file's size. The caps are
checked here by their codes and messages and by the time a file at each cap takes;
tests/benchmark_hostile.py prints the figures for files up to the 16 MiB size cap.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from engine.cli.main import main
from engine.load import loader
from engine.load.diagnostics import MORE_PROBLEMS, ScenarioError
from engine.load.jsonpos import MAX_STRING_LENGTH, MAX_VALUES, locating, parse
from engine.load.jsonpos.locating import parse_locating
from engine.load.jsonpos.problems import MAX_KEPT_PROBLEMS, JsonSyntaxError
from engine.load.loader import MAX_DIAGNOSTICS, check_scenario_bytes, load_scenario_text
from engine.load.schema_check import MAX_COUNTED, explain
from engine.load.semantics import semantic_check, semantic_findings
from engine.load.semantics.context import SUGGESTED
from tests.helpers import doc, text_of

BUDGET_SECONDS = 10.0
"""Far above what each file takes alone (well under a second); a run past it means the caps failed."""


def _diagnostics(text: str) -> tuple[Any, ...]:
    began = time.perf_counter()
    checked = check_scenario_bytes(text.encode("utf-8"), "case.json", build=False)
    assert time.perf_counter() - began < BUDGET_SECONDS
    return checked.diagnostics


def test_a_string_past_the_cap_is_refused_where_it_starts() -> None:
    text = '{\n  "title": "' + "x" * (MAX_STRING_LENGTH + 1) + '"\n}'
    (diagnostic,) = _diagnostics(text)
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("over-limit", 2, 12)
    assert diagnostic.message == f"a string of {MAX_STRING_LENGTH + 1:,} characters; strings here are at most 100,000 long"
    assert json.loads(text_of(doc(title="x" * MAX_STRING_LENGTH)))  # at the cap itself: parsed as usual
    assert parse(text_of(doc(title="x" * MAX_STRING_LENGTH))).value["title"] == "x" * MAX_STRING_LENGTH


def test_a_key_past_the_cap_is_refused_too() -> None:
    (diagnostic,) = _diagnostics('{"' + "k" * (MAX_STRING_LENGTH + 1) + '": 1}')
    assert diagnostic.code == "over-limit"


@pytest.mark.parametrize("element", ["{}", "1", "[]"])
def test_more_values_than_the_cap_are_refused_at_the_first_past_it(element: str) -> None:
    text = '{"roles": [' + ",".join([element] * MAX_VALUES) + "]}"
    (diagnostic,) = _diagnostics(text)
    assert diagnostic.code == "over-limit"
    assert diagnostic.message == f"the file holds more than {MAX_VALUES:,} values; no scenario needs that many"
    assert diagnostic.pointer == "/roles"
    assert diagnostic.column == len('{"roles": [') + 1 + (len(element) + 1) * (MAX_VALUES - 2)


def test_commas_in_text_do_not_refuse_a_file_under_the_cap() -> None:
    """The fast path counts commas in strings too; the exact count then lets the file through."""
    text = text_of(doc(title="a, b" * (MAX_VALUES // 2)))
    assert parse(text).value["title"].count(",") == MAX_VALUES // 2
    assert [d.code for d in _diagnostics(text)] == ["too-long"]  # the title's own limit, not the file's


def test_the_locating_parser_counts_exactly_as_the_fast_path_limits() -> None:
    at_cap = "[" + ",".join(["0"] * (MAX_VALUES - 1)) + "]"
    assert len(parse_locating(at_cap).value) == MAX_VALUES - 1
    with pytest.raises(JsonSyntaxError):
        parse_locating("[" + ",".join(["0"] * MAX_VALUES) + "]")


def test_diagnostics_stop_at_the_cap_with_a_count_of_the_rest() -> None:
    extra = {f"unknown{index}": 1 for index in range(MAX_DIAGNOSTICS + 50)}
    diagnostics = _diagnostics(text_of({**doc(), **extra}))
    assert len(diagnostics) == MAX_DIAGNOSTICS + 1
    last = diagnostics[-1]
    assert (last.code, last.severity, last.line, last.pointer) == (MORE_PROBLEMS, "error", 1, "")
    assert last.message == f"and 50 more (50 errors) not listed; fix the {MAX_DIAGNOSTICS} above and check again"
    with pytest.raises(ScenarioError) as raised:
        load_scenario_text(text_of({**doc(), **extra}), "case.json")
    assert raised.value.diagnostics[-1].code == MORE_PROBLEMS


def test_errors_past_those_listed_are_counted_without_their_words() -> None:
    """Only the listed errors are translated; the rest are counted exactly (a required group once)."""
    roles: list[dict[str, object]] = [{}] * 100  # three missing properties each: 300 errors, and one more of the document's
    diagnostics = _diagnostics(text_of({**doc(), "roles": roles}))
    assert len(diagnostics) == MAX_DIAGNOSTICS + 1
    assert diagnostics[-1].message == f"and 101 more (101 errors) not listed; fix the {MAX_DIAGNOSTICS} above and check again"


def test_counting_stops_past_its_bound_and_says_at_least(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading each error deep in a file costs time, so past MAX_COUNTED the count is a lower bound."""
    assert MAX_COUNTED == 10_000
    monkeypatch.setattr(explain, "MAX_COUNTED", 50)
    diagnostics = _diagnostics(text_of({**doc(), "roles": [{}] * 100}))  # 101 past those listed
    assert len(diagnostics) == MAX_DIAGNOSTICS + 1
    last = diagnostics[-1]  # it stops after the role whose three errors take the count past 50
    assert (
        last.message
        == f"and at least 53 more (53 errors, counting stopped there) not listed; fix the {MAX_DIAGNOSTICS} above and check again"
    )


def test_validate_sums_every_error_the_capped_line_stands_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary once counted "and 101 more" as one error, and said 201 of a file with 301."""
    path = tmp_path / "many.json"
    path.write_text(text_of({**doc(), "roles": [{}] * 100}), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == f"{MAX_DIAGNOSTICS + 101} errors and 0 warnings in {path}"
    assert main(["validate", "--format", "json", str(path)]) == 1
    last = json.loads(capsys.readouterr().out)[-1]
    assert (last["code"], last["standsFor"], last["exact"]) == (MORE_PROBLEMS, {"error": 101}, True)
    monkeypatch.setattr(explain, "MAX_COUNTED", 50)  # counting stops: the summary says so
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == f"at least {MAX_DIAGNOSTICS + 53} errors and 0 warnings in {path}"


def test_validate_sums_warnings_past_the_cap_apart_from_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_DIAGNOSTICS", 1)
    path = tmp_path / "mixed.json"
    path.write_text(text_of(doc(title=" ", titel="x", tilte="y")), encoding="utf-8")  # two errors, one warning
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == f"2 errors and 1 warning in {path}"


def test_errors_are_listed_before_warnings_when_the_cap_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_DIAGNOSTICS", 1)
    blank = doc(title=" ", titel="x")  # a blank title (a warning) and an unknown property (an error)
    diagnostics = _diagnostics(text_of(blank))
    assert [d.severity for d in diagnostics] == ["error", "warning"]
    assert diagnostics[-1].code == MORE_PROBLEMS and "(1 warning)" in diagnostics[-1].message


def test_validate_answers_a_file_at_every_cap_quickly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The whole command, in-process: output is bounded as well as the work."""
    path = tmp_path / "many.json"
    path.write_text('{"roles": [' + ",".join(["{}"] * (MAX_VALUES // 4)) + "]}", encoding="utf-8")
    began = time.perf_counter()
    status = main(["validate", str(path)])
    assert time.perf_counter() - began < BUDGET_SECONDS
    out = capsys.readouterr()
    assert status == 1
    lines = (out.out + out.err).splitlines()
    assert len(lines) <= MAX_DIAGNOSTICS + 3
    assert any(f"[{MORE_PROBLEMS}]" in line for line in lines)


def test_a_journal_past_its_caps_is_refused_before_it_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.journal import reader
    from engine.journal.replay import verify_journal
    from tests.journals import write_journal

    path = tmp_path / "game.jsonl"
    write_journal(path)
    monkeypatch.setattr(reader, "MAX_LINE_BYTES", 1000)  # the header (the whole scenario) is longer
    problem = verify_journal(str(path)).problem
    assert problem is not None and (problem.line, problem.code) == (1, "journal-unreadable")
    assert "no journal line is longer than 1,000" in problem.message
    monkeypatch.setattr(reader, "MAX_JOURNAL_BYTES", 100)
    problem = verify_journal(str(path)).problem
    assert problem is not None and problem.message == f"the file is {path.stat().st_size:,} bytes; a journal is at most 100"


def test_only_the_unknown_names_that_can_be_listed_are_given_suggestions() -> None:
    """Each suggestion compares the name with every declared one: 3,500 unknown among 3,500 declared took 21 s.
    (The schema's own errors, past 64 variables, come first; the checks of meaning still run.)"""
    count = 1000
    variables = [{"id": f"v{index:05d}", "label": "V", "initial": 1} for index in range(count)]
    tests = [{"var": f"w{index:05d}", "atLeast": 1} for index in range(count)]
    document = {**doc(variables=variables), "rules": [{"id": "r", "when": {"any": tests}, "effects": []}]}
    assert _diagnostics(text_of(document))[-1].code == MORE_PROBLEMS  # within the time budget
    unknown = [finding for finding in semantic_findings(document) if finding.code == "unknown-variable"]
    assert len(unknown) == count
    assert all("(did you mean" in finding.message or "; known:" in finding.message for finding in unknown[:SUGGESTED])
    assert unknown[SUGGESTED].message == "unknown variable 'w00200'"
    assert SUGGESTED >= MAX_DIAGNOSTICS


def test_duplicate_keys_past_those_listed_are_counted_not_worded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each duplicate once searched the whole text for its line: 30,000 of them, one a line, took minutes."""
    count = 5_000
    text = '{"title": "x",\n' + ",\n".join(['"a": 1'] * count) + "\n}"
    parsed = parse(text)
    assert len(parsed.problems) == MAX_KEPT_PROBLEMS
    assert parsed.unkept_problems == count - 1 - MAX_KEPT_PROBLEMS
    diagnostics = _diagnostics(text)
    assert [d.code for d in diagnostics[:MAX_DIAGNOSTICS]] == ["duplicate-key"] * MAX_DIAGNOSTICS
    assert diagnostics[0].message == "duplicate key 'a': it is already set at line 2, column 1"
    monkeypatch.setattr(locating, "MAX_KEPT_PROBLEMS", count)  # every one kept: the same count of the rest
    assert _diagnostics(text) == diagnostics


def test_findings_of_meaning_past_those_listed_are_counted_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """22,000 findings held at once took 16 times the size of their file; past the first of each severity
    that can be listed they are counted, and the diagnostics are those every finding kept gives."""
    roles = [{"id": "seoul", "name": " "} for _ in range(500)]  # a duplicate id (an error) and a blank name (a warning) each
    document = doc(roles=roles)
    everything = semantic_findings(document)
    check = semantic_check(document, keep=MAX_DIAGNOSTICS)
    first, seen = [], {"error": 0, "warning": 0}
    for finding in everything:
        seen[finding.severity] += 1
        if seen[finding.severity] <= MAX_DIAGNOSTICS:
            first.append(finding)
    assert check.findings == first
    assert len(check.findings) + sum(check.unkept.values()) == len(everything)
    capped = _diagnostics(text_of(document))
    monkeypatch.setattr(loader, "semantic_check", lambda value, keep: semantic_check(value))
    assert _diagnostics(text_of(document)) == capped
