"""`whitecell sweep`: every combination of the --vary values is checked, played and tabled; bad
paths and values are clear errors before any game is played."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from engine.bots.registry import make_bot
from engine.bots.simulate import simulate
from engine.core.rules import compile_scenario
from engine.load.loader import load_scenario_document
from engine.sweep import VaryError, parse_vary, set_value
from tests.helpers import doc, text_of
from tests.test_cli import run_here, usage_error

SCENARIO: dict[str, Any] = doc(
    actions=[
        {"id": "talk", "label": "Talk", "roles": ["seoul", "tokyo"], "effects": [{"add": {"trust": 5}}]},
        {"id": "snub", "label": "Snub", "roles": ["seoul", "tokyo"], "effects": [{"add": {"trust": -8}}]},
    ],
    shocks=[
        {
            "id": "storm",
            "title": "Storm",
            "category": "disaster",
            "narrative": "A storm.",
            "trigger": {"chance": 0.5},
            "effects": [{"add": {"trust": -10}}],
        }
    ],
    outcomes=[
        {"id": "good", "title": "Good", "when": {"var": "trust", "atLeast": 50}},
        {"id": "bad", "title": "Bad"},
    ],
)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.json"
    path.write_text(text_of(SCENARIO), encoding="utf-8")
    return path


def test_a_sweep_plays_every_combination_with_the_same_games(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    args = ["sweep", str(tiny), "--vary", "variables.trust.initial=30:70:20", "--vary", "shocks.storm.trigger.chance=0,1"]
    result = run_here(capsys, *args, "--games", "40", "--seed", "3", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    values = [
        (row["values"]["variables.trust.initial"], row["values"]["shocks.storm.trigger.chance"]) for row in data["settings"]
    ]
    assert values == [(30, 0), (30, 1), (50, 0), (50, 1), (70, 0), (70, 1)]
    for row in data["settings"]:
        trust, chance = row["values"]["variables.trust.initial"], row["values"]["shocks.storm.trigger.chance"]
        varied = set_value(
            set_value(SCENARIO, _vary("variables.trust.initial=1"), trust), _vary("shocks.storm.trigger.chance=1"), chance
        )
        game = compile_scenario(load_scenario_document(varied, "tiny"))
        policies = {role: make_bot("random") for role in game.role_ids}
        assert row["report"] == simulate(game, 40, 3, policies).to_json(), "each row is simulate's report of its scenario"
        assert row["engine"] == "batch"
    never, always = data["settings"][0]["report"]["shocks"]["storm"], data["settings"][1]["report"]["shocks"]["storm"]
    assert (never, always) == (0, 40)
    again = run_here(capsys, *args, "--games", "40", "--seed", "3", "--json")
    assert again.stdout == result.stdout


def _vary(spec: str) -> Any:
    return parse_vary(spec, SCENARIO)


def test_the_text_table_and_the_csv(capsys: pytest.CaptureFixture[str], tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "sweep.csv"
    result = run_here(capsys, "sweep", str(tiny), "--vary", "roles.seoul.budget=1,2", "--games", "30", "--csv", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Tiny (tiny)"
    assert lines[1] == "2 settings of 30 games each, seed 1; seoul: random, tokyo: random"
    assert lines[3].split() == ["roles.seoul.budget", "Good", "Bad", "Seoul", "score", "Tokyo", "score", "length"]
    assert [line.split()[0] for line in lines[4:6]] == ["1", "2"]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [row["roles.seoul.budget"] for row in rows] == ["1", "2"]
    assert all(int(row["outcome.good"]) + int(row["outcome.bad"]) == 30 for row in rows)
    assert {"games", "engine", "score.seoul.mean", "end_turn.mean", "var.trust.mean", "shock.storm"} <= set(rows[0])
    again = run_here(capsys, "sweep", str(tiny), "--vary", "roles.seoul.budget=1,2", "--games", "30", "--csv", str(out))
    assert again.returncode == 1 and "--force" in again.stderr, "an existing file is kept"


@pytest.mark.parametrize(
    ("spec", "needle"),
    [
        ("variables.trust.start=1,2", "variables.trust has no 'start' (it has: id, initial, label, max, min)"),
        ("variables.faith.initial=1", "variables has no item 'faith' (ids: trust)"),
        ("variables.trust.label=1", "variables.trust.label is text in the scenario; only numbers can vary"),
        ("variables.trust=1", "variables.trust is an object in the scenario"),
        ("shocks.storm.trigger.chance.x=1", "is a single value"),
        ("variables.trust.initial=30:70", "a range is START:STOP:STEP"),
        ("variables.trust.initial=30:70:0", "must be above 0"),
        ("variables.trust.initial=70:30:10", "stops below where it starts"),
        ("variables.trust.initial=ten", "'ten' is not a number"),
        ("variables.trust.initial=nan", "not a finite number"),
        ("variables.trust.initial=0:1000000:1", "at most 1,000"),
        ("variables.trust.initial", "expected PATH=VALUES"),
    ],
)
def test_a_bad_vary_is_a_usage_error(capsys: pytest.CaptureFixture[str], tiny: Path, spec: str, needle: str) -> None:
    usage_error(run_here(capsys, "sweep", str(tiny), "--vary", spec, "--games", "2"), needle)


def test_a_value_the_format_refuses_names_the_setting(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    """Every varied scenario is checked before any is played."""
    result = run_here(capsys, "sweep", str(tiny), "--vary", "shocks.storm.trigger.chance=0.5,1.5", "--games", "2")
    assert result.returncode == 1 and result.stdout == ""
    assert "with shocks.storm.trigger.chance=1.5 the scenario is not valid: /shocks/0/trigger/chance" in result.stderr
    whole = run_here(capsys, "sweep", str(tiny), "--vary", "variables.trust.initial=40.5", "--games", "2")
    assert whole.returncode == 1 and "with variables.trust.initial=40.5 the scenario is not valid" in whole.stderr


def test_too_many_settings_or_a_path_twice(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    many = ["--vary", "variables.trust.initial=0:99:1", "--vary", "roles.seoul.budget=1:11:1"]
    result = run_here(capsys, "sweep", str(tiny), *many, "--games", "1")
    assert result.returncode == 1 and "1,100 settings; a sweep plays at most 1,000" in result.stderr
    twice = ["--vary", "roles.seoul.budget=1", "--vary", "roles.seoul.budget=2"]
    usage_error(run_here(capsys, "sweep", str(tiny), *twice), "more than once")


def test_setting_a_value_leaves_the_scenario_alone() -> None:
    vary = _vary("actions.talk.effects.0.add.trust=1,9")
    changed = set_value(SCENARIO, vary, 9)
    assert changed["actions"][0]["effects"][0]["add"]["trust"] == 9
    assert SCENARIO["actions"][0]["effects"][0]["add"]["trust"] == 5
    with pytest.raises(VaryError, match=r"actions\.talk\.effects has no item '7'"):
        _vary("actions.talk.effects.7.add.trust=1")


def test_the_html_page_charts_each_number_and_escapes_the_scenarios_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = {"id": "good", "title": "<script>alert(1)</script>", "when": {"var": "trust", "atLeast": 50}}
    hostile = dict(SCENARIO, outcomes=[good, {"id": "bad", "title": "Bad & worse"}])
    path = tmp_path / "hostile.json"
    path.write_text(text_of(hostile), encoding="utf-8")
    page = tmp_path / "sweep.html"
    varies = ["--vary", "variables.trust.initial=30:70:20", "--vary", "roles.seoul.budget=1,2"]
    result = run_here(capsys, "sweep", str(path), *varies, "--games", "20", "--html", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "Bad &amp; worse" in html
    assert html.count("<svg") == 4, "outcomes and scores against each of the two numbers"
    assert "Outcomes against variables.trust.initial" in html and "Mean scores against roles.seoul.budget" in html
    assert html.count("<tr>") == 1 + 6, "a header and one row per setting"
    wrong = run_here(capsys, "sweep", str(path), *varies, "--html", str(tmp_path / "sweep.htm"))
    usage_error(wrong, "--html writes a web page: give a file name ending in .html")


def test_workers_give_the_same_sweep(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    args = ["sweep", str(tiny), "--vary", "roles.tokyo.budget=0:2:1", "--games", "50", "--json"]
    one = run_here(capsys, *args)
    two = run_here(capsys, *args, "--workers", "2")
    assert two.returncode == 0, two.stderr
    assert json.loads(one.stdout) == json.loads(two.stdout)


def test_a_sweep_stopped_in_its_first_setting_still_lays_out() -> None:
    """A setting cut short is left out; with none finished the table, CSV and page have their heads only."""
    from engine.sweep import run_sweep, sweep_csv, sweep_text
    from engine.sweep.page import sweep_html

    scenario = load_scenario_document(SCENARIO, "tiny")
    vary = parse_vary("roles.seoul.budget=1,2", scenario.document)
    sweep = run_sweep(scenario, [vary], 3, 1, {"seoul": "random", "tokyo": "random"}, engine="scalar", stop=lambda: True)
    assert sweep.rows == ()
    assert sweep_text(sweep).splitlines()[1] == "0 settings of 3 games each, seed 1; seoul: random, tokyo: random"
    assert sweep_csv(sweep, str).count("\n") == 1
    assert "<svg" not in sweep_html(sweep)


def test_a_role_the_bots_leave_out_plays_the_random_bot() -> None:
    """Called from a program, a sweep of a scenario with a white-cell actor names the teams' bots only:
    the actor plays the random bot, as `whitecell sweep` gives it, and the table says so."""
    from engine.sweep import run_sweep, sweep_text
    from tests.test_actors import with_actor

    scenario = load_scenario_document(with_actor(), "actor")
    vary = parse_vary("roles.seoul.budget=1,2", scenario.document)
    sweep = run_sweep(scenario, [vary], 3, 1, {"seoul": "passive", "tokyo": "random"}, engine="scalar")
    assert [row.report.games for row in sweep.rows] == [3, 3]
    assert "seoul: passive, tokyo: random, beijing: random" in sweep_text(sweep)
