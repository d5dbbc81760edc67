"""lint --policy: the dynamic pass plays the bots named, so what they reach (or never touch) is what lint reports."""

from __future__ import annotations

import pytest

from engine.lint.check import lint, lint_text
from engine.lint.source import open_source
from tests.test_cli import run_here


def _never_taken(bots: dict[str, str] | None) -> set[str]:
    result = lint(open_source("missile-crisis"), 20, 1, bots)
    return {d.pointer for d in result.dynamic if d.code == "lint-action-never-taken"}


def test_passive_bots_take_nothing_and_lint_says_so_where_random_ones_take_everything() -> None:
    passive = _never_taken({"seoul": "passive", "tokyo": "passive"})
    assert len(passive) >= 5
    assert _never_taken(None) < passive
    assert _never_taken({"seoul": "random", "tokyo": "random"}) == _never_taken(None)


def test_the_summary_names_the_bots_that_were_not_random() -> None:
    result = lint(open_source("missile-crisis"), 5, 2, {"seoul": "random", "tokyo": "greedy"})
    assert result.bots == (("tokyo", "greedy"),)
    assert lint_text(result).splitlines()[-1].endswith("from 5 bot games (seed 2; tokyo: greedy)")


def test_the_command_takes_a_bot_for_all_or_for_one_role(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        "(seed 1; seoul: passive; tokyo: passive)"
        in run_here(capsys, "lint", "missile-crisis", "--games", "3", "--policy", "passive").stdout
    )
    refused = run_here(capsys, "lint", "missile-crisis", "--policy", "nobody=greedy")
    assert refused.returncode == 2
    assert "--policy names role 'nobody', but this scenario's roles are seoul, tokyo" in refused.stderr
    unknown = run_here(capsys, "lint", "missile-crisis", "--policy", "clever")
    assert unknown.returncode == 2
    assert "unknown policy 'clever'" in unknown.stderr
