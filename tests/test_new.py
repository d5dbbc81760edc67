"""`whitecell new`: the templates validate and play for any accepted role list, `full` uses every
condition and effect form of the schema, and the command never overwrites or writes garbage."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.bots.registry import make_bot
from engine.bots.simulate import play
from engine.core.rules import compile_scenario
from engine.lint.check import lint
from engine.lint.source import open_source
from engine.load.loader import check_scenario_bytes
from engine.schema import scenario_schema
from engine.templates import TEMPLATES, build, scaffold, scenario_id_for
from engine.templates.jsontext import WIDTH, json_document
from engine.templates.roles import RoleListError, parse_roles, title_from_id
from engine.templates.schema_ref import installed_schema, schema_reference
from tests.test_cli import run, run_here

ROLE_LISTS = ("seoul,tokyo", "seoul", "tokyo,seoul,washington", "seoul,tokyo,washington,beijing,moscow,new-delhi,canberra,manila")


def _checked(text: str, label: str) -> Any:
    checked = check_scenario_bytes(text.encode("utf-8"), label)
    assert [d.format() for d in checked.diagnostics] == [], "the template must validate with no errors and no warnings"
    assert checked.scenario is not None
    return checked.scenario


@pytest.mark.parametrize("template", sorted(TEMPLATES))
@pytest.mark.parametrize("roles", ROLE_LISTS)
def test_every_template_validates_and_plays_to_the_end(template: str, roles: str) -> None:
    specs = parse_roles(roles)
    text = scaffold(template, Path("/nowhere/exercise.json"), specs, "file:///schema.json")
    scenario = _checked(text, f"{template}.json")
    assert [role.id for role in scenario.teams] == roles.split(",")
    game = compile_scenario(scenario)
    for policy in ("random", "greedy", "passive"):
        for seed in range(3):
            final = play(game, seed, dict.fromkeys(game.role_ids, make_bot(policy))).final
            assert final.ended and final.outcome is not None
            assert final.turn == scenario.turns.count or final.end_reason != "final-turn"


def _forms(definition: str) -> set[str]:
    """The key that names each form of a condition or an effect, read from the schema's $defs."""
    defs = scenario_schema()["$defs"]
    names = set()
    for option in defs[definition]["oneOf"]:
        form = defs[option["$ref"].rsplit("/", 1)[1]]
        names.add(form["required"][0])
    return names


CONDITION_FORMS = _forms("condition")
EFFECT_FORMS = _forms("effect")


def _conditions(cond: Any) -> Iterator[str]:
    form = next(key for key in cond if key in CONDITION_FORMS)
    yield form
    if form in ("all", "any"):
        for item in cond[form]:
            yield from _conditions(item)
    elif form == "not":
        yield from _conditions(cond["not"])


def _effects(effects: list[Any]) -> Iterator[tuple[str, str]]:
    """(kind, form) of every effect and condition inside a list of effects."""
    for effect in effects:
        form = next(key for key in effect if key in EFFECT_FORMS)
        yield "effect", form
        if form == "if":
            yield from (("condition", c) for c in _conditions(effect["if"]))
        for branch in ("then", "else"):
            yield from _effects(effect.get(branch, []) if form in ("if", "chance") else [])
        if form == "pick":
            for option in effect["pick"]:
                yield from _effects(option["effects"])


