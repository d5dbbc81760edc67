"""An events list of thousands of rows is answered in time that grows with the rows, not their square.

The figures are in tests/benchmark_msel.py; here, what keeps the work linear: suggestions for a
mistyped shock come from an index (the same answer as a whole search where both find one), and a
list longer than a scenario can hold is refused at its first row too many, before the loader.
"""

from __future__ import annotations

import pytest

from engine.core.spelling import closest
from engine.load.diagnostics import InputError
from engine.msel.importer import import_events
from engine.msel.nearest import SMALL, Nearest
from engine.msel.table import read_table
from engine.msel.template import template
from tests.benchmark_msel import events_list

NAMES = [f"inject-{index}" for index in range(3000)] + ["boycott", "missile-launch", "strait-blockade"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("injct-17", "inject-17"), ("inject-2999x", "inject-2999"), ("boycot", "boycott"), ("missle-launch", "missile-launch")],
)
def test_a_large_pool_suggests_what_a_whole_search_would(typed: str, expected: str) -> None:
    nearest = Nearest(NAMES)
    assert len(nearest) > SMALL and nearest.index is not None
    assert nearest.suggest(typed) == expected == closest(typed, NAMES)


def test_a_large_pool_knows_its_names_and_suggests_nothing_for_a_stranger() -> None:
    nearest = Nearest(NAMES)
    assert "inject-5" in nearest and "inject-" not in nearest
    assert nearest.suggest("zzzzqqqq") is None


def test_a_small_pool_searches_everything() -> None:
    nearest = Nearest(["trust", "tension"])
    assert nearest.index is None
    assert nearest.suggest("tensoin") == "tension"


def test_a_list_longer_than_a_scenario_holds_is_refused_at_the_first_row_too_many() -> None:
    with pytest.raises(InputError) as caught:
        import_events(read_table(events_list(300, typos=False), "events.csv"), template(), "out.json")
    (problem,) = caught.value.diagnostics
    assert (problem.line, problem.code) == (258, "msel-invalid-scenario")
    assert "300 injects" in problem.message and "at most 256" in problem.message


def test_every_unknown_name_in_a_long_list_is_reported_with_its_suggestion() -> None:
    with pytest.raises(InputError) as caught:
        import_events(read_table(events_list(600, typos=True), "events.csv"), template(), "out.json")
    messages = [d.message for d in caught.value.diagnostics]
    assert sum("unknown variable 'trst'; did you mean 'trust'?" in m for m in messages) == 600
    assert sum("unknown shock 'injct-" in m and "did you mean 'inject-" in m for m in messages) == 200
