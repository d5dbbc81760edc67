"""Protocol fuzzing: at least 10,000 malformed or hostile lines against one live seat server.

Hypothesis draws each example's mix of hostile families, a seed and some raw byte strings; a
seeded generator expands them to enough lines that the run sends 10,000 or more whatever the
profile (the quick profile's 40 examples send 250 lines each). The server runs in a thread with
its own event loop over one session; the test speaks through plain sockets. After every example
the server still answers a ping, no seat was sent a planted hidden word, every message it sent is
well formed and in sequence, and the game is exactly as it was. At the end the journal verifies.
"""

from __future__ import annotations

import json
import math
import random
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.core.commands import Resolve, SubmitOrders
from engine.exercise import Exercise
from engine.journal.session import Session
from engine.seats.codes import JoinCodes
from engine.seats.protocol import KINDS
from engine.seats.throttle import Throttle
from tests.test_seats_leaks import SEED, TOKYO_ONLY, WHITE_CELL_ONLY, _scenario
from tests.test_seats_support import ServerThread

TOTAL_LINES = 10_000

FAMILIES = (
    "bytes",
    "truncated",
    "not-object",
    "bad-type",
    "bad-fields",
    "nested",
    "encoding",
    "hello",
    "orders",
    "controls",
    "huge",
)


class Line:
    """A blocking connection that sends lines and reads the server's messages."""

    def __init__(self, port: int) -> None:
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.file = self.socket.makefile("rb")
        self.received = bytearray()
        self.seq = 0

    def send(self, data: bytes) -> None:
        self.socket.sendall(data)

    def read(self) -> dict[str, Any]:
        line = self.file.readline()
        assert line.endswith(b"\n"), "the server closed the connection"
        self.received += line
        message: dict[str, Any] = json.loads(line)
        assert message["type"] in KINDS
        assert message["seq"] == self.seq + 1, "a message was lost or repeated"
        self.seq = message["seq"]
        return message

    def sync(self) -> list[dict[str, Any]]:
        """Ping and read everything up to the pong."""
        self.send(b'{"type":"ping"}\n')
        messages = []
        while (message := self.read())["type"] != "pong":
            messages.append(message)
        return messages


def hostile(rng: random.Random, family: str, codes: JoinCodes, turn: int) -> bytes:
    """One hostile line (with its newline) of a family."""
    junk = "".join(rng.choice('ab\x00\x1b[]{}":,\\\u202e\u00e9\U0001f600 ') for _ in range(rng.randint(0, 40)))
    match family:
        case "bytes":
            return bytes(rng.randrange(256) for _ in range(rng.randint(0, 200))).replace(b"\n", b"") + b"\n"
        case "truncated":
            text = json.dumps({"type": "submit", "turn": turn, "actions": ["talk"]})
            return text[: rng.randint(1, len(text) - 1)].encode() + b"\n"
        case "not-object":
            return json.dumps(rng.choice([1, -2.5, "submit", None, True, [], [{"type": "submit"}]])).encode() + b"\n"
        case "bad-type":
            body: dict[str, Any] = rng.choice(
                [{}, {"type": junk}, {"type": 7}, {"type": None}, {"type": "resolve"}, {"type": "state"}]
            )
            return json.dumps(body).encode() + b"\n"
        case "bad-fields":
            kind = rng.choice(["hello", "draft", "submit", "ping"])
            body = {
                "type": kind,
                rng.choice(["turn", "actions", "code", "version", "extra", "seq"]): rng.choice([junk, -1, 1e300, [], {}]),
            }
            return json.dumps(body).encode() + b"\n"
        case "nested":
            depth = rng.randint(100, 20_000)
            return b"[" * depth + b"]" * rng.choice([0, depth]) + b"\n"
        case "encoding":
            return (
                rng.choice(
                    [
                        b'{"type":"ping","x":"\xff\xfe"}',
                        b'{"type":"hello","version":1,"code":"\\udc00","client":""}',
                        b'{"type":"ping","x":NaN}',
                        b'{"type":"ping","x":Infinity}',
                        b"\xef\xbb\xbf{}",
                    ]
                )
                + b"\n"
            )
        case "hello":
            right = codes.code("seoul")
            wrong = right[:-1] + ("Z" if right[-1] != "Z" else "Y")
            code = rng.choice([junk, wrong, "", "x" * 64, right.lower()[::-1]])
            return json.dumps({"type": "hello", "version": 1, "code": code, "client": junk}).encode() + b"\n"
        case "orders":
            body = {"type": rng.choice(["draft", "submit"]), "turn": rng.choice([turn + 1, turn - 1 or 99, 100000])}
            body["actions"] = rng.choice([["talk"], ["zz-" + str(rng.randrange(99))], ["talk"] * 65, []])
            if rng.random() < 0.5:
                body["role"] = rng.choice(["tokyo", "nobody"])
                body["turn"] = turn
            return json.dumps(body).encode() + b"\n"
        case "controls":
            return json.dumps({"type": "submit", "turn": turn, "actions": [junk]}, ensure_ascii=False).encode() + b"\n"
        case _:
            return b'{"type":"ping","pad":"' + b"A" * rng.randint(65_536, 70_000) + b'"}\n'


