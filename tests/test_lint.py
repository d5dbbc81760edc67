"""`whitecell lint`: planted dead content is found where it is, bundled scenarios are clean, and
static lint is sound (it never calls dead what a played game reaches).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scenarios
from engine.bots.registry import make_bot
from engine.cli.main import main
from engine.core.availability import available_actions
from engine.core.commands import Resolve, SubmitOrders
from engine.core.rules import compile_scenario
from engine.core.step import start, step
from engine.core.view import View
from engine.lint.bounds import Env
from engine.lint.check import lint, lint_text, static_lint
from engine.lint.codes import CODES
from engine.lint.dynamic import DOMINANCE_RULE, Played, correlation, dominant, unreached
from engine.lint.reach import reachable
from engine.lint.source import Source, open_source
from engine.load.diagnostics import Diagnostic
from tests.helpers import doc, text_of
from tests.strategies import scenario_documents

PLANTED = Path(__file__).parent / "data" / "lint-planted.json"
BUNDLED = [path.stem for path in sorted(Path(scenarios.__file__).parent.glob("*.json"))]

# (code, pointer, text on the reported line, words the message must hold)
PLANTED_VALIDATE = [
    ("empty-text", "/actions/2/description", '"description": "  "', "description is blank"),
]
PLANTED_STATIC = [
    (
        "lint-objective-always-met",
        "/roles/0/objectives/1/condition",
        '"steady-morale"',
        "met in every game whatever the teams do",
    ),
    ("lint-resource-never-spent", "/roles/1/resources/1/id", '"goodwill"', "Goodwill is never spent"),
    ("lint-objective-unreachable", "/roles/1/objectives/0/condition", '"calm-waters"', "can only be from 60 to 100"),
    ("lint-variable-never-changes", "/variables/2/id", '"morale"', "stays at 50 all game"),
    ("lint-shown-variable-never-read", "/variables/3/id", '"tension"', "every team sees it on screen"),
    ("lint-action-never-available", "/actions/3/unlockedBy", '"stability-collapse"', "that never fires"),
    ("lint-free-action", "/actions/4/id", '"rare-response"', "costs Tokyo nothing"),
    ("lint-shock-never-fires", "/shocks/0/trigger/when", '"below": 20', "nothing that can happen lowers it below 60"),
    ("lint-follow-up-loop", "/shocks/1/followUps/0", '"retaliation"', "Border incident → Retaliation → Border incident"),
    ("lint-unknown-tag", "/rules/0/when/chose/tag", '"hedging"', "'summit' does not have the tag 'hedging'"),
    ("lint-end-never-holds", "/endConditions/0/when", '"atMost": 10', "'collapse' can never hold"),
    ("lint-outcome-impossible", "/outcomes/2/when", '"below": 40', "'Breakdown' can never be chosen"),
    ("lint-outcome-shadowed", "/outcomes/4/id", '"drift"', "'Steady' always matches first"),
]
PLANTED_DYNAMIC = [
    ("lint-dominant-action", "/actions/0/id", '"summit"', "may dominate Seoul's choices"),
    ("lint-action-never-offered", "/actions/4/id", '"rare-response"', "available in none of the 200 bot games"),
    ("lint-shock-never-reached", "/shocks/3/id", '"rare-event"', "fired in none of the 200 bot games"),
    ("lint-outcome-never-reached", "/outcomes/1/id", '"rare-crisis"', "ended in none of the 200 bot games"),
]


@pytest.fixture(scope="module")
def planted() -> tuple[Diagnostic, ...]:
    return lint(open_source(str(PLANTED)), 200, 1).diagnostics


def _line(number: int) -> str:
    return PLANTED.read_text(encoding="utf-8").splitlines()[number - 1]


@pytest.mark.parametrize(("code", "pointer", "snippet", "words"), PLANTED_VALIDATE + PLANTED_STATIC + PLANTED_DYNAMIC)
def test_each_planted_finding_is_found_at_its_entry(
    planted: tuple[Diagnostic, ...], code: str, pointer: str, snippet: str, words: str
) -> None:
    found = [d for d in planted if d.code == code]
    assert [d.pointer for d in found] == [pointer]
    (diagnostic,) = found
    assert diagnostic.severity == ("info" if code == "lint-shown-variable-never-read" else "warning")
    assert diagnostic.file == str(PLANTED)
    assert snippet in _line(diagnostic.line)
    parsed = open_source(str(PLANTED)).parsed
    assert (diagnostic.line, diagnostic.column) == parsed.locate(pointer)
    assert words in diagnostic.message


def test_the_planted_scenario_has_nothing_else_to_report(planted: tuple[Diagnostic, ...]) -> None:
    expected = PLANTED_VALIDATE + PLANTED_STATIC + PLANTED_DYNAMIC
    assert sorted((d.code, d.pointer) for d in planted) == sorted((c, p) for c, p, _, _ in expected)


def test_every_code_reported_is_documented(planted: tuple[Diagnostic, ...]) -> None:
    from engine.documents.codes import all_codes

    documented = {info.code for info in CODES}
    assert {d.code for d in planted if d.code.startswith("lint-")} <= documented
    assert {d.code for d in planted} <= set(all_codes())
    assert len(documented) == len(CODES)
    assert all(info.summary and info.explanation for info in CODES)
    assert {info.code for info in CODES if info.severity != "warning"} == {"lint-shown-variable-never-read"}
    assert {d.severity for d in planted if d.code == "lint-shown-variable-never-read"} == {"info"}


def test_validate_warnings_come_first_and_lint_does_not_repeat_them(planted: tuple[Diagnostic, ...]) -> None:
    """Lint reports validate's warnings (before its own findings) instead of checking the same fields again."""
    source = open_source(str(PLANTED))
    assert [d.code for d in source.warnings] == ["empty-text"]
    assert planted[: len(source.warnings)] == source.warnings
    assert all(d.code.startswith("lint-") for d in planted[len(source.warnings) :])
    assert (source.warnings[0].end_line, source.warnings[0].end_column) != (None, None)


