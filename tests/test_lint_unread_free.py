"""Lint's design findings: variables nothing reads (info when teams see them, else a warning) and
free actions (nothing a team gives up by taking them every turn), each triggered and not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.lint.check import lint, static_lint
from engine.lint.findings import Finding
from engine.lint.free import free_actions
from engine.lint.source import Source
from engine.lint.unread import unread_variables
from engine.load.loader import parse_document, scenario_from_parsed
from tests.helpers import doc, text_of

SHOCK = {"id": "s", "title": "S", "category": "other", "narrative": "n."}


def _source(document: dict[str, Any]) -> Source:
    parsed = parse_document(text_of(document), "test.json")
    return Source(scenario_from_parsed(parsed, "test.json"), parsed, "test.json")


def _unread(document: dict[str, Any]) -> list[Finding]:
    return list(unread_variables(_source(document).scenario))


def _free(document: dict[str, Any]) -> list[Finding]:
    return list(free_actions(_source(document).scenario))


def _variables() -> list[dict[str, Any]]:
    return [
        {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50},
        {"id": "mood", "label": "Seoul's mood", "min": 0, "max": 10, "initial": 5, "visibility": "seoul"},
        {"id": "intel", "label": "Intelligence picture", "min": 0, "max": 10, "initial": 5, "visibility": "facilitator"},
    ]


def test_unread_variables_are_info_when_teams_see_them_and_warnings_otherwise() -> None:
    raise_all = {"add": {"trust": 1, "mood": 1, "intel": 1}}
    document = doc(variables=_variables(), actions=[{"id": "a", "label": "A", "roles": ["seoul"], "effects": [raise_all]}])
    found = {finding.pointer: finding for finding in _unread(document)}
    assert sorted(found) == ["/variables/0/id", "/variables/1/id", "/variables/2/id"]  # changing is not reading
    assert (found["/variables/0/id"].code, found["/variables/0/id"].severity) == ("lint-shown-variable-never-read", "info")
    assert "every team sees it on screen" in found["/variables/0/id"].message
    assert "Seoul sees it on screen" in found["/variables/1/id"].message
    assert (found["/variables/2/id"].code, found["/variables/2/id"].severity) == ("lint-variable-never-read", "warning")
    assert found["/variables/2/id"].message.endswith("and no team sees it")


def test_every_kind_of_condition_counts_as_reading() -> None:
    roles = doc()["roles"]
    roles[0]["objectives"] = [{"id": "o", "description": "d", "condition": {"not": {"var": "mood", "atLeast": 3}}}]
    document = doc(
        roles=roles,
        variables=_variables(),
        actions=[
            {
                "id": "a",
                "label": "A",
                "roles": ["seoul"],
                "effects": [{"if": {"var": "intel", "above": 2}, "then": [{"add": {"trust": 1}}]}],
            }
        ],
        shocks=[{**SHOCK, "trigger": {"when": {"any": [{"var": "trust", "above": 60}]}}}],
    )
    assert _unread(document) == []


def test_a_read_in_a_requirement_outcome_or_end_condition_is_enough() -> None:
    for key, where in (
        ("requires", "actions"),
        ("when", "outcomes"),
        ("when", "endConditions"),
    ):
        document = doc()
        test = {"var": "trust", "above": 60}
        if where == "actions":
            document["actions"] = [{"id": "a", "label": "A", "roles": ["seoul"], "cooldown": 1, key: test, "effects": []}]
        elif where == "outcomes":
            document["outcomes"] = [{"id": "good", "title": "Good", key: test}, {"id": "done", "title": "Done"}]
        else:
            document["endConditions"] = [{"id": "e", key: test}]
        assert _unread(document) == [], where


def _seoul_wants_trust(**parts: Any) -> dict[str, Any]:
    roles = doc()["roles"]
    roles[0]["objectives"] = [{"id": "trust", "description": "d", "condition": {"var": "trust", "atLeast": 60}}]
    roles[0]["resources"] = [{"id": "cap", "label": "Capital", "initial": 3, "max": 5, "perTurn": 1}]
    return doc(roles=roles, **parts)


def _action(**fields: Any) -> dict[str, Any]:
    return {"id": "talk", "label": "Talk", "roles": ["seoul"], "effects": [{"add": {"trust": 5}}], **fields}


def test_an_action_with_no_price_and_no_downside_is_free() -> None:
    (finding,) = _free(_seoul_wants_trust(actions=[_action()]))
    assert (finding.pointer, finding.code, finding.severity) == ("/actions/0/id", "lint-free-action", "warning")
    assert finding.message.startswith("Talk costs Seoul nothing: it spends no resource, has no cooldown or use limit")


def test_a_price_a_wait_a_ration_or_a_downside_makes_an_action_not_free() -> None:
    later = {**SHOCK, "id": "backlash", "effects": [{"add": {"trust": -3}}]}
    not_free = {
        "spend": _action(spend={"cap": 1}),
        "cooldown": _action(cooldown=1),
        "limit": _action(limit=3),
        "against the objective": _action(effects=[{"add": {"trust": -5}}]),
        "a risk against it": _action(effects=[{"chance": 0.3, "then": [{"set": {"trust": 0}}]}]),
        "a shock it sets off": _action(effects=[{"schedule": {"shock": "backlash", "after": 1}}]),
        "its own resource": _action(effects=[{"gain": {"role": "seoul", "resource": "cap", "amount": -1}}]),
    }
    for why, action in not_free.items():
        assert _free(_seoul_wants_trust(actions=[action], shocks=[later])) == [], why


def test_an_objective_that_counts_the_action_against_the_team_is_a_downside() -> None:
    document = _seoul_wants_trust(actions=[_action(tags=["provocation"])])
    document["roles"][0]["objectives"].append(
        {"id": "calm", "description": "d", "condition": {"not": {"chose": {"role": "seoul", "tag": "provocation"}}}}
    )
    assert _free(document) == []


def test_a_joint_action_is_free_only_for_the_roles_it_costs_nothing() -> None:
    document = _seoul_wants_trust(actions=[_action(roles=["seoul", "tokyo"], joint=True)])
    document["roles"][1]["objectives"] = [{"id": "cool", "description": "d", "condition": {"var": "trust", "atMost": 40}}]
    (finding,) = _free(document)
    assert "costs Seoul nothing" in finding.message and "Tokyo" not in finding.message


def test_a_one_off_response_to_a_shock_is_not_free() -> None:
    """Open for one turn in all, or closing its own shock: it cannot be taken every turn."""
    shock = {**SHOCK, "trigger": {"atTurn": 2}, "duration": 3}
    brief = {**shock, "duration": 1}
    closes = _action(unlockedBy=["s"], effects=[{"endShock": "s"}, {"add": {"trust": 5}}])
    assert _free(_seoul_wants_trust(actions=[closes], shocks=[shock])) == []
    assert _free(_seoul_wants_trust(actions=[_action(unlockedBy=["s"])], shocks=[brief])) == []
    assert len(_free(_seoul_wants_trust(actions=[_action(unlockedBy=["s"])], shocks=[shock]))) == 1


def test_the_findings_are_located_and_an_info_says_so() -> None:
    document = _seoul_wants_trust(
        variables=[*_variables()[:1], {**_variables()[2], "initial": 4}],
        actions=[_action(effects=[{"add": {"trust": 5, "intel": 1}}])],
    )
    source = _source(document)
    lines = [d.format() for d in lint(source).static]
    text = text_of(document).splitlines()
    info = next(line for line in lines if line.endswith("[lint-variable-never-read]"))
    free = next(line for line in lines if line.endswith("[lint-free-action]"))
    for line, snippet in ((info, '"intel"'), (free, '"talk"')):
        row, column = (int(part) for part in line.split(":")[1:3])
        assert text[row - 1][column - 1 :].startswith(snippet), line
    assert ": warning: /variables/1/id: Intelligence picture changes nothing" in info
    shown = doc(variables=_variables()[:1])
    (only,) = [d for d in lint(_source(shown)).static if d.code == "lint-shown-variable-never-read"]
    row = next(i for i, line in enumerate(text_of(shown).splitlines(), 1) if line.strip() == '"id": "trust",')
    assert only.format() == (
        f"test.json:{row}:13: info: /variables/0/id: Trust changes nothing in the game: no requirement, trigger, objective, "
        "outcome, end condition, rule or 'if' effect reads it; every team sees it on screen, so it informs their play "
        "only [lint-shown-variable-never-read]"
    )


def test_an_action_that_can_never_be_taken_is_not_called_free_as_well() -> None:
    dead = _action(requires={"var": "trust", "above": 100})
    codes = [finding.code for finding in static_lint(_source(_seoul_wants_trust(actions=[dead])))]
    assert "lint-action-never-available" in codes and "lint-free-action" not in codes


def test_infos_alone_do_not_fail_the_lint_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from engine.cli.main import main

    path = tmp_path / "shown.json"
    changed = [{"id": "a", "label": "A", "roles": ["seoul"], "cooldown": 1, "effects": [{"add": {"trust": 1}}]}]
    path.write_text(text_of(doc(variables=_variables()[:1], actions=changed)), encoding="utf-8")
    status = main(["lint", str(path), "--games", "0"])
    out = capsys.readouterr().out
    assert "info:" in out and "warning:" not in out, out
    assert status == 0
    assert "1 finding in" in out and "no bot games played" in out
    path.write_text(text_of(doc(variables=_variables()[2:])), encoding="utf-8")
    assert main(["lint", str(path), "--games", "0"]) == 1
    assert "warning:" in capsys.readouterr().out
