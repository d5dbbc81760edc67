"""A variable's label keeps its length as the game goes on (issue 12: "Public su…in Seoul" by month 12):
the sparkline takes the room the label leaves, never room the label had in month 1."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from engine.audience.console import VariableView
from tui.widgets.variables import VariablesPanel

LABEL = "Public support in Seoul"
LONG = "Economic-security cooperation between the capitals"


def _view(label: str, history: tuple[int, ...], change: int) -> VariableView:
    return VariableView(
        label, history[-1], 0, 100, "", "Steady", "neutral", change, "higher-is-better", (), "x", history, "public", False
    )


def _first_lines(width: int, views: list[VariableView]) -> list[str]:
    class Holder(App[None]):
        def compose(self) -> ComposeResult:
            yield VariablesPanel()

    lines: list[str] = []

    async def main() -> None:
        app = Holder()
        async with app.run_test(size=(width, 30)) as pilot:
            panel = app.query_one(VariablesPanel)
            panel.show(views)
            await pilot.pause()
            lines.extend(str(panel.render()).splitlines()[0::2])

    asyncio.run(main())
    return lines


def test_labels_do_not_shrink_as_the_sparkline_grows() -> None:
    month_1 = [_view(LABEL, (50,), 0), _view(LONG, (44,), 0)]
    month_12 = [_view(LABEL, tuple(range(40, 52)), -12), _view(LONG, tuple(range(30, 42)), 3)]
    for width in (34, 40):
        early, late = _first_lines(width, month_1), _first_lines(width, month_12)
        assert early[0].startswith(LABEL) and late[0].startswith(LABEL), (early, late)
        cut = early[1].split("…")[0]
        assert "…" in early[1] and late[1].startswith(cut + "…"), (early, late)
        assert all(len(line) <= width for line in early + late)
        assert len(late[0].split()[-1]) >= 3, "the trend shows the last turns where the label leaves room"


def test_a_named_state_moves_by_an_arrow_and_reads_by_its_name() -> None:
    """A variable of named states moved one position: the bar says "▲" and the state's name, not
    "▲+1" and a number (a position is no amount); a number's change keeps its amount."""
    states = ("routine", "exercise", "quarantine", "blockade")
    posture = VariableView("Posture", 2, 0, 3, "", "quarantine", "warning", 1, "neutral", states, "p", (1, 2), "public", False)
    trust = _view(LABEL, (50, 53), 3)
    lines: list[str] = []

    class Holder(App[None]):
        def compose(self) -> ComposeResult:
            yield VariablesPanel()

    async def main() -> None:
        app = Holder()
        async with app.run_test(size=(40, 12)) as pilot:
            panel = app.query_one(VariablesPanel)
            panel.show([posture, trust])
            await pilot.pause()
            lines.extend(str(panel.render()).splitlines())
            panel.compact = True
            panel.refresh()
            await pilot.pause()
            lines.extend(str(panel.render()).splitlines())

    asyncio.run(main())
    wide_posture, wide_bar, wide_trust, _, compact_posture, compact_trust = lines
    assert "▲" in wide_posture and "+1" not in wide_posture and wide_bar.rstrip().endswith("quarantine")
    assert "▲+3" in wide_trust
    assert compact_posture.split()[-2:] == ["quarantine", "▲"]
    assert compact_trust.split()[-2:] == ["53", "▲+3"]
