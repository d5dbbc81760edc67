"""Times as events lists write them (``D+1 09:00``, ``Monday 9:30 AM``, ``26/06/2024 09h00``), read into turns.

A list that gives times rather than turn numbers becomes a scenario whose turns are its distinct
times in time order, each turn named by the text the list gave it. Anything that could be read
two ways is refused with the ways it could mean, never read one way silently: ``+1`` (a day after
the start, or a window from turn 1?), ``05/06/2024`` in a list where no date says which part is
the day, a clock time beside day-numbered ones, or two kinds of time in one list.
"""

from __future__ import annotations

import datetime
import re

import attrs

from engine.msel.timing import TimingError

__all__ = ["FORMATS", "Moment", "TimingError", "clock", "read_moment", "settle", "slash_order"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_CLOCK = r"(?P<hour>[0-9]{1,2})(?:\s*[:hH.]\s*(?P<minute>[0-9]{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?"
_DAY = re.compile(r"^(?P<kind>[dj])\s*(?P<sign>[+-])\s*(?P<days>[0-9]{1,4})(?:[\s,]+(?P<rest>.+))?$")
_HOURS = re.compile(r"^h\s*\+\s*(?P<hours>[0-9]{1,5})$")
_DAY_WORD = re.compile(r"^day\s+(?P<days>[0-9]{1,4})[\s,]+(?P<rest>.+)$")
_ISO = re.compile(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?:[\st]+(?P<rest>.+))?$")
_NUMERIC = re.compile(r"^(?P<a>[0-9]{1,2})(?P<sep>[/.])(?P<b>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})(?:[\s,]+(?P<rest>.+))?$")
_WORDS_DATE = re.compile(
    r"^(?:(?P<d1>[0-9]{1,2})\s+(?P<m1>[a-z]+)|(?P<m2>[a-z]+)\s+(?P<d2>[0-9]{1,2}),?)\s+(?P<y>[0-9]{4})(?:[\s,]+(?P<rest>.+))?$"
)
_PLUS = re.compile(r"^\+\s*[0-9]{1,4}$")
FORMATS = "D+1, J+1, D+1 09:00, H+2, Day 1 AM, 09:00, 9:30 PM, Monday 9:30 AM, 2024-06-26 09:00, 26/06/2024 09h00, 26 June 2024"


@attrs.frozen
class Moment:
    """A time read from a cell: its kind (which times it can be ordered with) and its place in that order."""

    kind: str
    key: tuple[int, int]
    slash: tuple[int, int, int] | None = None
    """For ``A/B/YYYY`` dates: (A, B, year), whose order of day and month the whole list decides."""


def clock(text: str) -> int:
    """Minutes after midnight of ``09:00``, ``9h30``, ``9:30 PM``, ``9 AM``, ``AM`` or ``PM``; raise TimingError."""
    text = text.strip().lower()
    if text in ("am", "a.m."):
        return 0
    if text in ("pm", "p.m."):
        return 12 * 60
    match = re.fullmatch(_CLOCK, text)
    if match is None or (match["minute"] is None and match["half"] is None):
        raise TimingError(f"cannot read {text!r} as a time of day; e.g. 09:00, 9h30 or 9:30 PM")
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            raise TimingError(f"{text!r}: with AM or PM the hour is 1 to 12")
        hour = hour % 12 + (12 if match["half"].startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise TimingError(f"{text!r} is not a time of day")
    return hour * 60 + minute


def _rest(text: str | None) -> int:
    return clock(text) if text else 0


def _date(year: int, month: int, day: int, cell: str) -> int:
    try:
        return datetime.date(year, month, day).toordinal()
    except ValueError:
        raise TimingError(f"{cell!r} is not a date on the calendar") from None


def _month(name: str) -> int | None:
    found = [index for index, month in enumerate(MONTHS, start=1) if len(name) >= 3 and month.startswith(name)]
    return found[0] if len(found) == 1 else None


def read_moment(cell: str) -> Moment | None:
    """The time a cell gives, or None when it is not a time (a turn number or window); raise TimingError if unreadable."""
    text = " ".join(cell.strip().lower().split())
    if _PLUS.match(text):
        number = text.lstrip("+ ")
        raise TimingError(
            f"{cell.strip()!r} could be a day after the start or a window from turn {number}: write D+{number} or from {number}"
        )
    match = _DAY.match(text)
    if match:
        days = int(match["days"]) * (-1 if match["sign"] == "-" else 1)
        return Moment("day", (days, _rest(match["rest"])))
    match = _HOURS.match(text)
    if match:
        return Moment("day", (0, int(match["hours"]) * 60))
    match = _DAY_WORD.match(text)
    if match and (re.fullmatch(_CLOCK, match["rest"]) or match["rest"] in ("am", "pm", "a.m.", "p.m.")):
        return Moment("day", (int(match["days"]), clock(match["rest"])))
    match = _ISO.match(text)
    if match:
        return Moment("date", (_date(int(match["y"]), int(match["m"]), int(match["d"]), cell.strip()), _rest(match["rest"])))
    match = _NUMERIC.match(text)
    if match:
        first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
        minutes = _rest(match["rest"])
        if match["sep"] == ".":
            return Moment("date", (_date(year, second, first, cell.strip()), minutes))
        return Moment("date", (0, minutes), slash=(first, second, year))
    match = _WORDS_DATE.match(text)
    if match and _month(match["m1"] or match["m2"] or ""):
        month = _month(match["m1"] or match["m2"] or "") or 0
        day = int(match["d1"] or match["d2"] or 0)
        return Moment("date", (_date(int(match["y"]), month, day, cell.strip()), _rest(match["rest"])))
    word, _, rest = text.partition(" ")
    word = word.rstrip(",")
    weekday = next((index for index, name in enumerate(WEEKDAYS) if len(word) >= 3 and name.startswith(word)), None)
    if weekday is not None:
        return Moment("weekday", (weekday, _rest(rest)))
    if re.fullmatch(r"[0-9]{1,2}\s*[:h]\s*[0-9]{2}(\s*(am|pm|a\.m\.|p\.m\.))?|[0-9]{1,2}\s*(am|pm|a\.m\.|p\.m\.)", text):
        return Moment("clock", (0, clock(text)))
    return None


def slash_order(moments: list[Moment]) -> str | None:
    """``dmy`` or ``mdy`` for the list's A/B/YYYY dates, from a date whose day is over 12; None when none says."""
    days_first = any(m.slash and m.slash[0] > 12 for m in moments)
    months_first = any(m.slash and m.slash[1] > 12 for m in moments)
    if days_first and months_first:
        raise TimingError("the list writes dates both day first and month first; write them as YYYY-MM-DD")
    return "dmy" if days_first else ("mdy" if months_first else None)


def settle(moment: Moment, order: str | None, cell: str) -> Moment:
    """A moment with its A/B/YYYY date read in the list's order; raise TimingError when the list cannot say which."""
    if moment.slash is None:
        return moment
    first, second, year = moment.slash
    if order is None:
        raise TimingError(
            f"{cell.strip()!r} could be day/month or month/day and no date in the list tells; write it as YYYY-MM-DD"
        )
    day, month = (first, second) if order == "dmy" else (second, first)
    return Moment("date", (_date(year, month, day, cell.strip()), moment.key[1]))
