"""The seat protocol's pieces, without a network: messages, schemas, framing, codes, throttling, fingerprints, text."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from engine.seats import protocol
from engine.seats.bots import SEAT_BOTS
from engine.seats.codes import ALPHABET, CODE_BITS, JoinCodes, codes_path, normalise
from engine.seats.messages import (
    CLIENT_MESSAGES,
    SERVER_MESSAGES,
    Bye,
    Closing,
    Draft,
    Error,
    ErrorCode,
    Hello,
    Ping,
    Pong,
    Proposal,
    Propose,
    RefusalReason,
    Results,
    Returned,
    State,
    Submit,
    Submitted,
    Timer,
    TimerMessage,
    Welcome,
)
from engine.seats.protocol import LineSplitter, ProtocolError, decode_client, decode_server, encode
from engine.seats.text import REPLACEMENT, printable, printable_lines
from engine.seats.throttle import Throttle
from engine.seats.tls import fingerprint, fingerprint_matches, parse_fingerprint
from tests.test_seats_support import Clock

OBSERVATION: dict[str, Any] = protocol.schema("state")["examples"][0]["observation"]

EXAMPLES = [
    Hello(1, "7KQM-2XRD-PJ4W-9HTN", "laptop"),
    Draft(3, ["talk"]),
    Draft(3, [], role="seoul"),
    Submit(3, ["talk", "summit"]),
    Submit(1, [], role="tokyo"),
    Propose(2, "A joint press conference", "hard to walk back"),
    Propose(2, "", "", role="seoul"),
    Ping(),
    Bye(),
    Welcome(1, "seoul", "Seoul", "Tiny", "whitecell 1.0", seq=1),
    State(OBSERVATION, ["talk"], "drafting", Timer(12.5, 10), seq=2),
    State(OBSERVATION, [], "submitted", None, seq=3),
    State(OBSERVATION, [], "drafting", Timer(30.0, None, paused=True), seq=3, proposal=Proposal("A summit", "it helps")),
    Submitted(1, ["talk"], seq=4),
    Returned(1, ["talk"], "too costly", seq=5),
    Results(1, ["Trust 50 → 52"], False, None, seq=6),
    TimerMessage(None, seq=7),
    TimerMessage(Timer(0, None), seq=8),
    Error(ErrorCode.REFUSED, "no", (RefusalReason("orders-over-budget", "too much"),), seq=9),
    Error(ErrorCode.THROTTLED, "wait", retry_after=2.5, seq=10),
    Closing("bye", seq=11),
    Pong(seq=12),
]


@pytest.mark.parametrize("message", EXAMPLES, ids=lambda message: message.kind)
def test_every_message_round_trips_through_its_line(message: Any) -> None:
    line = encode(message)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    decode = decode_client if message.kind in CLIENT_MESSAGES else decode_server
    assert decode(line[:-1]) == message


def test_every_kind_has_an_example_above() -> None:
    assert {message.kind for message in EXAMPLES} == set(protocol.KINDS)


@pytest.mark.parametrize("kind", protocol.KINDS)
def test_every_schema_is_a_valid_schema_and_accepts_its_examples(kind: str) -> None:
    schema = protocol.schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["type"] == {"const": kind}
    assert schema["examples"], kind
    for example in schema["examples"]:
        assert not list(Draft202012Validator(schema).iter_errors(example)), example
        decode = decode_client if kind in CLIENT_MESSAGES else decode_server
        assert decode(json.dumps(example).encode()).to_json() == example


def test_every_server_message_carries_a_sequence_number_and_no_client_message_does() -> None:
    for kind in SERVER_MESSAGES:
        assert "seq" in protocol.schema(kind)["required"], kind
    for kind in CLIENT_MESSAGES:
        assert "seq" not in protocol.schema(kind)["properties"], kind


def test_the_error_schema_lists_every_error_code() -> None:
    assert protocol.schema("error")["properties"]["code"]["enum"] == [code.value for code in ErrorCode]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (b"{not json", ErrorCode.BAD_JSON),
        (b"\xff\xfe{}", ErrorCode.BAD_JSON),
        (b"[1, 2]", ErrorCode.BAD_JSON),
        (b'"hello"', ErrorCode.BAD_JSON),
        (b'{"type": "ping", "x": NaN}', ErrorCode.BAD_JSON),
        (b'{"type": "hello", "version": 1, "code": "\\ud800", "client": ""}', ErrorCode.BAD_JSON),
        (b"[" * 100_000, ErrorCode.TOO_LARGE),
        (b"[" * 5000 + b"]" * 5000, ErrorCode.BAD_JSON),
        (b"{}", ErrorCode.UNKNOWN_TYPE),
        (b'{"type": "resolve"}', ErrorCode.UNKNOWN_TYPE),
        (b'{"type": 3}', ErrorCode.UNKNOWN_TYPE),
        (b'{"type": "welcome", "seq": 1, "version": 1, "role": "a"}', ErrorCode.UNKNOWN_TYPE),
        (b'{"type": "hello"}', ErrorCode.BAD_MESSAGE),
        (b'{"type": "hello", "version": "1", "code": "x", "client": "y"}', ErrorCode.BAD_MESSAGE),
        (b'{"type": "submit", "turn": 1, "actions": ["Bad Id"]}', ErrorCode.BAD_MESSAGE),
        (b'{"type": "submit", "turn": 0, "actions": []}', ErrorCode.BAD_MESSAGE),
        (b'{"type": "submit", "turn": true, "actions": []}', ErrorCode.BAD_MESSAGE),
        (b'{"type": "draft", "turn": 1, "actions": [], "extra": 1}', ErrorCode.BAD_MESSAGE),
        (b'{"type": "ping", "seq": 1}', ErrorCode.BAD_MESSAGE),
    ],
)
def test_a_bad_line_gives_the_right_error_code(line: bytes, code: ErrorCode) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_client(line)
    assert caught.value.code == code
    assert caught.value.message


def test_the_line_splitter_keeps_lines_whole_and_drops_an_over_size_one_once() -> None:
    splitter = LineSplitter(10)
    assert splitter.feed(b'{"a"') == []
    assert splitter.feed(b":1}\r\n\n  \nxy") == [b'{"a":1}']
    assert splitter.feed(b"z" * 20) == [None]  # over the limit before its newline: reported once, dropped as it comes
    assert splitter.feed(b"z" * 20) == []
    assert splitter.feed(b"zz\nok\n") == [b"ok"]
    assert splitter.feed(b"0123456789A\nfine\n") == [None, b"fine"]


def test_codes_are_80_bits_of_crockford_base32_in_groups_of_four() -> None:
    codes = JoinCodes.fresh(["seoul", "tokyo"])
    code = codes.code("seoul")
    assert len(code) == 19 and code.count("-") == 3
    assert set(code.replace("-", "")) <= set(ALPHABET)
    assert CODE_BITS >= 64
    assert codes.code("seoul") != codes.code("tokyo")
    assert JoinCodes.fresh(["seoul"]).code("seoul") != code


def test_a_code_is_forgiven_its_case_spaces_dashes_and_look_alike_letters() -> None:
    codes = JoinCodes({"seoul": "0011-ABCD-EFGH-JKMN", "tokyo": "2222-3333-4444-5555"})
    assert normalise(" oOil-abcd efgh-jkmn ") == "0011ABCDEFGHJKMN"
    assert codes.role_for("ooIL abcd efgh jkmn") == "seoul"
    assert codes.role_for("2222333344445555") == "tokyo"
    assert codes.role_for("2222-3333-4444-5556") is None
    assert codes.role_for("") is None
    assert codes.role_for("ünïcode") is None


def test_codes_are_kept_owner_only_beside_the_journal_and_read_back_on_resume(tmp_path: Path) -> None:
    journal = tmp_path / "game.jsonl"
    first = JoinCodes.for_journal(journal, ["seoul", "tokyo"], resume=False)
    path = codes_path(journal)
    assert path == tmp_path / "game.jsonl.seats.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert JoinCodes.for_journal(journal, ["seoul", "tokyo"], resume=True).as_dict() == first.as_dict()
    fresh = JoinCodes.for_journal(journal, ["seoul", "tokyo"], resume=False)
    assert fresh.as_dict() != first.as_dict()
    assert JoinCodes.read(path).as_dict() == fresh.as_dict()
    assert [item.name for item in tmp_path.iterdir() if item.name.endswith(".tmp")] == []


def test_a_damaged_codes_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.seats.json"
    path.write_text('{"format": 1, "codes": [1]}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a whitecell seat-codes file"):
        JoinCodes.read(path)


def test_wrong_codes_are_free_at_first_then_slowed_then_refused_for_a_while() -> None:
    clock = Clock()
    throttle = Throttle(clock=clock, free=3, base_delay=1, max_delay=8, lock_after=6, lock_for=60)
    for _ in range(3):
        assert throttle.wait("10.0.0.9") == 0
        throttle.failed("10.0.0.9")
    assert throttle.wait("10.0.0.9") == 1  # the fourth try waits a second after the third wrong one
    clock.now += 1
    assert throttle.wait("10.0.0.9") == 0
    throttle.failed("10.0.0.9")
    assert throttle.wait("10.0.0.9") == 2
    assert throttle.wait("10.0.0.8") == 0  # another address is not slowed
    clock.now += 2
    throttle.failed("10.0.0.9")
    clock.now += 4
    throttle.failed("10.0.0.9")
    assert throttle.wait("10.0.0.9") == 60  # locked out
    clock.now += 59
    assert throttle.wait("10.0.0.9") == 1
    clock.now += 2
    assert throttle.wait("10.0.0.9") == 0  # forgotten after a quiet while
    throttle.failed("10.0.0.7")
    throttle.succeeded("10.0.0.7")
    assert throttle.wait("10.0.0.7") == 0


def test_a_throttle_remembers_a_bounded_number_of_addresses() -> None:
    throttle = Throttle(clock=Clock(), free=0, remember=3)
    for number in range(5):
        throttle.failed(f"10.0.0.{number}")
    assert throttle.wait("10.0.0.0") == 0 and throttle.wait("10.0.0.4") > 0


def test_fingerprints_are_sha256_pairs_and_may_be_typed_loosely_or_as_a_long_prefix() -> None:
    shown = fingerprint(b"certificate")
    assert len(shown) == 95 and shown.count(":") == 31
    assert parse_fingerprint(shown.lower().replace(":", " ")) == shown.replace(":", "")
    assert fingerprint_matches(parse_fingerprint(shown), b"certificate")
    assert fingerprint_matches(parse_fingerprint(shown[:47]), b"certificate")
    assert not fingerprint_matches(parse_fingerprint(fingerprint(b"other")), b"certificate")
    for bad in ("", "XYZ", shown[:20]):
        with pytest.raises(ValueError):
            parse_fingerprint(bad)


def test_text_for_a_terminal_loses_escapes_controls_and_bidirectional_overrides() -> None:
    hostile = "a\x1b]0;title\x07b\x1b[2Jc\u202ed\u2066e\r\nf\x9bg\u2028h"
    safe = printable(hostile)
    assert "\x1b" not in safe and "\x07" not in safe and "\u202e" not in safe and "\u2066" not in safe
    assert "\n" not in safe and "\r" not in safe and "\x9b" not in safe and "\u2028" not in safe
    assert safe.count(REPLACEMENT) == 9
    assert printable("Seoul–Tokyo ★ 日本") == "Seoul–Tokyo ★ 日本"
    assert printable("abcdef", 4) == "abc…"
    assert printable_lines("one\x1b\ntwo") == f"one{REPLACEMENT}\ntwo"


def test_the_join_command_names_the_seat_bots_there_are() -> None:
    from engine.cli.join import SEAT_BOT_NAMES

    assert tuple(SEAT_BOTS) == SEAT_BOT_NAMES