def _used_forms(document: dict[str, Any]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()

    def conditions(cond: Any) -> None:
        if cond is not None:
            found.update(("condition", form) for form in _conditions(cond))

    for role in document["roles"]:
        for objective in role.get("objectives", []):
            conditions(objective["condition"])
    for action in document["actions"]:
        conditions(action.get("requires"))
        found.update(_effects(action["effects"]) if action["effects"] else [])
        found.update(_effects(action.get("unmatched", [])))
    for shock in document["shocks"]:
        conditions(shock.get("trigger", {}).get("when"))
        for key in ("effects", "ongoing", "onExpire"):
            found.update(_effects(shock.get(key, [])))
    for rule in document["rules"]:
        conditions(rule.get("when"))
        found.update(_effects(rule["effects"]))
    for item in document.get("endConditions", []) + document["outcomes"]:
        conditions(item.get("when"))
    return found


def test_the_schema_lists_the_forms_this_test_expects() -> None:
    assert {"var", "inBand", "resource", "uses", "fired", "score", "turn", "active", "chose"} <= CONDITION_FORMS
    assert {"add", "set", "drift", "gain", "chance", "pick", "if", "schedule", "endShock", "say"} <= EFFECT_FORMS


@pytest.mark.parametrize("roles", ["seoul,tokyo", "seoul", "a,b,c"])
def test_full_uses_every_condition_and_effect_form(roles: str) -> None:
    used = _used_forms(build("full", "tour", parse_roles(roles)))
    assert {form for kind, form in used if kind == "condition"} == CONDITION_FORMS
    assert {form for kind, form in used if kind == "effect"} == EFFECT_FORMS


def test_full_uses_every_trigger_follow_up_and_field_kind() -> None:
    document = build("full", "tour", parse_roles("seoul,tokyo"), "scenario.schema.json")
    shocks = document["shocks"]
    trigger_keys = {key for shock in shocks for key in shock.get("trigger", {})}
    assert trigger_keys == set(scenario_schema()["$defs"]["trigger"]["properties"])
    follow_keys = {key for shock in shocks for follow in shock.get("followUps", []) for key in follow}
    assert follow_keys == set(scenario_schema()["$defs"]["followUp"]["properties"])
    for definition, items in (
        ("shock", shocks),
        ("action", document["actions"]),
        ("variable", document["variables"]),
        ("role", document["roles"]),
        ("resource", document["roles"][0]["resources"]),
        ("objective", [obj for role in document["roles"] for obj in role.get("objectives", [])]),
        ("band", [band for var in document["variables"] for band in var.get("bands", [])]),
        ("outcome", document["outcomes"]),
        ("rule", document["rules"]),
        ("endCondition", document["endConditions"]),
    ):
        present = {key for item in items for key in item}
        assert present == set(scenario_schema()["$defs"][definition]["properties"]), definition
    assert set(document) == set(scenario_schema()["properties"])
    visibilities = {var.get("visibility", "public") for var in document["variables"]}
    assert {"public", "facilitator", "seoul", "tokyo"} <= visibilities
    checks = {obj.get("check", "end") for role in document["roles"] for obj in role.get("objectives", [])}
    assert checks == {"end", "ever", "always"}


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_templates_explain_what_each_part_does(template: str) -> None:
    """JSON has no comments: the teaching is in the descriptions and notes."""
    document = build(template, "tour", parse_roles("seoul,tokyo"))
    for key in ("actions", "variables", "outcomes"):
        for item in document[key]:
            assert item.get("description", "").strip(), (key, item["id"])
    for shock in document["shocks"]:
        assert shock.get("facilitatorNotes", "").strip(), shock["id"]


def test_the_same_arguments_give_the_same_bytes() -> None:
    roles = parse_roles("seoul,tokyo,washington")
    for template in TEMPLATES:
        first = scaffold(template, Path("a/crisis.json"), roles, "x.json")
        assert first == scaffold(template, Path("a/crisis.json"), parse_roles("seoul,tokyo,washington"), "x.json")


def test_scenario_ids_and_titles_come_from_names() -> None:
    assert scenario_id_for(Path("dir/My_Crisis.json")) == "my-crisis"
    assert scenario_id_for(Path("2026 plan.json")) == "new-scenario"
    assert title_from_id("new-delhi") == "New Delhi"
    assert title_from_id("japan-nsc") == "Japan NSC", "a word without a vowel reads as an acronym"
    assert title_from_id("it-security") == "It Security", "a word with one is a word (name it=IT to say otherwise)"
    assert [role.name for role in parse_roles("seoul,new-delhi")] == ["Seoul", "New Delhi"]


@pytest.mark.parametrize(
    ("roles", "needle"),
    [
        ("", "empty"),
        ("Seoul,tokyo", "not a valid role id"),
        ("seoul,,tokyo", "role 2 is empty"),
        ("seoul,seoul", "listed twice"),
        ("facilitator", "visibility word"),
        ("a,b,c,d,e,f,g,h,i", "at most 8"),
        ("x" * 33, "keep it to 32"),
        ("seoul--tokyo", "not a valid role id"),
    ],
)
def test_bad_role_lists_are_refused(roles: str, needle: str) -> None:
    with pytest.raises(RoleListError, match=needle):
        parse_roles(roles)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
    )
)
def test_json_layout_keeps_the_value(value: Any) -> None:
    text = json_document(value)
    assert json.loads(text) == value
    assert text.endswith("\n")


def test_json_layout_puts_small_things_on_one_line() -> None:
    text = json_document({"when": {"var": "trust", "atLeast": 40}, "list": list(range(60))})
    assert '  "when": {"var": "trust", "atLeast": 40},' in text.splitlines()
    assert all(len(line) <= WIDTH for line in text.splitlines())


def test_schema_reference_is_relative_in_the_checkout_and_a_file_uri_elsewhere(tmp_path: Path) -> None:
    schema = installed_schema()
    home = schema.parents[2]
    assert schema_reference(home / "scenarios" / "x.json") == "../engine/schema/scenario.schema.json"
    uri = schema_reference(tmp_path / "x.json")
    if home not in tmp_path.parents:
        assert uri == schema.as_uri()
        assert uri.startswith("file:///")
    assert schema.read_text(encoding="utf-8") == (Path(__file__).parent.parent / "engine/schema/scenario.schema.json").read_text(
        encoding="utf-8"
    )


