"""Journal speed. Not a test: run `python tests/benchmark_journal.py` to print figures.

- verifying a 10,000-command journal of the default scenario (orders changed many times a turn,
  notes, undo and redo, and the twelve resolutions), from reading the file to the last digest;
- opening a 100-turn session's journal to its last state (the default scenario stretched to a
  hundred months, both teams played by the random bot).
"""

from __future__ import annotations

import copy
import statistics
import tempfile
import time
from pathlib import Path

from engine.bots.policies import RandomPolicy
from engine.core.commands import AddNote, Redo, Resolve, SessionCommand, SubmitOrders, Undo
from engine.core.dice import roll, seed_hash
from engine.core.view import View
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from engine.load.loader import load_scenario_document


def _long_journal(path: Path, commands: int) -> None:
    scenario = resolve_scenario(None)
    session = Session.new(scenario, 11, path)
    bot = RandomPolicy()
    per_turn = commands // scenario.turns.count
    count = 0
    seed_h = seed_hash(11)
    while count < commands and not session.state.ended:
        for index in range(per_turn - 1):
            state = session.state
            choice = roll(seed_h, state.turn, 99, index)
            command: SessionCommand
            if choice < 0.6:
                role = session.game.role_ids[index % 2]
                command = SubmitOrders(role, bot.choose(View(session.game, state), role))
            elif choice < 0.75:
                command = AddNote("observation", f"observation {count}")
            elif choice < 0.9 and session.can_undo:
                command = Undo()
            elif session.can_redo:
                command = Redo()
            else:
                command = AddNote("lesson", f"lesson {count}")
            session.apply(command)
            count += 1
            if count >= commands - 1:
                break
        session.apply(Resolve())
        count += 1
    session.close()


def _hundred_turns(path: Path) -> int:
    base = resolve_scenario(None)
    document = copy.deepcopy(dict(base.document))
    document["turns"] = {**document["turns"], "count": 100}
    scenario = load_scenario_document(document, "hundred-months")
    session = Session.new(scenario, 5, path)
    bot = RandomPolicy()
    while not session.state.ended:
        for role in session.game.role_ids:
            session.apply(SubmitOrders(role, bot.choose(View(session.game, session.state), role)))
        session.apply(Resolve())
    session.close()
    return session.state.turn


REPEATS = 5
"""Each figure is measured this many times: shared machines vary by half from run to run."""


def _figures(seconds: list[float]) -> str:
    return f"best {min(seconds):.3f} s, median {statistics.median(seconds):.3f} s of {len(seconds)} runs"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        long_path = Path(folder) / "long.jsonl"
        _long_journal(long_path, 10_000)
        lines = len(long_path.read_text(encoding="utf-8").splitlines()) - 1
        seconds = []
        for _ in range(REPEATS):
            began = time.perf_counter()
            session, problems = Session.replay(open_journal(long_path))
            seconds.append(time.perf_counter() - began)
            assert not problems, problems
        size = long_path.stat().st_size / 1e6
        print(f"verify a {lines:,}-command journal ({size:.1f} MB): {_figures(seconds)}")

        hundred_path = Path(folder) / "hundred.jsonl"
        turns = _hundred_turns(hundred_path)
        commands = len(hundred_path.read_text(encoding="utf-8").splitlines()) - 1
        seconds = []
        for _ in range(REPEATS):
            began = time.perf_counter()
            resumed, _ = Session.resume(hundred_path)
            seconds.append(time.perf_counter() - began)
            resumed.close()
        print(f"open a {turns}-turn session's journal ({commands} commands) to its last state: {_figures(seconds)}")
        del session


if __name__ == "__main__":
    main()
