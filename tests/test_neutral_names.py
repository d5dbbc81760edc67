"""Disputed names in the bundled scenarios: neutral text gives both names, each side's text its own.

A Korea–Japan exercise loses one team's trust the moment its narrator takes the other side's name
for a disputed place. So in every bundled scenario a dual name ("Dokdo/Takeshima", "East Sea/Sea
of Japan") appears in both orders, and a name on its own appears only in a sentence that speaks
for the side that uses it ("Seoul regards Dokdo ...", "Tokyo maintains its claim to Takeshima").
"Takeshima Day" is the proper name of the Shimane ceremony, so it is no taking of sides.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import scenarios

BUNDLED = sorted(Path(scenarios.__file__).parent.glob("*.json"))

DUALS = (("Dokdo", "Takeshima"), ("East Sea", "Sea of Japan"))
SIDES = {
    "Dokdo": ("Seoul", "Korea"),
    "East Sea": ("Seoul", "Korea"),
    "Takeshima": ("Tokyo", "Japan"),
    "Sea of Japan": ("Tokyo", "Japan"),
}
"""Each disputed name, and the words that mark a sentence as its own side's."""

PROPER_NAMES = ("Takeshima Day",)
NAME = re.compile("|".join(sorted((re.escape(name) for name in SIDES), key=len, reverse=True)))


def strings(value: object) -> Iterator[str]:
    """Every string in a scenario document, keys left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def lone_names(text: str) -> Iterator[tuple[str, str]]:
    """Each disputed name not part of a dual name or a proper name, with the sentence it is in."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
        cleaned = sentence
        for first, second in DUALS:
            cleaned = cleaned.replace(f"{first}/{second}", "").replace(f"{second}/{first}", "")
        for proper in PROPER_NAMES:
            cleaned = cleaned.replace(proper, "")
        for match in NAME.finditer(cleaned):
            yield match.group(0), sentence


def own_sentence(name: str, sentence: str) -> bool:
    """Whether the sentence names the side whose name for the place it uses, before using it."""
    before = sentence[: sentence.find(name)]
    return any(side in before for side in SIDES[name])


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_dual_names_appear_in_both_orders(path: Path) -> None:
    text = "\n".join(strings(json.loads(path.read_text(encoding="utf-8"))))
    for first, second in DUALS:
        one, other = text.count(f"{first}/{second}"), text.count(f"{second}/{first}")
        assert (one > 0) == (other > 0), f"{first}/{second} {one} times, {second}/{first} {other} times"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_a_name_alone_is_in_its_own_sides_text(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    wrong = [
        (name, sentence) for text in strings(document) for name, sentence in lone_names(text) if not own_sentence(name, sentence)
    ]
    assert not wrong, wrong


def test_the_check_catches_a_narrator_taking_a_side() -> None:
    assert [name for name, _ in lone_names("Patrol boats circle Takeshima.")] == ["Takeshima"]
    assert not own_sentence("Takeshima", "Patrol boats circle Takeshima.")
    assert own_sentence("Dokdo", "Seoul says Dokdo is Korean territory.")
    assert not own_sentence("Dokdo", "Tokyo protests a drill near Dokdo.")
    assert not list(lone_names("Drills near Dokdo/Takeshima on Takeshima Day, and Takeshima/Dokdo again."))
