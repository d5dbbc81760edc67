"""A team panel's lines are laid out for its width: "1 pt" and a stock never split, the points in a column.

At 80x24 the panels are about forty cells wide, where Textual's own wrapping had left "pt" alone
on a line and a resource's label torn from its stock.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.helpers import SMALL, WIDE, drive, screen_text
from tests.test_tui_play import new_app
from tui.app import WhitecellApp
from tui.screens.summary import AdjudicationScreen
from tui.widgets.entry import EntryPanel
from tui.widgets.fitting import content, flow, hanging, with_right, words

UNIT_TEXT = st.text(st.sampled_from("ab 한本"), min_size=1, max_size=12).map(str.strip).filter(bool)


@given(st.lists(UNIT_TEXT, min_size=1, max_size=12), st.integers(8, 60))
def test_flow_breaks_only_between_units_and_keeps_to_the_width(texts: list[str], width: int) -> None:
    units = [((text, ""),) for text in texts]
    lines = [content([line]).plain for line in flow(units, width, separator="  ", indent="  ")]
    # Every unit whole, in order; a line wider than the width only when one unit alone is.
    assert "  ".join(line.strip() for line in lines) == "  ".join(texts)
    for line in lines:
        assert cell_len(line) <= width or line.strip() in texts


@given(st.lists(UNIT_TEXT, min_size=1, max_size=8), st.integers(20, 60))
def test_the_right_hand_text_ends_the_first_line_at_the_width(texts: list[str], width: int) -> None:
    units = [((text, ""),) for text in texts]
    lines = [content([line]).plain for line in with_right(units, (("9 pt", ""),), width, indent="    ")]
    assert lines[0].endswith(" 9 pt")
    if all(cell_len(text) <= width - 5 for text in texts):
        assert cell_len(lines[0]) == width
    assert " ".join(" ".join(lines[0].split()[:-2]).split() + [w for line in lines[1:] for w in line.split()]) == " ".join(
        word for text in texts for word in text.split()
    )


def test_words_are_units_of_their_own() -> None:
    assert words("Trilateral exercise  with", "bold") == [(("Trilateral", "bold"),), (("exercise", "bold"),), (("with", "bold"),)]


def _lines(app: WhitecellApp, role: str) -> list[str]:
    actions = app.screen.query_one(f"#actions-{role}", OptionList)
    return [line for option in actions.options for line in str(option.prompt).splitlines()]


async def _to_the_turn(pilot: Pilot[None]) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def test_at_80x24_no_line_breaks_inside_the_points_or_a_stock(tmp_path: Path) -> None:
    app = new_app(tmp_path, "seoul-tokyo-2026")

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await _to_the_turn(pilot)
        panel = app.screen.query_one("#role-seoul", EntryPanel)
        width = panel.list_width()
        assert width is not None and width < 45, "the small screen's narrow panel"
        lines = _lines(app, "seoul")
        firsts = [line for line in lines if line.startswith("[")]
        assert firsts and all(line.endswith(" pt") and cell_len(line) == width for line in firsts), firsts
        assert not any(line.strip() in {"pt", "pt joint"} for line in lines)
        summary = str(panel.query_one("#summary", Static).render()).splitlines()
        assert summary[0].startswith("Budget") and "Political capital 4/8" in summary[1], summary

    drive(app, script, SMALL)


def test_a_resized_terminal_lays_the_lines_out_again(tmp_path: Path) -> None:
    app = new_app(tmp_path, "seoul-tokyo-2026")

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await _to_the_turn(pilot)
        panel = app.screen.query_one("#role-seoul", EntryPanel)
        before = panel.list_width()
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        await pilot.pause()
        after = panel.list_width()
        assert before != after
        firsts = [line for line in _lines(app, "seoul") if line.startswith("[")]
        assert all(cell_len(line) == after for line in firsts)

    drive(app, script, SMALL)


def test_a_wrapped_line_of_the_summary_keeps_its_indent(tmp_path: Path) -> None:
    """At 80x24 a cause's line wraps; its continuation stands under the cause's text, not at the box's edge."""
    app = new_app(tmp_path, "seoul-tokyo-2026")

    async def script(app: WhitecellApp, pilot: Pilot[None]) -> None:
        await _to_the_turn(pilot)
        await pilot.press("r")
        await pilot.pause()
        if not isinstance(app.screen, AdjudicationScreen):
            await pilot.press("y")  # resolve with no orders
            await pilot.pause()
        assert isinstance(app.screen, AdjudicationScreen)
        lines = [line.lstrip(" ").lstrip("┃█▌▐│").rstrip(" ┃█▌▐│") for line in screen_text(app).splitlines()]
        causes = [n for n, line in enumerate(lines) if line.lstrip().startswith(("+", "−")) and len(line) > 40]
        assert causes, "some cause lines on screen"
        for n, line in enumerate(lines):
            if n - 1 in causes and line and not line.lstrip().startswith(("+", "−")) and "→" not in line:
                indent = len(line) - len(line.lstrip())
                assert indent >= 6, f"a wrapped cause continues at column {indent}: {line!r}"

    drive(app, script, SMALL)


def test_orders_too_long_for_a_line_continue_under_their_words() -> None:
    units = [(("orders:", "muted"),), *words("Shuttle summit, Consult the other capital and Washington", "bold")]
    lines = ["".join(text for text, _ in line) for line in hanging(units, 24)]
    assert lines == ["orders: Shuttle summit,", "  Consult the other", "  capital and Washington"]
    assert all(len(line) <= 24 for line in lines)
    assert ["".join(text for text, _ in line) for line in hanging(units[:3], 24)] == ["orders: Shuttle summit,"]
    assert hanging([], 24) == [] and len(hanging(units, None)) == 1
