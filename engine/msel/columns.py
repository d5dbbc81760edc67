"""The events list's columns: their headers, the names planners also use for them, and which are required.

Import matches a header to a column ignoring case, spaces, hyphens and underscores, so
``Inject Title``, ``inject_title`` and ``INJECT-TITLE`` are the same column.
"""

from __future__ import annotations

import re

import attrs


@attrs.frozen
class Column:
    """One column: its key, the header export writes, other headers import accepts, and what it holds."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    summary: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "serial",
        "Serial",
        (
            "serial number",
            "serial no",
            "no",
            "no.",
            "number",
            "#",
            "msel #",
            "msel number",
            "inject #",
            "inject no",
            "inject number",
            "seq",
            "sequence",
            "card",
            "card #",
            "card number",
        ),
        summary=("the inject's place in the list; import orders the shocks by it (rows without one keep their place at the end)"),
    ),
    Column(
        "turn",
        "Turn",
        (
            "turn or time",
            "turn/time",
            "window",
            "round",
            "move",
            "phase",
            "period",
            "timing",
            "scheduled time",
            "time (exercise)",
        ),
        summary=("the trigger's turn or window in the scenario's calendar words; import reads the numbers and from/until/to"),
    ),
    Column("id", "Inject ID", ("id", "shock id", "inject", "inject ref", "ref"), required=True, summary="the shock's id"),
    Column(
        "title",
        "Inject Title",
        ("title", "shock title", "inject name", "subject", "card title", "headline", "event", "event title", "name"),
        required=True,
        summary="the shock's title",
    ),
    Column(
        "narrative",
        "Description",
        (
            "inject description",
            "narrative",
            "details",
            "script",
            "message",
            "content",
            "inject text",
            "text",
            "body",
            "card text",
            "event description",
            "situation",
        ),
        required=True,
        summary=("what happens, as read to the teams"),
    ),
    Column(
        "category",
        "Category",
        ("type", "inject type", "inject category", "event type"),
        required=True,
        summary="one of the schema's categories",
    ),
    Column(
        "source",
        "From",
        ("source", "sender", "delivered by", "originator", "injector"),
        summary="who or what delivers the inject",
    ),
    Column(
        "audience",
        "To",
        (
            "audience",
            "recipient",
            "recipients",
            "recipient(s)",
            "addressee",
            "player",
            "players",
            "participant",
            "participants",
            "target",
            "target audience",
        ),
        summary=("the roles the inject is addressed to, by id or name, separated by commas; 'all teams' or empty for everyone"),
    ),
    Column(
        "expectedResponse",
        "Expected Player Action",
        (
            "expected action",
            "expected player actions",
            "expected response",
            "expected player response",
            "expected outcome",
            "desired response",
            "anticipated response",
        ),
        summary="what the exercise hopes the teams do, in words",
    ),
    Column(
        "expectedActions",
        "Expected Action IDs",
        ("expected actions", "expected action ids"),
        summary=("the actions that answer the inject, by id, separated by commas"),
    ),
    Column(
        "tests",
        "Objectives Tested",
        ("objectives tested", "objective ids", "exercise objective ids", "tests"),
        summary=("the exercise objectives (training objectives) the inject tests, by id, separated by commas"),
    ),
    Column(
        "facilitatorNotes",
        "Facilitator Notes",
        ("notes", "facilitator note", "controller notes", "controller note", "comments", "evaluator notes"),
        summary=("guidance for the white cell"),
    ),
    Column(
        "when",
        "Trigger",
        ("condition", "trigger condition"),
        summary=("the condition that must hold for the inject to fire, in the notation"),
    ),
    Column(
        "chance", "Chance", ("probability", "trigger chance"), summary="the chance per turn that the trigger fires: 0.3 or 30%"
    ),
    Column("guaranteed", "Guaranteed", (), summary="yes: fire in the window's last turn if it has not fired yet"),
    Column("effects", "Effects", ("effect", "impact"), summary="what happens when the inject fires, in the notation"),
    Column("ongoing", "Ongoing Effects", ("ongoing",), summary="what applies at every resolution while the inject is active"),
    Column("onExpire", "On Expire", ("expiry effects", "on expiry"), summary="what applies when its duration runs out"),
    Column("duration", "Duration", ("turns active",), summary="how many turns the inject stays active (1 when empty)"),
    Column("maxFires", "Max Fires", ("max fires", "repeats"), summary="how many times the inject can fire (1 when empty)"),
    Column("enabled", "Enabled", ("armed",), summary="no: the trigger waits until a follow-up or an enable effect arms it"),
    Column(
        "followUps",
        "Follow-ups",
        ("follow ups", "followups", "follow-on"),
        summary=("shocks this one brings, in the notation: 'SHOCK after N chance P enable yes', separated by ';'"),
    ),
    Column(
        "options",
        "Decision Options",
        ("options", "decision options", "choices", "poll", "poll options", "player options"),
        summary=(
            "the choices the inject puts to its recipients, e.g. 'A) Pay -> paid; B) Refuse'; each becomes an action "
            "open while the inject is in progress, leading to the inject after '->'"
        ),
    ),
)
"""Every column, in the order export writes them."""


IMPORT_ONLY: tuple[Column, ...] = (
    Column("date", "Date", ("day", "exercise date", "scenario date"), summary="a date or day; read with Time into the turn"),
    Column(
        "time", "Time", ("clock", "hour", "exercise time", "scenario time"), summary="a time of day; read with Date into the turn"
    ),
    Column(
        "next",
        "Next Inject",
        ("next inject", "next injects", "next", "branch", "branches", "leads to", "go to"),
        summary="for each option in order, the inject (id or the list's number) it leads to, separated by ';'",
    ),
    Column(
        "method",
        "Method",
        ("delivery", "delivery method", "mode", "channel", "medium"),
        summary="how the inject is delivered (email, phone, media...); kept in the facilitator notes",
    ),
)
"""Columns import reads but export does not write: a list's own date and time, and its delivery method."""

AMBIGUOUS_CATEGORY = ("type", "inject type")
"""Headers that are the category when every cell is one, and otherwise the delivery method (kept in the notes)."""


def normalise(header: str) -> str:
    """A header as import compares it: lower case, without spaces, hyphens, underscores or a byte-order mark."""
    return re.sub(r"[\s_\-\ufeff]+", "", header).lower()


LOOKUP: dict[str, Column] = {}
for _column in (*COLUMNS, *IMPORT_ONLY):
    for _name in (_column.header, _column.key, *_column.aliases):
        LOOKUP.setdefault(normalise(_name), _column)

FIELDS: tuple[str, ...] = tuple(column.key for column in (*COLUMNS, *IMPORT_ONLY))
"""The fields a mapping may name, by key."""


def field_key(name: str) -> str | None:
    """The key of the field a mapping names by its key or its export header (any case and spacing); None if none."""
    wanted = normalise(name)
    for column in (*COLUMNS, *IMPORT_ONLY):
        if wanted in (normalise(column.key), normalise(column.header)):
            return column.key
    return None


def column(key: str) -> Column:
    """The column of a field key."""
    return next(item for item in (*COLUMNS, *IMPORT_ONLY) if item.key == key)
