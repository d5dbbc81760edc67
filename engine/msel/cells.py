"""The one place where a value becomes spreadsheet text, and where spreadsheet text becomes the value again.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is a formula
to Excel, LibreOffice and Google Sheets: a scenario's text could make the planner's spreadsheet
fetch a link or leak other cells. Every exported cell, whatever its column, goes through `guard`,
and every imported cell through `unguard`, so a new column cannot forget it.
"""

from __future__ import annotations

FORMULA_STARTS = "=+-@\t\r"
"""Characters that make a spreadsheet read a cell as a formula; text starting with one is guarded with an apostrophe."""


def guard(text: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula (`unguard` removes the apostrophe again)."""
    formula = text[:1] != "" and text[0] in FORMULA_STARTS
    escaped = text[:1] == "'" and text[1:2] != "" and text[1] in FORMULA_STARTS + "'"
    if formula or escaped:
        return "'" + text
    return text


def unguard(text: str) -> str:
    """Text as typed, without the apostrophe `guard` puts before text a spreadsheet would read as a formula."""
    if text[:1] == "'" and text[1:2] and text[1] in FORMULA_STARTS + "'":
        return text[1:]
    return text
