"""Hanging indents (tui.widgets.hanging): a long line continues under its own text, indented further."""

from __future__ import annotations

import asyncio

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.content import Content

from engine.text.terminal import REPLACEMENT
from tests.helpers import screen_text
from tui.widgets.hanging import HANG, HangingLines, HangingText, hang, hang_content

WORD = st.text(st.sampled_from("abcxyz한本"), min_size=1, max_size=14)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@given(st.integers(0, 8), st.lists(WORD, min_size=1, max_size=12), st.integers(12, 60))
def test_a_line_keeps_its_words_its_indent_and_the_width(indent: int, words: list[str], width: int) -> None:
    line = " " * indent + " ".join(words)
    lines = hang(line, width)
    assert "".join(lines).replace(" ", "") == line.replace(" ", "")  # nothing lost, nothing added, in order
    assert all(cell_len(part) <= width for part in lines)
    assert _indent(lines[0]) == indent
    assert all(_indent(part) == indent + HANG for part in lines[1:])
    room = width - indent - HANG
    laid = [word for part in lines for word in part.split()]
    assert all(word in laid for word in words if cell_len(word) <= room)  # a word that fits a line is never broken


def test_a_line_that_fits_is_left_as_it_is() -> None:
    assert hang("    +3 a cause", 14) == ["    +3 a cause"]
    assert hang("    +3 a cause", None) == ["    +3 a cause"]  # no width yet: one line


def test_a_long_line_hangs_under_its_own_text() -> None:
    assert hang("  Stability 50 → 47 (−3) with a long tail", 20) == [
        "  Stability 50 → 47",
        "    (−3) with a long",
        "    tail",
    ]


def test_a_word_wider_than_a_line_is_broken_and_nothing_else() -> None:
    assert hang("  ab cdefghijklmnop q", 10) == ["  ab", "    cdefgh", "    ijklmn", "    op q"]


def test_empty_and_blank_lines_stay_one_line() -> None:
    assert hang("", 10) == [""]
    assert hang("  ", 10) == ["  "]
    assert hang("            ", 4) == ["   "]  # an indent wider than the width keeps a cell for text


def test_an_indent_wider_than_the_width_still_shows_every_character() -> None:
    lines = hang("        abc def", 4)
    assert all(cell_len(part) <= 4 and part.strip() for part in lines)
    assert "".join(part.strip() for part in lines) == "abcdef"


def test_a_no_break_space_holds_its_words_together() -> None:
    assert hang("  12\N{NO-BREAK SPACE}pt and more", 10) == ["  12\N{NO-BREAK SPACE}pt", "    and", "    more"]


class _Shows(App[None]):
    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        yield HangingLines(self.lines)


def _shown(lines: list[str], size: tuple[int, int]) -> str:
    async def run() -> str:
        app = _Shows(lines)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return screen_text(app)

    return asyncio.run(run())


def test_the_widget_is_as_tall_as_its_laid_out_lines() -> None:
    text = _shown(["Stability 50 → 47", "      +3 a cause long enough to wrap twice at this width"], (24, 8))
    assert text.splitlines()[:5] == [
        "Stability 50 → 47".ljust(24),
        "      +3 a cause long".ljust(24),
        "        enough to wrap".ljust(24),
        "        twice at this".ljust(24),
        "        width".ljust(24),
    ]


def test_markup_and_control_characters_are_shown_as_text() -> None:
    text = _shown(["[bold red]x[/] \x1b[2Jcleared\x07", "[/]"], (40, 4))
    first, second = text.splitlines()[:2]
    assert first.rstrip() == f"[bold red]x[/] {REPLACEMENT}[2Jcleared{REPLACEMENT}"
    assert second.rstrip() == "[/]"


@given(st.integers(0, 8), st.lists(WORD, min_size=1, max_size=12), st.integers(12, 60))
def test_styled_text_breaks_where_its_plain_text_does_and_keeps_its_style(indent: int, words: list[str], width: int) -> None:
    line = " " * indent + " ".join(words)
    laid = hang_content(Content.styled(line, "bold"), width)
    assert [part.plain for part in laid] == hang(line, width)
    for number, part in enumerate(laid):
        covered = {at for span in part.spans for at in range(span.start, span.end)}
        assert {span.style for span in part.spans} <= {"bold"}
        text_at = len(part.plain) - len(part.plain.lstrip(" "))
        assert set(range(text_at, len(part.plain))) <= covered  # every character of the text keeps its style
        if number:
            assert all(at >= text_at for at in covered)  # the indent a continued line is given is not the text's


def test_a_line_break_starts_a_line_under_the_first_lines_text() -> None:
    laid = hang_content(Content("  A note: first paragraph\nsecond paragraph goes on"), 20)
    assert [part.plain for part in laid] == [
        "  A note: first",
        "    paragraph",
        "    second paragraph",
        "    goes on",
    ]


def test_spaces_inside_a_line_are_kept_as_written() -> None:
    assert hang("  a  b   c", 40) == ["  a  b   c"]
    assert hang("  aa  bb   cc dd", 10) == ["  aa  bb", "    cc dd"]


class _Log(App[None]):
    def compose(self) -> ComposeResult:
        yield HangingText([Content.styled("── Month 2 of 12 opens: February\N{NO-BREAK SPACE}2026\N{NO-BREAK SPACE}──", "bold")])


def test_the_text_widget_lays_out_styled_lines_and_takes_new_ones() -> None:
    async def run() -> tuple[str, str, str]:
        app = _Log()
        async with app.run_test(size=(24, 8)) as pilot:
            await pilot.pause()
            before = screen_text(app)
            widget = app.query_one(HangingText)
            widget.update([*widget.lines, Content("    Trust 50 → 47 (−3): a cause that wraps")])
            await pilot.pause()
            return before, screen_text(app), widget.plain

    before, after, plain = asyncio.run(run())
    assert before.splitlines()[:3] == [
        "── Month 2 of 12 opens:".ljust(24),
        "  February\N{NO-BREAK SPACE}2026\N{NO-BREAK SPACE}──".ljust(24),
        "".ljust(24),
    ]
    assert after.splitlines()[2:5] == ["    Trust 50 → 47 (−3):".ljust(24), "      a cause that wraps".ljust(24), "".ljust(24)]
    assert plain.splitlines()[1] == "    Trust 50 → 47 (−3): a cause that wraps"