def _lines(seed: int, families: list[str], raw: list[bytes], *, count: int, codes: JoinCodes, turn: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    yield from (item.replace(b"\n", b"") + b"\n" for item in raw)
    for _ in range(count - len(raw)):
        family = rng.choice(families)
        if family == "huge" and rng.random() > 0.02:  # a few over-size lines, not a flood of them
            family = "bytes"
        yield hostile(rng, family, codes, turn)


def test_ten_thousand_hostile_lines_change_nothing_leak_nothing_and_the_journal_verifies(tmp_path: Path) -> None:
    journal = tmp_path / "fuzz.jsonl"
    sent = [0]
    per_example = math.ceil(TOTAL_LINES / settings().max_examples)
    # The stranger never joins, so the server would close it once its hello window passed (30 s by default,
    # which a loaded machine can take to send the lines): the window is wider than any run, the window
    # itself is tested in test_seats_server.py.
    window = 3600.0
    with ServerThread(Session.new(_scenario(), SEED, journal), throttle=Throttle(free=10**9), hello_timeout=window) as live:
        port = live.call(lambda: live.server.address[1])
        seat = Line(port)
        seat.send(
            json.dumps({"type": "hello", "version": 1, "code": live.codes.code("seoul"), "client": "fuzz"}).encode() + b"\n"
        )
        assert seat.read()["type"] == "welcome"
        stranger = Line(port)  # never joined
        live.call(lambda: live.host.apply(SubmitOrders("tokyo", ("talk",))))

        @given(
            seed=st.integers(0, 2**32),
            families=st.lists(st.sampled_from(FAMILIES), min_size=1, max_size=6),
            raw=st.lists(st.binary(max_size=300), max_size=10),
            joined=st.booleans(),
        )
        def attack(seed: int, families: list[str], raw: list[bytes], joined: bool) -> None:
            target = seat if joined else stranger
            before = live.call(lambda: (live.session.digest(), len(live.session.records)))
            turn = live.session.state.turn
            for line in _lines(seed, families, raw, count=per_example, codes=live.codes, turn=turn):
                target.send(line)
                sent[0] += 1
            answers = target.sync()
            assert all(answer["type"] in ("error", "state", "welcome") for answer in answers)
            assert live.call(lambda: (live.session.digest(), len(live.session.records))) == before, "a bad line changed the game"
            text = bytes(target.received).decode("utf-8")
            for word in (*WHITE_CELL_ONLY, *TOKYO_ONLY):
                assert word not in text, f"{word!r} reached a seat"

        attack()
        assert sent[0] >= TOTAL_LINES
        assert live.call(live.server.statuses)["seoul"] == "drafting"
        live.call(lambda: live.host.apply(SubmitOrders("seoul", ("talk",), "seat")))
        live.call(lambda: live.host.apply(Resolve()))
        live.session.close()
    with Exercise.resume(journal) as again:
        assert again.turn == 2