def test_every_lint_finding_spans_the_value_it_is_about(planted: tuple[Diagnostic, ...]) -> None:
    parsed = open_source(str(PLANTED)).parsed
    for diagnostic in planted:
        assert (diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column) == parsed.locate_span(
            diagnostic.pointer
        )


def test_content_proved_dead_is_not_reported_again_as_unreached(planted: tuple[Diagnostic, ...]) -> None:
    unreached_outcomes = [d.pointer for d in planted if d.code == "lint-outcome-never-reached"]
    assert "/outcomes/2/id" not in unreached_outcomes
    assert "/outcomes/4/id" not in unreached_outcomes


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_scenarios_have_no_static_findings_but_free_actions_and_cascades(name: str) -> None:
    """Free actions and same-turn cascades are left for the scenarios' rebuild (issue 13: moving to format 2
    changes how they play, and their golden games must not change before then); nothing else may be reported."""
    scenario = open_source(name).scenario
    for finding in static_lint(open_source(name)):
        assert finding.code in ("lint-free-action", "lint-same-turn-cascade"), finding
        if finding.code == "lint-same-turn-cascade":
            assert scenario.format == 1
            continue
        action = scenario.actions[int(finding.pointer.split("/")[2])]
        assert (action.spend, action.cooldown, action.limit) == ((), 0, None)


def _env(document: dict[str, Any]) -> tuple[Source, Env]:
    source = _source(document)
    return source, reachable(source.scenario)


def _source(document: dict[str, Any]) -> Source:
    from engine.load.loader import parse_document, scenario_from_parsed

    parsed = parse_document(text_of(document), "test.json")
    return Source(scenario_from_parsed(parsed, "test.json"), parsed, "test.json")


def _codes(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(finding.code, finding.pointer) for finding in static_lint(_source(document))]


def test_a_chain_of_dead_content_is_followed() -> None:
    """A shock unlocked only by a dead shock's action: both dead, each saying why."""
    document = doc(
        shocks=[
            {
                "id": "never",
                "title": "Never",
                "category": "other",
                "narrative": "n.",
                "trigger": {"when": {"var": "trust", "above": 60}},
            },
            {"id": "after", "title": "After", "category": "other", "narrative": "n.", "trigger": {"when": {"active": "never"}}},
        ],
    )
    codes = _codes(document)
    assert ("lint-shock-never-fires", "/shocks/0/trigger/when") in codes
    assert ("lint-shock-never-fires", "/shocks/1/trigger/when") in codes
    assert ("lint-variable-never-changes", "/variables/0/id") in codes


def test_something_that_can_move_a_variable_keeps_its_shock_alive() -> None:
    document = doc(
        actions=[{"id": "push", "label": "Push", "roles": ["seoul"], "cooldown": 1, "effects": [{"add": {"trust": 1}}]}],
        shocks=[
            {"id": "s", "title": "S", "category": "other", "narrative": "n.", "trigger": {"when": {"var": "trust", "above": 99}}}
        ],
    )
    assert _codes(document) == []


