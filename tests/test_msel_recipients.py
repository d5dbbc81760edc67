"""Recipients to roles (issue 14): names as planners write them, kept as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.exercise import simulate
from engine.load.loader import load_scenario
from engine.msel.options import ImportOptions
from engine.templates.roles import RoleListError, parse_roles
from tests.test_cli import run_here
from tests.test_msel_mapping import import_text, problems, shocks_of


def test_new_roles_keep_the_names_written_after_their_ids() -> None:
    roles = parse_roles("it-department=IT Department, pr=PR,ceo=CEO,seoul")
    assert [(role.id, role.name) for role in roles] == [
        ("it-department", "IT Department"),
        ("pr", "PR"),
        ("ceo", "CEO"),
        ("seoul", "Seoul"),
    ]


@pytest.mark.parametrize(("text", "needle"), [("IT Department", "e.g. it=IT Department"), ("pr=P\x1bR", "printable")])
def test_a_name_without_an_id_or_with_control_characters_is_refused(text: str, needle: str) -> None:
    with pytest.raises(RoleListError, match=needle):
        parse_roles(text)


# --- recipients in an events list ------------------------------------------------------------------

DATA = Path(__file__).parent / "data" / "msel"
HEADER = "Turn,Title,Description,Category,To\n"


def audiences(rows: str, options: ImportOptions | None = None) -> list[list[str] | None]:
    return [shock.get("audience") for shock in shocks_of(import_text(HEADER + rows, options))]


def one_problem(rows: str, options: ImportOptions | None = None) -> str:
    (found,) = [d for d in problems(HEADER + rows, options) if d.severity == "error"]
    assert (found.code, found.column) == ("msel-unknown-name", 5)
    return found.message


@pytest.mark.parametrize("everyone", ["All", "all players", "Everyone", "Plenary", "ALL TEAMS", "All participants", ""])
def test_the_ways_lists_say_everyone_address_every_team(everyone: str) -> None:
    assert audiences(f"1,A,a.,other,{everyone}\n") == [None]


def test_roles_by_id_or_name_in_any_case_and_several_in_a_cell() -> None:
    assert audiences("1,A,a.,other,SEOUL\n2,B,b.,other,tokyo; Seoul\n3,C,c.,other,Tokyo\n") == [
        ["seoul"],
        ["tokyo", "seoul"],
        ["tokyo"],
    ]


def test_a_recipient_map_sends_the_lists_names_to_roles() -> None:
    options = ImportOptions(recipients={"blue house": "seoul", "kantei": "Tokyo", "the room": "all"})
    assert audiences("1,A,a.,other,Blue House\n2,B,b.,other,Kantei\n3,C,c.,other,The Room\n", options) == [
        ["seoul"],
        ["tokyo"],
        None,
    ]


def test_a_near_miss_names_the_nearest_role_and_how_to_map_it() -> None:
    message = one_problem("1,A,a.,other,Seol\n")
    assert message.startswith("column \"To\": unknown recipient 'Seol'; did you mean 'Seoul'?")
    assert "--recipient 'Seol=ROLE' maps it, --new-roles makes it a role" in message
    assert "did you mean 'all players'?" in one_problem("1,A,a.,other,All playrs\n")


def test_a_mapping_to_a_role_the_scenario_lacks_is_refused() -> None:
    message = one_problem("1,A,a.,other,Kantei\n", ImportOptions(recipients={"kantei": "japan"}))
    assert message == "column \"To\": the mapping sends 'Kantei' to 'japan', which is no role of the scenario"


def test_new_roles_are_named_as_the_list_writes_them() -> None:
    rows = "1,A,a.,other,IT Department\n2,B,b.,other,PR\n3,C,c.,other,CEO; it department\n"
    imported = import_text(HEADER + rows, ImportOptions(new_roles=True))
    roles = json.loads(imported.text)["roles"]
    assert [(role["id"], role["name"]) for role in roles[2:]] == [
        ("it-department", "IT Department"),
        ("pr", "PR"),
        ("ceo", "CEO"),
    ]
    assert [shock.get("audience") for shock in shocks_of(imported)] == [["it-department"], ["pr"], ["ceo", "it-department"]]
    warnings = [d for d in imported.warnings if d.code == "msel-new-role"]
    assert [(d.line, d.column) for d in warnings] == [(2, 5), (3, 5), (4, 5)]
    assert "recipient 'IT Department' is a new role 'it-department': give it its actions" in warnings[0].message


def test_more_new_roles_than_a_scenario_holds_are_refused_at_the_first_too_many() -> None:
    rows = "".join(f"1,T{n},d.,other,Team {chr(65 + n)}\n" for n in range(8))
    found = [d for d in problems(HEADER + rows, ImportOptions(new_roles=True)) if d.severity == "error"]
    (cap,) = [d for d in found if "would make 10 roles but a scenario has at most 8" in d.message]
    assert (cap.line, cap.code) == (8, "msel-unknown-name")
    assert [d.line for d in found if "unknown recipient" in d.message] == [8, 9]


def test_rows_that_differ_only_in_recipient_are_one_inject() -> None:
    rows = "1,A,a.,other,Seoul\n1,A,a.,other,Tokyo\n2,A,a.,other,Seoul\n"
    imported = import_text(HEADER + rows)
    assert [(shock["id"], shock.get("audience")) for shock in shocks_of(imported)] == [
        ("a", ["seoul", "tokyo"]),
        ("a-2", ["seoul"]),
    ]
    (merged,) = [d for d in imported.warnings if d.code == "msel-merged-rows"]
    assert (merged.line, merged.message) == (
        2,
        "rows 2 and 3 differ only in their recipient: one inject addressed to Seoul, Tokyo",
    )


def test_the_company_list_imports_with_its_mapping_and_plays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "company.json"
    csv_file, mapping = DATA / "one-row-per-recipient.csv", DATA / "one-row-per-recipient.toml"
    result = run_here(capsys, "msel", "import", str(csv_file), "--map", str(mapping), "-o", str(target))
    assert result.returncode == 0, result.stderr
    scenario = load_scenario(target)
    assert [role.name for role in scenario.roles][2:] == ["IT Department", "CEO", "PR"]
    shocks = scenario.document["shocks"]
    assert [shock["id"] for shock in shocks] == ["ransomware-note", "reporter-calls", "regulator-asks", "backups-encrypted"]
    assert [shock.get("audience") for shock in shocks] == [["it-department", "ceo"], ["pr"], None, ["it-department", "ceo"]]
    assert "rows 2 and 3 differ only in their recipient" in result.stderr
    assert len(list(simulate(scenario, games=3, seed=1))) == 3


def test_recipient_flags_map_without_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    csv_file = str(DATA / "one-row-per-recipient.csv")
    flags = ["--recipient", "IT Department=seoul", "--recipient", "ceo=Tokyo", "--recipient", "PR=all", "--category", "cyber"]
    result = run_here(capsys, "msel", "import", csv_file, *flags)
    assert result.returncode == 0, result.stderr
    shocks = json.loads(result.stdout)["shocks"]
    assert [shock.get("audience") for shock in shocks] == [["seoul", "tokyo"], None, None, ["seoul", "tokyo"]]
    bad = run_here(capsys, "msel", "import", csv_file, "--recipient", "nothing")
    assert bad.returncode == 1 and "expected NAME=ROLE" in bad.stderr
