"""docs/seat-protocol.md says what the code does: its schemas are the shipped files, and its example client plays
a whole game against a live server."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from engine.journal.session import Session
from engine.seats import protocol
from tests.test_seats_support import ServerThread, tiny_scenario

DOC = Path(__file__).resolve().parent.parent / "docs" / "seat-protocol.md"


def _blocks(marker: str) -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    return dict(re.findall(rf"<!-- {marker}(?: ([a-z]+))? -->\n```[a-z]+\n(.*?)\n```", text, re.DOTALL))


def test_the_doc_shows_every_schema_exactly_as_shipped() -> None:
    shown = _blocks("schema:")
    assert sorted(shown) == sorted(protocol.KINDS)
    for kind, block in shown.items():
        assert block == protocol.schema_text(kind).rstrip("\n"), f"the doc's {kind} schema is not the shipped file"
        assert json.loads(block) == protocol.schema(kind)


def test_the_doc_lists_every_error_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code in protocol.schema("error")["properties"]["code"]["enum"]:
        assert f"| `{code}` |" in text, code


def test_the_example_client_is_about_thirty_lines_of_the_standard_library() -> None:
    code = _blocks("example-client")[""]
    assert len(code.splitlines()) <= 40
    imported = set(re.findall(r"^import (\w+)", code, re.MULTILINE))
    assert imported <= {"json", "socket", "sys"}


def test_the_example_client_plays_a_whole_game_for_each_team(tmp_path: Path) -> None:
    script = tmp_path / "client.py"
    script.write_text(_blocks("example-client")[""], encoding="utf-8")
    with ServerThread(Session.new(tiny_scenario(), 3), auto_resolve=True) as live:
        players = [
            subprocess.Popen(
                [sys.executable, str(script), "127.0.0.1", str(live.port), live.codes.code(role)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for role in ("seoul", "tokyo")
        ]
        outputs = [player.communicate(timeout=60) for player in players]
        assert live.session.state.ended
        turns = live.session.state.turn
    for player, (out, err) in zip(players, outputs, strict=True):
        assert (player.returncode, err) == (0, "")
        lines = out.splitlines()
        assert len(lines) == turns + 1 and lines[-1].startswith("game over: done score")
        assert "-> ['talk']" in lines[0]
