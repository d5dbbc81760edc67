"""Issue 15, findings 3 and 4: escape sequences and markup in a scenario or a journal never reach the terminal.

Every free-text field of the scenario schema and every text a journal carries (notes, reasons,
the header's values) is loaded with `tests.hostile.HOSTILE`, then every command runs in this
process and the console's main screens are driven with Pilot: nothing crashes, nothing exits
with a status other than 0, 1 or 2, and no output holds a raw control or format character.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine import Exercise
from engine.cli.main import main
from engine.text.terminal import REPLACEMENT, json_safe, printable, printable_block, terminal_text
from tests.hostile import HOSTILE, full_template, poisoned, poisoned_keys, text_fields, unsafe_characters, write_json

# -- the one place -----------------------------------------------------------------------------


def test_printable_replaces_every_control_and_format_character_and_keeps_the_rest() -> None:
    assert printable("a\x1b[2Jb\u202ec\x9bd\te") == f"a{REPLACEMENT}[2Jb{REPLACEMENT}c{REPLACEMENT}d e"
    assert printable("Séoul–東京 \u00a0[/]") == "Séoul–東京 \u00a0[/]"
    assert printable("one\ntwo") == f"one{REPLACEMENT}two"
    assert printable("abcdef", 4) == "abc…"
    assert printable_block("one\r\ntwo\x07\n") == f"one\ntwo{REPLACEMENT}\n"


def test_terminal_text_keeps_line_breaks_tabs_and_crlf_but_not_a_lone_carriage_return() -> None:
    assert terminal_text("a,b\r\nc\td\n") == "a,b\r\nc\td\n"
    assert terminal_text("progress\rspoofed") == f"progress{REPLACEMENT}spoofed"
    assert unsafe_characters(terminal_text(HOSTILE)) == set()


def test_json_safe_escapes_so_the_data_is_the_same() -> None:
    text = json.dumps({"title": HOSTILE + "\x7f"}, ensure_ascii=False)
    safe = json_safe(text)
    assert unsafe_characters(safe) == set()
    assert json.loads(safe) == {"title": HOSTILE + "\x7f"}


# -- every command -----------------------------------------------------------------------------


def hostile_document() -> dict[str, Any]:
    """The full template with every text field poisoned, turn names included."""
    document = full_template()
    document["turns"]["names"] = [f"Phase {number}" for number in range(1, document["turns"]["count"] + 1)]
    return dict(poisoned(document))


def test_the_hostile_scenario_poisons_every_text_field_of_the_schema() -> None:
    assert poisoned_keys(hostile_document()) == text_fields()
    assert {"name", "label", "title", "narrative", "briefing"} <= text_fields()


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A hostile scenario, a journal of a game on it with hostile notes and reasons, and a journal with a hostile header."""
    folder = tmp_path_factory.mktemp("hostile")
    scenario = write_json(folder / "hostile.json", hostile_document())
    journal = folder / "game.jsonl"
    with Exercise.open(str(scenario), seed=3, journal=journal) as game:
        game.note("a note " + HOSTILE)
        game.submit("seoul", [game.legal_actions("seoul")[0].action])
        game.adjust("trust", 60, "because " + HOSTILE)
        game.resolve()
        game.end("stopped " + HOSTILE)
    lines = journal.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["engine"] = HOSTILE
    header["created"] = HOSTILE
    header["forkedFrom"] = {"journal": HOSTILE, "line": 2, "digest": HOSTILE}
    edited = folder / "edited.jsonl"
    edited.write_text("\n".join([json.dumps(header, ensure_ascii=False), *lines[1:]]) + "\n", encoding="utf-8")
    return {"scenario": scenario, "journal": journal, "edited": edited, "folder": folder}


COMMANDS = [
    ["validate", "{scenario}"],
    ["validate", "{scenario}", "--format", "json"],
    ["lint", "{scenario}", "--games", "2"],
    ["lint", "{scenario}", "--games", "0", "--format", "json"],
    ["simulate", "{scenario}", "--games", "2"],
    ["simulate", "{scenario}", "--games", "2", "--json"],
    ["docs", "{scenario}"],
    ["docs", "{scenario}", "-o", "{folder}/book.md", "--force"],
    ["msel", "export", "{scenario}"],
    ["replay", "{journal}"],
    ["replay", "{journal}", "--json"],
    ["replay", "{journal}", "--verify"],
    ["replay", "{journal}", "--turn", "1"],
    ["report", "{journal}"],
    ["report", "{journal}", "-o", "{folder}/aar.md", "--force"],
    ["replay", "{edited}"],
    ["replay", "{edited}", "--json"],
    ["replay", "{edited}", "--verify"],
    ["replay", "{edited}", "--verify", "--json"],
    ["report", "{edited}"],
    ["fork", "{edited}", "--line", "2", "-o", "{folder}/fork-{index}.jsonl"],
    ["validate", "{folder}/\x1b]0;pwned\x07.json"],
    ["replay", "{folder}/\x1b[2J.jsonl"],
]


@pytest.mark.parametrize(("index", "words"), list(enumerate(COMMANDS)), ids=[" ".join(words) for words in COMMANDS])
def test_no_command_prints_a_raw_control_character(
    capsys: pytest.CaptureFixture[str], hostile_files: dict[str, Path], index: int, words: list[str]
) -> None:
    args = [word.format(index=index, **{name: str(path) for name, path in hostile_files.items()}) for word in words]
    try:
        status = main(args)
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    out, err = capsys.readouterr()
    assert status in (0, 1, 2)
    assert "Traceback" not in out + err
    assert unsafe_characters(out) == set(), out[:2000]
    assert unsafe_characters(err) == set(), err[:2000]


def test_json_output_keeps_the_hostile_text_exactly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An unknown key is quoted in its diagnostic's pointer: JSON output escapes it, so it reads back exactly."""
    document = full_template()
    document["x" + HOSTILE] = 1
    assert main(["validate", str(write_json(tmp_path / "keys.json", document)), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert unsafe_characters(out) == set()
    assert any(diagnostic["pointer"] == "/x" + HOSTILE.replace("~", "~0").replace("/", "~1") for diagnostic in json.loads(out))
