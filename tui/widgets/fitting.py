"""Lines laid out for a known width, so that what belongs together stays together.

Textual wraps a prompt at any space, which at a team panel's width split "1 pt" over two lines
and a resource's label from its stock ("Political" / "capital 4/8"). Here a line is built from
units that are never split (a unit longer than the whole width is left to Textual), and an
action's points sit at the right edge of its first line, where the eye finds them in a column.
Widths are counted in terminal cells, so labels in Korean or Japanese line up too.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content

Segment = tuple[str, str]
"""A piece of text and its style."""

Unit = tuple[Segment, ...]
"""Pieces of text that stay on one line together."""


def _width(unit: Unit) -> int:
    return sum(cell_len(text) for text, _ in unit)


def _group(units: Sequence[Unit], width: int, separator: str, indent: str) -> list[list[Unit]]:
    """The units in groups that each fit a line of ``width`` cells (a unit wider than that has one to itself)."""
    groups: list[list[Unit]] = []
    used = 0
    for unit in units:
        size = _width(unit)
        if groups and groups[-1] and used + cell_len(separator) + size <= width:
            groups[-1].append(unit)
            used += cell_len(separator) + size
        else:
            groups.append([unit])
            used = cell_len(indent) + size
    return groups


def _line(group: Sequence[Unit], separator: str, indent: str) -> list[Segment]:
    line: list[Segment] = [(indent, "")] if indent else []
    for number, unit in enumerate(group):
        if number:
            line.append((separator, ""))
        line.extend(unit)
    return line


def flow(units: Sequence[Unit], width: int | None, *, separator: str = "  ", indent: str = "") -> list[list[Segment]]:
    """The units in lines of at most ``width`` cells (None: one line, before the width is known),
    ``separator`` between units on a line and ``indent`` before each line; a line breaks only between units."""
    if width is None:
        return [_line(units, separator, indent)] if units else []
    return [_line(group, separator, indent) for group in _group(units, width, separator, indent)]


def words(text: str, style: str) -> list[Unit]:
    """Each word of ``text`` as a unit of its own, in ``style``."""
    return [((word, style),) for word in text.split()]


def hanging(units: Sequence[Unit], width: int | None, *, indent: str = "  ") -> list[list[Segment]]:
    """The units a space apart in lines of at most ``width`` cells, the lines after the first
    starting with ``indent``: "orders: Shuttle summit, Consult" continues under its words, not at
    the panel's edge, where it would read as a line of its own."""
    if width is None:
        return [_line(units, " ", "")] if units else []
    groups = _group(units, width, " ", "")
    if not groups:
        return []
    rest = [unit for group in groups[1:] for unit in group]
    return [_line(groups[0], " ", ""), *flow(rest, width, separator=" ", indent=indent)]


def with_right(first: Sequence[Unit], right: Unit, width: int, *, indent: str) -> list[list[Segment]]:
    """``first`` flowed unit by unit with ``right`` at the right edge of its first line (which is
    narrower by ``right``'s width and a space); the units that do not fit follow on lines of the
    full width, each starting with ``indent``."""
    groups = _group(first, width - _width(right) - 1, " ", "")
    top = _line(groups[0] if groups else [], " ", "")
    gap = max(width - sum(cell_len(text) for text, _ in top) - _width(right), 1)
    rest = [unit for group in groups[1:] for unit in group]
    return [[*top, (" " * gap, ""), *right], *flow(rest, width, separator=" ", indent=indent)]


def content(lines: Sequence[Sequence[Segment]]) -> Content:
    """Laid-out lines as one `Content`, the text taken as it is (never as markup)."""
    parts: list[str | Segment] = []
    for number, line in enumerate(lines):
        if number:
            parts.append("\n")
        parts.extend(line)
    return Content.assemble(*parts)