# --- the command ------------------------------------------------------------------------------


def test_new_writes_a_scenario_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "harbour-crisis.json"
    result = run_here(capsys, "new", str(target), "--template", "full", "--roles", "seoul,tokyo,washington")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "Wrote a full scenario for 3 roles" in result.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["id"] == "harbour-crisis"
    assert document["$schema"] == schema_reference(target)
    assert [role["id"] for role in document["roles"] if "playedBy" not in role] == ["seoul", "tokyo", "washington"]
    assert run_here(capsys, "validate", str(target)).returncode == 0


@pytest.mark.parametrize(
    ("roles", "trust", "teams"),
    [
        ("japan-nsc", "Trust in partners", "The team (Japan NSC) spends"),
        ("seoul,tokyo", "Bilateral trust", "The teams (Seoul, Tokyo) each spend"),
        ("seoul,tokyo,washington", "Trust among the teams", "The teams (Seoul, Tokyo, Washington) each spend"),
    ],
)
def test_the_full_template_words_its_prose_for_the_number_of_teams(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], roles: str, trust: str, teams: str
) -> None:
    """One role is not told of bilateral trust or of teams that each spend (issue 12's 'Japan Nsc')."""
    target = tmp_path / "crisis.json"
    assert run_here(capsys, "new", str(target), "--template", "full", "--roles", roles).returncode == 0
    text = target.read_text(encoding="utf-8")
    document = json.loads(text)
    assert trust in [variable["label"] for variable in document["variables"]]
    assert teams in document["briefing"] and f"keep {trust.lower()} at 50" in document["briefing"]
    assert ("Bilateral" in text) == (trust == "Bilateral trust") and "Nsc" not in text


def test_new_defaults_to_minimal_for_seoul_and_tokyo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "start.json"
    assert run_here(capsys, "new", str(target)).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert text == scaffold("minimal", target, parse_roles("seoul,tokyo"), schema_reference(target))


def test_new_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.json"
    target.write_text("my work", encoding="utf-8")
    result = run_here(capsys, "new", str(target))
    assert result.returncode == 1
    assert "exists; add --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "my work"
    assert run_here(capsys, "new", str(target), "--force").returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "mine"


@pytest.mark.parametrize(
    ("args", "status", "needle"),
    [
        (("{dir}",), 2, "is a directory"),
        (("{dir}/plan.txt",), 2, "ends in .json"),
        (("{dir}/missing/plan.json",), 1, "does not exist"),
        (("{dir}/plan.json", "--roles", "seoul,Tokyo"), 2, "not a valid role id"),
        (("{dir}/plan.json", "--roles", "seoul,seoul"), 2, "listed twice"),
        (("{dir}/plan.json", "--roles", ""), 2, "empty"),
        (("{dir}/plan.json", "--template", "huge"), 2, "invalid choice"),
    ],
)
def test_new_refuses_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], status: int, needle: str
) -> None:
    result = run_here(capsys, "new", *(arg.format(dir=tmp_path) for arg in args))
    assert result.returncode == status
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "plan.json").exists()


def test_new_end_to_end_as_a_process(tmp_path: Path) -> None:
    first = run("new", "drill.json", "--template", "full", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = run("new", "drill.json", cwd=tmp_path)
    assert again.returncode == 1
    checked = run("validate", "drill.json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    simulated = run("simulate", "drill.json", "--games", "20", cwd=tmp_path)
    assert simulated.returncode == 0


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_templates_give_lint_nothing_to_report(tmp_path: Path, template: str) -> None:
    """A file meant to be copied from sets a good example: no dead content, and with the default
    roles nothing unreached or dominant in lint's default number of bot games either."""
    for roles in ROLE_LISTS:
        target = tmp_path / f"{template}-{roles.count(',')}.json"
        target.write_text(scaffold(template, target, parse_roles(roles), "x.json"), encoding="utf-8")
        games = 200 if roles == "seoul,tokyo" else 0
        found = lint(open_source(str(target)), games=games)
        assert [d.format() for d in found.diagnostics] == [], roles


ROLE_IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}", fullmatch=True).filter(
    lambda role: role not in ("public", "facilitator")
)


@given(st.lists(ROLE_IDS, min_size=1, max_size=8, unique=True), st.sampled_from(sorted(TEMPLATES)))
def test_any_accepted_role_list_gives_a_valid_scenario(ids: list[str], template: str) -> None:
    """Ids made from role ids never clash with each other or with the template's own."""
    text = scaffold(template, Path("generated.json"), parse_roles(",".join(ids)), "x.json")
    assert [role.id for role in _checked(text, "generated.json").teams] == ids
