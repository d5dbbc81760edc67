"""The diagnostic codes `whitecell msel import` reports, for the generated format reference.

Every problem in an events list is reported at ``FILE:ROW:COL`` (a spreadsheet row and column)
with one of these codes, so authors can look up what went wrong and how to fix it.
"""

from __future__ import annotations

from engine.load.diagnostics import CodeInfo

CODES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "msel-unreadable",
        "error",
        "The events list cannot be read as CSV text, an XLSX workbook or a JSON list of injects.",
        "The file is not UTF-8 text (with or without a byte-order mark) or is not a CSV table, an XLSX workbook "
        "(which needs pip install 'whitecell[xlsx]') or a JSON array of inject objects. Save it from the spreadsheet "
        "as 'CSV UTF-8' or as .xlsx; other workbook formats (.xls, .ods, .numbers) are not read.",
    ),
    CodeInfo(
        "msel-missing-column",
        "error",
        "A column the import needs is not in the header row.",
        "The row of column names is found by itself (or given with --header-row). The title, description and "
        "category columns are required (the category may be given with --category instead); add the missing column, "
        "or map the header that holds it with --column FIELD=HEADER (the message names the nearest headers present).",
    ),
    CodeInfo(
        "msel-bad-mapping",
        "error",
        "The column mapping cannot be used.",
        "A mapping file (TOML or JSON) or a --column FIELD=HEADER flag names a field the import does not know, a header "
        "or column letter the list does not have, or a default category the format does not know. The message names the "
        "fields, or the nearest headers present; docs/events-list.md shows a mapping file.",
    ),
    CodeInfo(
        "msel-unknown-column",
        "warning",
        "A header names a column the import does not know; its cells are kept in the notes or ignored.",
        "Columns the planners keep for themselves are fine: with a mapping (or --keep-columns) their cells go into the "
        "facilitator notes as 'Header: cell'. If the name was meant to be one of the known columns, fix its spelling "
        "(the message suggests the closest one) or map it with --column.",
    ),
    CodeInfo(
        "msel-duplicate-column",
        "error",
        "Two header cells name the same column.",
        "Each column may appear once; remove or rename one of them.",
    ),
    CodeInfo(
        "msel-empty-cell",
        "error",
        "A required cell is empty.",
        "Every inject needs an id, a title, a category and a description.",
    ),
    CodeInfo(
        "msel-bad-id",
        "error",
        "An id is not in the scenario's id form.",
        "Ids are lower-case letters and digits in words joined by hyphens, starting with a letter, e.g. 'missile-launch-2'.",
    ),
    CodeInfo(
        "msel-duplicate-id",
        "error",
        "Two rows give the same inject id.",
        "Each inject id names one shock; give one of the rows a new id.",
    ),
    CodeInfo(
        "msel-bad-value",
        "error",
        "A cell holds a value of the wrong form (a number, a yes/no, a chance, a list).",
        "The message names the form the column expects, e.g. a whole number from 1 to 500 or a chance like 30%.",
    ),
    CodeInfo(
        "msel-times-as-turns",
        "warning",
        "The list gives times, which became the scenario's turns.",
        "Times such as D+1 09:00, Monday 9:30 AM or 26/06/2024 09h00 cannot be turn numbers: their distinct values, "
        "in time order, are the scenario's turns, each named as the list writes it, in place of the base scenario's "
        "calendar. A time that could be read two ways (+1, 05/06/2024 with no other date to tell) is an error instead.",
    ),
    CodeInfo(
        "msel-never-fires",
        "warning",
        "Injects that never fire by themselves: no turn, trigger or follow-up brings them.",
        "The scenario is written and plays, but these injects happen only when the facilitator injects them. "
        "A list with no turn column gives every inject this way; map the column that holds the time with "
        "--column turn=HEADER, or give the rows named a turn, a trigger, or a follow-up from another inject.",
    ),
    CodeInfo(
        "msel-words-not-read",
        "warning",
        "Words in brackets in a Turn cell that import does not read.",
        "Import reads the turn or window of a Turn cell; the words in brackets are for people (export writes the "
        "turn's calendar name there, which is not reported). Other words, such as a condition, are dropped: write a "
        "condition in the Trigger column and a remark in the facilitator notes.",
    ),
    CodeInfo(
        "msel-bad-category",
        "error",
        "The category is not one the scenario format knows.",
        "Use one of the categories listed in the message (the closest one is suggested).",
    ),
    CodeInfo(
        "msel-bad-notation",
        "error",
        "A trigger, condition or effects cell does not follow the notation.",
        "The message shows where in the cell the notation went wrong and what was expected there; "
        "docs/events-list.md describes the notation with examples.",
    ),
    CodeInfo(
        "msel-unknown-name",
        "error",
        "A cell names a variable, role, resource, action, band or shock the scenario does not have.",
        "Check the spelling against the scenario (the closest known name is suggested), or add the missing "
        "item to the base scenario. A recipient that is no role can be mapped to one (--recipient NAME=ROLE or "
        "[recipients] in the mapping file) or made a role (--new-roles).",
    ),
    CodeInfo(
        "msel-new-role",
        "warning",
        "A recipient of the list became a new role (--new-roles).",
        "The role is named as the list writes the recipient, with an id made from the name; it has only the actions "
        "the list's decision options give it and no objectives, so give it some in the scenario (or map the "
        "recipient to a role with --recipient).",
    ),
    CodeInfo(
        "msel-merged-rows",
        "warning",
        "Rows that differ only in their recipient became one inject addressed to them all.",
        "Lists that repeat an inject once per team it goes to are read as one inject with an audience; the "
        "warning names the rows merged. Give the rows different titles or times if they are different injects.",
    ),
    CodeInfo(
        "msel-invalid-scenario",
        "error",
        "The injects are well formed but the scenario they make does not validate.",
        "The import checks the result with the same loader as 'whitecell validate' and writes nothing when it "
        "fails; the message is the loader's, pointed at the row that caused it where that is known.",
    ),
)
"""The codes of events-list import problems, in the order they are usually met."""
