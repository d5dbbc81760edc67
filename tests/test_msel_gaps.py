"""Silent gaps (issue 14): injects that never fire by themselves are named by their rows, not left for the room to find."""

from __future__ import annotations

from engine.load.catalog import bundled
from engine.msel.export import export_csv
from engine.msel.importer import import_events
from engine.msel.options import ImportOptions
from engine.msel.table import read_table
from tests.test_msel_mapping import import_text, problems


def never_fires(text: str, options: ImportOptions | None = None) -> list[str]:
    imported = import_text(text, options)
    return [d.message for d in imported.warnings if d.code == "msel-never-fires"]


def test_a_list_with_no_turn_column_is_warned_with_its_rows() -> None:
    text = "Title,Description,Category\nA,a.,other\nB,b.,other\n"
    (message,) = never_fires(text)
    assert message.startswith("the list has no turn column, so all 2 injects (rows 2, 3) never fire by themselves")
    assert "--column turn=HEADER" in message


def test_only_the_rows_without_a_turn_are_named() -> None:
    text = "Turn,Title,Description,Category\n1,A,a.,other\n,B,b.,other\n2,C,c.,other\n"
    (message,) = never_fires(text)
    assert message.startswith("with no turn, trigger or follow-up, 1 of 3 injects (row 3) never fires by itself")


def test_an_inject_a_follow_up_brings_is_not_silent() -> None:
    text = "Turn,Title,Description,Category,Follow-ups\n1,A,a.,other,b after 1\n,B,b.,other,\n"
    assert never_fires(text) == []


def test_a_disabled_inject_nothing_enables_is_silent_and_one_an_effect_enables_is_not() -> None:
    text = "Turn,Title,Description,Category,Enabled,Effects\n1,A,a.,other,no,\n2,B,b.,other,no,\n1,C,c.,other,,enable b\n"
    (message,) = never_fires(text)
    assert "(row 2)" in message


def test_a_long_list_names_ten_rows_and_counts_the_rest() -> None:
    text = "Title,Description,Category\n" + "".join(f"T{n},d.,other\n" for n in range(25))
    (message,) = never_fires(text)
    assert "(rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 15 more)" in message


def test_a_timed_list_has_no_such_warning() -> None:
    assert never_fires("Turn,Title,Description,Category\n1,A,a.,other\n") == []


def unread(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in import_text(text).warnings if d.code == "msel-words-not-read"]


def test_words_in_brackets_other_than_the_turns_name_are_named() -> None:
    text = "Turn,Title,Description,Category\n3 (only if the talks fail),A,a.,other\nTurn 2,B,b.,other\n"
    assert unread(text + "1 (if trust < 40),C,c.,other\n")[0][1].startswith(
        "words in brackets in the Turn column are not read (rows 2, 4; in row 2: '(only if the talks fail)'"
    )
    assert unread(text) == [
        (
            2,
            "words in brackets in the Turn column are not read (row 2: '(only if the talks fail)'; the turn is Turn 3): "
            "a condition goes in the Trigger column, a remark in the notes",
        )
    ]


def test_the_calendar_names_export_writes_are_not_reported() -> None:
    scenario = bundled()[0].load()
    imported = import_events(read_table(export_csv(scenario).encode(), "e.csv"), dict(scenario.document), "out.json")
    assert [d for d in imported.warnings if d.code == "msel-words-not-read"] == []


def test_a_cell_listing_several_categories_asks_for_one() -> None:
    found = [d for d in problems('Turn,Title,Description,Category\n1,A,a.,"cyber, economic"\n') if d.severity == "error"]
    assert [(d.line, d.column, d.code) for d in found] == [(2, 4, "msel-bad-category")]
    assert "an inject has one category and this cell lists 2: choose 'cyber' or 'economic'" in found[0].message
