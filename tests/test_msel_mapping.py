"""Events lists as planners keep them: their own headers, a mapping file or --column flags, no ids, no categories.

The fixtures in tests/data/msel are written here in the shapes real lists have (a title row above
the header, card numbers like 1.1, a delivery-method column called Type, columns of the planners'
own); each imports with its mapping and no hand edits, and plays.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.exercise import simulate
from engine.load.diagnostics import Diagnostic, InputError
from engine.load.loader import load_scenario
from engine.msel.importer import Imported, import_events
from engine.msel.options import ImportOptions, column_flag, mapping_options
from engine.msel.table import read_table
from engine.msel.template import template
from tests.test_cli import run_here

DATA = Path(__file__).parent / "data" / "msel"


def import_text(text: str, options: ImportOptions | None = None, base: dict[str, Any] | None = None) -> Imported:
    options = options or ImportOptions()
    table = read_table(text.encode("utf-8"), "plan.csv", options)
    return import_events(table, base or template(), "out.json", options)


def problems(text: str, options: ImportOptions | None = None) -> tuple[Diagnostic, ...]:
    with pytest.raises(InputError) as caught:
        import_text(text, options)
    return caught.value.diagnostics


def shocks_of(imported: Imported) -> list[dict[str, Any]]:
    shocks: list[dict[str, Any]] = json.loads(imported.text)["shocks"]
    return shocks


def test_the_card_deck_imports_with_its_mapping_file_and_plays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "deck.json"
    result = run_here(
        capsys, "msel", "import", str(DATA / "card-deck.csv"), "--map", str(DATA / "card-deck.toml"), "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert "unknown column 'Deck' is kept in the facilitator notes" in result.stderr
    scenario = load_scenario(target)
    shocks = scenario.document["shocks"]
    assert [shock["id"] for shock in shocks] == ["ransom-note", "press-call", "backups-fail"]
    assert {shock["category"] for shock in shocks} == {"cyber"}
    assert shocks[0]["facilitatorNotes"] == "Ask who decides.\nDeck: Opening\nNumber in the list: 1.1"
    assert len(list(simulate(scenario, games=3, seed=1))) == 3


def test_without_its_mapping_the_card_deck_names_the_nearest_headers(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_here(capsys, "msel", "import", str(DATA / "card-deck.csv"))
    assert result.returncode == 1
    assert "card-deck.csv:3:1: error: the header has no 'Category' column" in result.stderr
    assert "--column category=HEADER or --category CATEGORY" in result.stderr
    assert "unknown column 'Deck' is ignored (map it with --column, or --keep-columns keeps it)" in result.stderr


def test_a_json_mapping_file_and_column_flags_mean_the_same() -> None:
    text = "No,Subject,Script,Kind\n1,Talks,They talk.,diplomatic\n"
    from_file = mapping_options('{"columns": {"category": "Kind"}}', "map.json")
    flag = ImportOptions(columns=dict([column_flag("Category=Kind")]))
    by_letter = ImportOptions(columns=dict([column_flag("category=D")]))
    results = [shocks_of(import_text(text, options)) for options in (from_file, flag, by_letter)]
    assert results[0] == results[1] == results[2]
    assert results[0] == [{"id": "talks", "title": "Talks", "category": "diplomatic", "narrative": "They talk."}]


def test_a_mapped_header_wins_over_a_common_name_and_the_common_one_is_kept() -> None:
    text = "Title,Headline,Description,Category\nOld title,New title,Text,other\n"
    (shock,) = shocks_of(import_text(text, ImportOptions(columns={"title": "Headline"})))
    assert shock["title"] == "New title"
    assert shock["facilitatorNotes"] == "Title: Old title"


def test_type_is_the_category_only_when_every_cell_is_one() -> None:
    as_category = "Title,Description,Type\nA,T,cyber\nB,T,economic\n"
    assert [shock["category"] for shock in shocks_of(import_text(as_category))] == ["cyber", "economic"]
    as_method = "Title,Description,Type\nA,T,Email\nB,T,Phone call\n"
    shocks = shocks_of(import_text(as_method, ImportOptions(category="other")))
    assert [shock["facilitatorNotes"] for shock in shocks] == ["Type: Email", "Type: Phone call"]
    mapped = ImportOptions(categories={"ransomware": "cyber"})
    assert shocks_of(import_text("Title,Description,Type\nA,T,Ransomware\n", mapped))[0]["category"] == "cyber"


def test_ids_are_made_from_titles_unique_and_stable() -> None:
    text = "Title,Description\nPort closed!,T\nPort closed,T\nÉmeute à Busan,T\n2026 budget,T\n서울,T\n"
    first = [shock["id"] for shock in shocks_of(import_text(text, ImportOptions(category="other")))]
    again = [shock["id"] for shock in shocks_of(import_text(text, ImportOptions(category="other")))]
    assert first == again == ["port-closed", "port-closed-2", "emeute-a-busan", "inject-2026-budget", "inject-6"]


def test_list_numbers_order_the_injects_and_whole_ones_are_kept_only_with_a_mapping() -> None:
    text = "#,Title,Description,Category\n1.10,C,T,other\n1.9,B,T,other\n10,D,T,other\n2,A,T,other\n"
    plain = shocks_of(import_text(text))
    assert [shock["title"] for shock in plain] == ["B", "C", "A", "D"]
    assert [shock.get("facilitatorNotes") for shock in plain] == [
        "Number in the list: 1.9",
        "Number in the list: 1.10",
        None,
        None,
    ]
    kept = shocks_of(import_text(text, ImportOptions(keep_columns=True)))
    assert kept[2]["facilitatorNotes"] == "Number in the list: 2"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ImportOptions(columns={"title": "Subjet"}), "the mapping's title = 'Subjet' is no header; nearest: 'Subject'"),
        (ImportOptions(category="weather"), "the default category 'weather' is not one of"),
    ],
)
def test_a_mapping_that_cannot_be_used_is_reported(options: ImportOptions, message: str) -> None:
    found = problems("Subject,Script,Category\nA,T,other\n", options)
    assert any(d.code == "msel-bad-mapping" and message in d.message for d in found), found


@pytest.mark.parametrize(
    ("text", "label", "message"),
    [
        ("[columns\n", "map.toml", "the mapping file cannot be read"),
        ("[colums]\ntitle = 'A'\n", "map.toml", "unknown section 'colums'"),
        ("[columns]\ntitel = 'A'\n", "map.toml", "unknown field 'titel'"),
        ("[columns]\ntitle = 3\n", "map.toml", "[columns] must map names to text"),
        ("[import]\nappend = 'yes'\n", "map.toml", "true or false"),
        ("[1, 2]", "map.json", "a table of sections"),
    ],
)
def test_a_bad_mapping_file_is_one_located_problem(text: str, label: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        mapping_options(text, label)
    (found,) = caught.value.diagnostics
    assert (found.file, found.code) == (label, "msel-bad-mapping")
    assert message in found.message


def test_a_bad_column_flag_is_bad_input_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_here(capsys, "msel", "import", str(DATA / "card-deck.csv"), "--column", "title")
    assert result.returncode == 1
    assert "--column:1:1: error: expected FIELD=HEADER" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_header_row_may_be_given() -> None:
    text = "Title,Description,Category\nSubject,Script,Category\nA,T,other\n"
    (shock,) = shocks_of(import_text(text, ImportOptions(header_row=2)))
    assert shock["title"] == "A"
    found = problems(text, ImportOptions(header_row=9))
    assert "row 9 is blank or past the end" in found[0].message


def test_append_keeps_the_base_shocks_its_actions_refer_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = DATA / "foreign-list.csv", tmp_path / "new.json"
    replaced = run_here(capsys, "msel", "import", str(source), "--base", "seoul-tokyo-2026", "--category", "maritime")
    assert replaced.returncode == 1
    assert "add --append to keep the base's shocks" in replaced.stderr
    args = ["msel", "import", str(source), "--base", "seoul-tokyo-2026", "--category", "maritime", "--append", "-o", str(target)]
    result = run_here(capsys, *args)
    assert result.returncode == 0, result.stderr
    base = load_scenario(Path(__file__).parents[1] / "scenarios" / "seoul-tokyo-2026.json").document
    scenario = load_scenario(target)
    shocks = scenario.document["shocks"]
    assert shocks[: len(base["shocks"])] == base["shocks"]
    added = shocks[len(base["shocks"]) :]
    assert [shock["id"] for shock in added] == ["fishing-fleet-detained", "ministry-statement", "crews-released"]
    assert added[0]["facilitatorNotes"] == "Inject Type: Media report\nOwner: Kim"
    assert scenario.document["turns"]["names"][:4] == ["D+1 09:00", "D+1 14:00", "D+2 08:30", "April 2026"]
    assert len(list(simulate(scenario, games=2, seed=3))) == 2


def test_append_refuses_an_id_the_base_already_has() -> None:
    base = load_scenario(Path(__file__).parents[1] / "scenarios" / "missile-crisis.json").document
    taken = base["shocks"][0]["id"]
    text = f"Inject ID,Title,Description,Category\n{taken},A,T,other\n"
    with pytest.raises(InputError) as caught:
        import_text(text, ImportOptions(append=True), dict(base))
    assert any(
        d.code == "msel-duplicate-id" and "already a shock of the base scenario" in d.message for d in caught.value.diagnostics
    )
