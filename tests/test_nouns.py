"""Turn labels in sentences: lower case unless an acronym leads, and a regular English plural."""

from __future__ import annotations

import pytest

from engine.core.model import Turns
from engine.core.nouns import in_sentence, plural


@pytest.mark.parametrize(
    ("label", "word", "many"),
    [
        ("Month", "month", "months"),
        ("NSC meeting", "NSC meeting", "NSC meetings"),
        ("Policy review", "policy review", "policy reviews"),
        ("Watch", "watch", "watches"),
        ("Day", "day", "days"),
        ("Emergency", "emergency", "emergencies"),
        ("Pass", "pass", "passes"),
        ("T", "T", "Ts"),
    ],
)
def test_a_label_reads_well_in_a_sentence(label: str, word: str, many: str) -> None:
    assert in_sentence(label) == word
    assert plural(word) == many
    turns = Turns(count=2, label=label)
    assert turns.counted(1) == f"1 {word}"
    assert turns.counted(12) == f"12 {many}"