def test_cost_and_spend_beyond_reach_make_an_action_dead() -> None:
    base = doc()
    roles = base["roles"]
    roles[0]["resources"] = [{"id": "cap", "label": "Capital", "initial": 1, "max": 3}]
    document = doc(
        roles=roles,
        actions=[
            {"id": "dear", "label": "Dear", "roles": ["seoul"], "cost": base["roles"][0]["budget"] + 1, "effects": []},
            {"id": "big", "label": "Big", "roles": ["seoul"], "spend": {"cap": 2}, "effects": []},
        ],
    )
    findings = {f.pointer: f.message for f in static_lint(_source(document)) if f.code == "lint-action-never-available"}
    assert "action points" in findings["/actions/0/cost"]
    assert "never has more than 1" in findings["/actions/1/spend/cap"]


def test_disabled_shock_that_nothing_enables_is_dead_and_enabling_revives_it() -> None:
    shock = {"id": "off", "title": "Off", "category": "other", "narrative": "n.", "enabled": False, "trigger": {"atTurn": 1}}
    assert ("lint-shock-never-fires", "/shocks/0/enabled") in _codes(doc(shocks=[shock]))
    enabler = {"id": "on", "label": "On", "roles": ["seoul"], "effects": [{"enable": "off"}]}
    assert not [c for c in _codes(doc(shocks=[shock], actions=[enabler])) if c[0] == "lint-shock-never-fires"]


def test_a_shock_without_trigger_that_nothing_schedules_is_the_facilitators() -> None:
    shock = {"id": "inject", "title": "Inject", "category": "other", "narrative": "n."}
    assert not [c for c in _codes(doc(shocks=[shock])) if c[0] == "lint-shock-never-fires"]


def test_never_taken_and_dominance_follow_their_definitions() -> None:
    source = open_source(str(PLANTED))
    env = reachable(source.scenario)
    games = 40
    played = Played(
        games=games,
        seed=5,
        fired={shock.id: 1 for shock in source.scenario.shocks},
        available={action.id: games for action in source.scenario.actions},
        taken={action.id: 0 if action.id == "patrol" else games for action in source.scenario.actions},
        outcomes={outcome.id: 1 for outcome in source.scenario.outcomes},
        uses={
            (role, action.id): [n % 3 for n in range(games)] if action.id == "statement" else [0] * games
            for action in source.scenario.actions
            for role in action.roles
        },
        scores={"seoul": [n % 3 for n in range(games)], "tokyo": [n % 2 for n in range(games)]},
    )
    found = [(f.code, f.pointer) for f in unreached(env, played)]
    assert found == [("lint-action-never-taken", "/actions/1/id")]
    # statement: taken in 2/3 of games (below 80%), so not dominant even though perfectly linked with Seoul's score
    assert list(dominant(env, played)) == []
    played_more = attrs.evolve(played, uses={**played.uses, ("seoul", "statement"): [1 + n % 3 for n in range(games)]})
    assert [(f.code, f.pointer) for f in dominant(env, played_more)] == [("lint-dominant-action", "/actions/2/id")]
    assert correlation([1, 1, 1], [1, 2, 3]) is None


# -- soundness -----------------------------------------------------------------------------------


def _inside(value: int, interval: tuple[int, int]) -> bool:
    return interval[0] <= value <= interval[1]


