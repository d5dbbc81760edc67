"""No hidden value crosses the wire: words and numbers planted where only the white cell or the other team may
look never appear in any byte a seat receives, through a whole game with notes, adjustments, injects,
refusals, drafts and returns. The same words do reach those who may see them, so the test can fail."""

from __future__ import annotations

import asyncio
from typing import Any

from engine.core.commands import AddNote, AdjustVariable, InjectShock, Resolve, ReturnOrders
from engine.load.loader import load_scenario_text
from engine.seats.codes import JoinCodes
from engine.seats.protocol import decode_server
from tests.helpers import doc, text_of
from tests.test_seats_support import RawSeat, live_server, run

SEED = 918273645

WHITE_CELL_ONLY = ["Zeppelin", "7341", "Tangerine", "Pomegranate", "Walrus", "Kumquat", "Periwinkle", "Harpsichord", "Lighthouse"]
"""Words and values only the white cell may read: a facilitator variable's label and value, guidance, notes, reasons."""

TOKYO_ONLY = ["Obsidian", "8765", "Quetzal", "Marzipan", "Xylophone", "Nebula", "Gargoyle", "covert-ops"]
"""Words and values only Tokyo (and the white cell) may read: its variable, the shock addressed to it, its briefing,
its private objective, its own action and its draft."""


def _scenario() -> Any:
    document = doc(
        roles=[
            {"id": "seoul", "name": "Seoul", "budget": 2},
            {
                "id": "tokyo",
                "name": "Tokyo",
                "budget": 2,
                "briefing": "Xylophone briefing: only Tokyo reads this.",
                "objectives": [
                    {
                        "id": "nebula",
                        "description": "Nebula objective",
                        "condition": {"var": "tokyo-secret", "atLeast": 1},
                        "visibility": "private",
                    }
                ],
            },
        ],
        variables=[
            {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50},
            {"id": "wc-secret", "label": "Zeppelin index", "min": 0, "max": 9999, "initial": 7341, "visibility": "facilitator"},
            {"id": "tokyo-secret", "label": "Obsidian ledger", "min": 0, "max": 9999, "initial": 8765, "visibility": "tokyo"},
        ],
        actions=[
            {"id": "talk", "label": "Talk", "roles": ["seoul", "tokyo"], "cost": 1, "effects": [{"add": {"trust": 1}}]},
            {
                "id": "hush",
                "label": "Hush",
                "roles": ["seoul"],
                "cost": 1,
                "requires": {"var": "wc-secret", "atLeast": 9000},
                "effects": [{"add": {"trust": 1}}],
            },
            {"id": "covert-ops", "label": "Gargoyle gambit", "roles": ["tokyo"], "effects": [{"add": {"tokyo-secret": 1}}]},
        ],
        shocks=[
            {
                "id": "quetzal",
                "title": "Quetzal cable",
                "category": "domestic",
                "narrative": "Marzipan narrative for Tokyo.",
                "audience": ["tokyo"],
                "trigger": {"atTurn": 1},
                "facilitatorNotes": "Walrus notes.",
                "expectedResponse": "Kumquat response.",
                "effects": [{"add": {"tokyo-secret": 1}}],
            },
            {
                "id": "storm",
                "title": "Storm",
                "category": "disaster",
                "narrative": "A storm.",
                "trigger": {"atTurn": 2},
                "facilitatorNotes": "Tangerine guidance.",
                "expectedResponse": "Pomegranate response.",
                "effects": [{"add": {"wc-secret": 1}}],
            },
            {"id": "aftershock", "title": "Aftershock", "category": "disaster", "narrative": "It shakes."},
        ],
    )
    return load_scenario_text(text_of(document), "planted.json")


def test_no_planted_word_reaches_a_seat_that_may_not_see_it() -> None:
    scenario = _scenario()

    async def play() -> tuple[bytes, bytes]:
        async with live_server(scenario, seed=SEED) as live:
            seoul, tokyo, late = [await RawSeat.open(live.port) for _ in range(3)]
            await seoul.join(live.code("seoul"))
            await tokyo.join(live.code("tokyo"))
            await tokyo.send({"type": "draft", "turn": 1, "actions": ["covert-ops"]})
            await tokyo.until("state")
            await seoul.send({"type": "submit", "turn": 1, "actions": ["hush", "talk", "talk"]})  # refused: names the requirement
            refused = await seoul.until("error")
            assert refused["code"] == "refused"
            live.host.apply(AddNote("observation", "Periwinkle note"))
            live.host.apply(AdjustVariable("wc-secret", 7342, "Harpsichord reason"))
            live.host.apply(InjectShock("aftershock", "Lighthouse reason"))
            await seoul.send({"type": "submit", "turn": 1, "actions": ["talk"]})
            await seoul.until("submitted")
            live.host.apply(ReturnOrders("seoul", "Seoul, please reconsider"))
            await seoul.until("returned")
            await seoul.send({"type": "submit", "turn": 1, "actions": ["talk"]})
            await seoul.until("submitted")
            await tokyo.send({"type": "submit", "turn": 1, "actions": ["talk"]})
            await tokyo.until("submitted")
            live.host.apply(Resolve())
            for turn in range(2, 5):
                for seat in (seoul, tokyo):
                    await seat.send({"type": "submit", "turn": turn, "actions": []})
                    await seat.until("submitted")
                live.host.apply(Resolve())
            await late.join(live.code("seoul"))  # a seat joining at the end is sent the whole log
            for seat in (seoul, tokyo):
                await seat.send({"type": "ping"})
                while (await seat.recv())["type"] != "pong":
                    pass
            assert live.session.state.ended
            return b"".join(seoul.received + late.received), b"".join(tokyo.received)

    seoul_bytes, tokyo_bytes = run(play())
    for line in (seoul_bytes + tokyo_bytes).splitlines():
        decode_server(line)  # every message the server sent matches its schema, the observation's every item too
    seoul_text, tokyo_text = seoul_bytes.decode(), tokyo_bytes.decode()
    for word in WHITE_CELL_ONLY:
        assert word not in seoul_text, f"Seoul's seat was sent the white cell's {word!r}"
        assert word not in tokyo_text, f"Tokyo's seat was sent the white cell's {word!r}"
    for word in TOKYO_ONLY:
        assert word not in seoul_text, f"Seoul's seat was sent Tokyo's {word!r}"
    assert str(SEED) not in seoul_text + tokyo_text
    assert "please reconsider" in seoul_text and "please reconsider" not in tokyo_text
    for word in ("Obsidian", "Quetzal", "Marzipan", "Xylophone", "Nebula", "Gargoyle", "covert-ops"):
        assert word in tokyo_text, f"{word!r} was planted where Tokyo should see it"
    assert "Hush" in seoul_text and "requirement-unmet" in seoul_text


def test_the_codes_file_is_not_the_journal_and_the_journal_holds_no_code(tmp_path: Any) -> None:
    journal = tmp_path / "game.jsonl"
    scenario = _scenario()

    async def play() -> JoinCodes:
        codes = JoinCodes.for_journal(journal, ["seoul", "tokyo"], resume=False)
        async with live_server(scenario, seed=SEED, journal=journal, codes=codes) as live:
            seat = await RawSeat.open(live.port)
            await seat.join(live.code("seoul"))
            await seat.send({"type": "submit", "turn": 1, "actions": ["talk"]})
            await seat.until("submitted")
            await asyncio.sleep(0)
            live.session.close()
        return codes

    codes = run(play())
    text = journal.read_text(encoding="utf-8")
    for role in ("seoul", "tokyo"):
        assert codes.code(role) not in text
    assert '"by":"seat"' in text.replace(" ", "")
