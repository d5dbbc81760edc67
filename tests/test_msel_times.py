"""Every time format an events list may use, each read into turns; every ambiguous one refused, never reinterpreted.

A list of times becomes a scenario whose turns are its distinct times in time order, named as the
list writes them; turn numbers and windows read as before.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from engine.load.diagnostics import InputError
from engine.msel.importer import import_events
from engine.msel.options import ImportOptions
from engine.msel.table import read_table
from engine.msel.template import template


def imported(times: list[str], header: str = "Time") -> dict[str, Any]:
    rows = "\n".join(f'"{time}",Inject {n},Text,other' for n, time in enumerate(times, 1))
    text = f"{header},Title,Description,Category\n{rows}\n"
    table = read_table(text.encode("utf-8"), "plan.csv", ImportOptions())
    document: dict[str, Any] = json.loads(import_events(table, template(), "out.json").text)
    return document


def turns_of(times: list[str]) -> tuple[list[int], list[str]]:
    """The turn of each inject and the names of the turns the times made (the template's later turns keep theirs)."""
    document = imported(times)
    turns = [shock["trigger"]["atTurn"] for shock in document["shocks"]]
    names = document["turns"]["names"]
    assert document["turns"]["count"] == len(names) == max(8, *turns)
    assert names[max(turns) :] == [f"Turn {n}" for n in range(max(turns) + 1, len(names) + 1)]
    return turns, names[: max(turns)]


def refusals(times: list[str]) -> list[str]:
    with pytest.raises(InputError) as caught:
        imported(times)
    return [d.message for d in caught.value.diagnostics if d.severity == "error"]


@pytest.mark.parametrize(
    ("times", "turns", "names"),
    [
        (["D+2", "D+1", "D+1"], [2, 1, 1], ["D+1", "D+2"]),
        (["J+1", "J+3"], [1, 2], ["J+1", "J+3"]),
        (["H+2", "H+1", "H+12"], [2, 1, 3], ["H+1", "H+2", "H+12"]),
        (["D+1 09:00", "D+1 14:30", "D+2 08:00", "D+1 09:00"], [1, 2, 3, 1], ["D+1 09:00", "D+1 14:30", "D+2 08:00"]),
        (["Day 1 PM", "Day 1 AM", "Day 2 AM"], [2, 1, 3], ["Day 1 AM", "Day 1 PM", "Day 2 AM"]),
        (["14:00", "09:00", "9h30"], [3, 1, 2], ["09:00", "9h30", "14:00"]),
        (["9:30 PM", "9:30 AM", "12 PM"], [3, 1, 2], ["9:30 AM", "12 PM", "9:30 PM"]),
        (["Tuesday 08:00", "Monday 9:30 AM", "Monday 14:00"], [3, 1, 2], ["Monday 9:30 AM", "Monday 14:00", "Tuesday 08:00"]),
        (
            ["2024-06-27", "2024-06-26 09:00", "2024-06-26T13:00"],
            [3, 1, 2],
            ["2024-06-26 09:00", "2024-06-26T13:00", "2024-06-27"],
        ),
        (["26/06/2024 09h00", "05/06/2024 10h00"], [2, 1], ["05/06/2024 10h00", "26/06/2024 09h00"]),
        (["06/26/2024", "06/05/2024"], [2, 1], ["06/05/2024", "06/26/2024"]),
        (["26.06.2024", "05.07.2024"], [1, 2], ["26.06.2024", "05.07.2024"]),
        (["26 June 2024", "June 5, 2024", "1 Jul 2024 08:00"], [2, 1, 3], ["June 5, 2024", "26 June 2024", "1 Jul 2024 08:00"]),
    ],
)
def test_each_format_becomes_turns_in_time_order_named_as_written(times: list[str], turns: list[int], names: list[str]) -> None:
    assert turns_of(times) == (turns, names)


def test_a_date_and_a_time_column_are_read_together() -> None:
    text = "Date,Time,Title,Description,Category\n26/06/2024,14:00,A,T,other\n26/06/2024,09:00,B,T,other\n"
    table = read_table(text.encode("utf-8"), "plan.csv")
    document = json.loads(import_events(table, template(), "out.json").text)
    assert [shock["trigger"] for shock in document["shocks"]] == [{"atTurn": 2}, {"atTurn": 1}]
    assert document["turns"]["names"][:2] == ["26/06/2024 09:00", "26/06/2024 14:00"]


def test_times_warn_that_they_became_the_turns() -> None:
    table = read_table(b"Time,Title,Description,Category\nD+1,A,T,other\n", "plan.csv")
    (warning,) = import_events(table, template(), "out.json").warnings
    assert (warning.code, warning.severity) == ("msel-times-as-turns", "warning")


@pytest.mark.parametrize(
    ("times", "message"),
    [
        (["+1"], "'+1' could be a day after the start or a window from turn 1: write D+1 or from 1"),
        (["05/06/2024"], "could be day/month or month/day and no date in the list tells; write it as YYYY-MM-DD"),
        (["26/06/2024", "06/26/2024"], "both day first and month first"),
        (["D+1 09:00", "09:30"], "'09:30' is a time of day alone but row 2 gives a day number"),
        (["D+1", "3"], "the list gives times (row 2: 'D+1'); write this one as a time too"),
        (["Monday 09:00", "2024-06-26"], "'2024-06-26' is a date but row 2 gives a weekday"),
        (["31/02/2024"], "is not a date on the calendar"),
        (["D+1 25:00"], "is not a time of day"),
        (["13:00 PM"], "with AM or PM the hour is 1 to 12"),
    ],
)
def test_an_ambiguous_or_impossible_time_is_refused(times: list[str], message: str) -> None:
    assert any(message in found for found in refusals(times)), refusals(times)


@pytest.mark.parametrize(
    ("cell", "trigger"),
    [
        ("3", {"atTurn": 3}),
        ("Turn 2 (Week of 5 May)", {"atTurn": 2}),
        ("Day 3", {"atTurn": 3}),
        ("3-5", {"from": 3, "to": 5}),
        ("3+", {"from": 3}),
        ("from 2", {"from": 2}),
        ("until 4", {"to": 4}),
    ],
)
def test_turn_numbers_and_windows_read_as_before(cell: str, trigger: dict[str, int]) -> None:
    document = imported([cell], header="Turn")
    assert document["shocks"][0]["trigger"] == trigger
    assert document["turns"] == {"count": 8, "label": "Turn"}