@given(scenario_documents(), st.integers(0, 2**32), st.sampled_from(["random", "greedy", "passive"]))
def test_static_lint_never_calls_dead_what_a_game_reaches(document: dict[str, Any], seed: int, bot: str) -> None:
    source, env = _env(document)
    game = compile_scenario(source.scenario)
    policy = make_bot(bot)
    state = start(game, seed)[0]
    dead_outcomes = {f.pointer.split("/")[2] for f in static_lint(source) if f.code.startswith("lint-outcome-")}
    while True:
        work = View(game, state)
        for s, shock in enumerate(game.shock_ids):
            assert not state.fires[s] or shock in env.live_shocks, shock
            assert _inside(state.fires[s], env.fires[shock])
        for i, var in enumerate(game.var_ids):
            assert _inside(state.values[i], env.values[var]), (var, state.values[i], env.values[var])
        for r, role in enumerate(game.role_ids):
            for k, res in enumerate(game.resource_ids[r]):
                assert _inside(state.resources[r][k], env.resources[(role, res)])
            assert _inside(work.score_at(r), env.scores[role])
            for a in available_actions(game, work, r) if not state.ended else ():
                assert (role, game.action_ids[a]) in env.live_actions, game.action_ids[a]
            for a, count in enumerate(state.uses[r]):
                assert not count or (role, game.action_ids[a]) in env.live_actions
        if state.ended:
            break
        for role in game.role_ids:
            orders = policy.choose(View(game, state), role)
            if orders:
                state = step(game, state, SubmitOrders(role, orders), record=False)[0]
        state = step(game, state, Resolve(), record=False)[0]
    assert state.outcome is not None
    findings = static_lint(source)
    for finding in findings:
        index = int(finding.pointer.split("/")[2]) if finding.pointer.count("/") >= 2 else -1
        if finding.code == "lint-shock-never-fires":
            assert state.fires[index] == 0, finding
        if finding.code == "lint-action-never-available" and " can never be taken" in finding.message:
            assert all(row[index] == 0 for row in state.uses), finding
    assert str(game.outcome_ids.index(state.outcome)) not in dead_outcomes
    unreachable = {f.pointer for f in static_lint(source) if f.code == "lint-objective-unreachable"}
    final = View(game, state)
    for r in range(len(game.role_ids)):
        for k, met in enumerate(final.objectives_met_at(r)):
            assert not met or f"/roles/{r}/objectives/{k}/condition" not in unreachable
    free = {f.pointer for f in findings if f.code == "lint-objective-always-met"}
    for r in range(len(game.role_ids)):
        for k, met in enumerate(final.objectives_met_at(r)):
            assert met or f"/roles/{r}/objectives/{k}/condition" not in free


# -- the command line ----------------------------------------------------------------------------


def run_here(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_reports_findings_with_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_here(capsys, "lint", str(PLANTED), "--games", "0")
    assert status == 1 and err == ""
    lines = out.splitlines()
    assert len(lines) == len(PLANTED_VALIDATE) + len(PLANTED_STATIC) + 1
    assert all(line.count("[") == 1 for line in lines[:-1])  # each finding's code, once
    assert lines[0].startswith(f"{PLANTED}:59:22: warning: ") and lines[0].endswith("[empty-text]")
    assert lines[1].startswith(f"{PLANTED}:16:98: warning: ") and lines[1].endswith("[lint-objective-always-met]")
    total = len(PLANTED_VALIDATE) + len(PLANTED_STATIC)
    assert lines[-1] == (
        f"{total} findings in {PLANTED}: {len(PLANTED_VALIDATE)} from validate, {len(PLANTED_STATIC)} from the static checks, "
        "no bot games played"
    )


def test_cli_explains_dominance_when_it_reports_it(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_here(capsys, "lint", str(PLANTED), "--games", "200", "--seed", "1")
    assert status == 1
    assert "[lint-dominant-action]" in out
    assert out.rstrip().endswith(DOMINANCE_RULE)
    assert "4 from 200 bot games (seed 1)" in out


def test_cli_json_lists_diagnostics_like_validate(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_here(capsys, "lint", str(PLANTED), "--games", "0", "--format", "json")
    assert status == 1
    items = json.loads(out)
    assert [(item["code"], item["pointer"]) for item in items] == [(c, p) for c, p, _, _ in PLANTED_VALIDATE + PLANTED_STATIC]
    assert set(items[0]) >= {"file", "line", "column", "pointer", "severity", "code", "message", "suggestion"}


def test_cli_clean_bundled_scenario_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_here(capsys, "lint", "history-flare-up", "--games", "0")
    assert status == 0
    assert out == "<bundled>/history-flare-up.json: no findings from validate, the static checks (no bot games played)\n"


def test_cli_same_arguments_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    first = run_here(capsys, "lint", str(PLANTED), "--games", "30", "--seed", "9")
    second = run_here(capsys, "lint", str(PLANTED), "--games", "30", "--seed", "9")
    assert first == second


def test_cli_invalid_scenario_is_reported_like_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x",\n  "turns": }', encoding="utf-8")
    status, out, err = run_here(capsys, "lint", str(broken))
    assert status == 1 and out == ""
    assert err.startswith(f"{broken}:2:")
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [["--games", "many"], ["--games", "-1"], ["--seed", "x"], ["--format", "xml"]])
def test_cli_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    status, out, err = run_here(capsys, "lint", str(PLANTED), *args)
    assert status == 2 and out == ""
    assert "error:" in err


def test_cli_as_a_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "engine", "lint", str(PLANTED), "--games", "0"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "[lint-shock-never-fires]" in result.stdout
    assert lint_text(lint(open_source(str(PLANTED)))) == result.stdout
