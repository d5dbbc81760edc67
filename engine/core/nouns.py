"""English for the nouns a scenario names (a turn label such as "Month" or "NSC meeting").

The label is written for a heading; sentences need it in lower case, unless it starts with an
acronym, and in the plural when they count more than one.
"""

from __future__ import annotations


def in_sentence(label: str) -> str:
    """The label inside a sentence: "Month" reads "month", but "NSC meeting" keeps its capitals."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return label[:1].lower() + label[1:]
    return label


def plural(noun: str) -> str:
    """English plural of a noun phrase's last word, for the regular nouns a turn label uses."""
    lower = noun.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    return noun + "s"


def counted(number: int, noun: str) -> str:
    """A number and its noun, plural unless it is one: "1 error", "3 warnings", "0 shocks", "2 matches"."""
    return f"{number} {noun if number == 1 else plural(noun)}"
