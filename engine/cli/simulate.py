"""`whitecell simulate [FILE]`: many bot games, and the scenario's balance they show.

The outcome distribution, final-variable statistics, how often each shock fired and each action
was taken, as text or JSON; with ``--journal-dir``, one journal per game as well, and with
``--per-game``, one CSV row per game for pandas or a spreadsheet. The batched engine plays
when it can (``--engine``), the scalar one otherwise; the report says which. A progress bar is
drawn on standard error when it is a terminal; Ctrl-C stops after the game (or chunk of games)
in hand and reports the games finished, marked as such (exit 130). Cheap to import: the engine
loads when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

import scenarios
from engine.cli.command import Command
from engine.cli.support import (
    EXIT_OK,
    InvalidInput,
    UsageError,
    add_policy_argument,
    check_output,
    emit,
    games_argument,
    notice,
    output_stream,
    policy_names,
    seed_argument,
    whole_number,
)

if TYPE_CHECKING:
    from engine.batch.per_game import PerGameCsv
    from engine.bots.policies import Policy
    from engine.bots.simulate import Journaling
    from engine.core.model import Scenario
    from engine.core.rules import Game

MAX_GAMES = 1_000_000
MAX_WORKERS = 64
EXIT_INTERRUPTED = 130
"""The conventional status of a program stopped by Ctrl-C (128 + SIGINT)."""
ENGINES = ("auto", "scalar", "batch")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help=f"a scenario file or bundled name (default: {scenarios.DEFAULT})")
    parser.add_argument(
        "--games", type=games_argument(1, MAX_GAMES), default=1000, metavar="N", help="how many games to play (default: 1000)"
    )
    parser.add_argument("--seed", type=seed_argument, default=1, metavar="S", help="the batch's seed (default: 1)")
    add_policy_argument(parser, "")
    parser.add_argument("--json", action="store_true", help="print the statistics as one JSON object")
    parser.add_argument(
        "--journal-dir",
        metavar="DIR",
        help="also write one journal per game to DIR (game-0001.jsonl, ...), to replay or report bot games like human ones",
    )
    parser.add_argument(
        "--per-game",
        metavar="CSV",
        help="also write one row per game to CSV (seed, outcome, end turn, final variables, scores, shocks fired)",
    )
    parser.add_argument("--force", action="store_true", help="replace the --per-game file if it exists")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="auto (the default): the batched engine when it can play the scenario and bots, else the scalar one; "
        "both give the same report",
    )
    parser.add_argument(
        "--workers",
        type=whole_number("a whole number of processes", 1, MAX_WORKERS, f"--workers must be from 1 to {MAX_WORKERS}"),
        default=1,
        metavar="N",
        help="play the batched engine's chunks in N processes at once (default: 1); the report is the same",
    )
    add_dask_argument(parser, "play the batched engine's chunks")


def run(args: argparse.Namespace) -> int:
    """Play the games and print their statistics."""
    one_blas_thread()
    from engine.batch.cluster import ClusterError
    from engine.batch.engines import EngineRefused, choose_engine, simulate_with
    from engine.batch.memory import keep_freed_memory
    from engine.bots.simulate import format_report, report_json
    from engine.core.rules import compile_scenario
    from engine.load.catalog import resolve_scenario

    keep_freed_memory()  # this command owns its process (see engine.batch.memory)
    cluster = dask_address(args.dask, args.workers)
    per_game = Path(args.per_game) if args.per_game is not None else None
    if per_game is not None:
        check_output(per_game, args.force, _csv_name, example="games.csv")
        if cluster is not None:
            raise UsageError("--per-game rows come from one process: leave out --dask")
    scenario = resolve_scenario(args.file)
    game = compile_scenario(scenario)
    policies = _policies_for(game.role_ids, args.policy)
    try:
        choice = choose_engine(game, policies, args.engine, journaled=args.journal_dir is not None)
    except EngineRefused as error:
        raise UsageError(f"--engine batch cannot play this run: {error}; use --engine auto or scalar") from None
    if args.workers > 1:
        if choice.engine != "batch":
            scalar = choice.detail
            raise UsageError(f"--workers plays the batched engine's chunks at once; this run is the scalar one's: {scalar}")
        if per_game is not None:
            raise UsageError("--per-game rows come from one process: leave out --workers")
        choice = choose_engine(game, policies, args.engine, workers=args.workers)
    if cluster is not None:
        if choice.engine != "batch":
            raise UsageError(
                f"--dask plays the batched engine's chunks on a cluster; this run is the scalar one's: {choice.detail}"
            )
        choice = choose_engine(game, policies, args.engine, cluster=cluster)
    journal = _journaling(Path(args.journal_dir), scenario, args.games, policies) if args.journal_dir is not None else None
    journal_errors = _journal_errors() if journal is not None else ()
    progress = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        # The rows are written as the games are played, and the file takes its name once the
        # report's games are all in it: a second Ctrl-C or an error leaves no file behind.
        with StopOnCtrlC() as stop, _per_game_rows(per_game, game, force=args.force) as rows:
            report = simulate_with(
                choice, game, args.games, args.seed, policies, progress=progress, journal=journal, rows=rows, stop=stop
            )
    except journal_errors as error:
        raise InvalidInput(str(error)) from None
    except ClusterError as error:
        raise InvalidInput(f"--dask: {error}") from None
    finally:
        if progress is not None:
            progress.clear()
    played = choice.run(args.games)
    status = EXIT_OK
    if report.games < args.games:
        notice(f"whitecell: stopped by Ctrl-C after {report.games} of {args.games} games; the report is of those games only")
        status = EXIT_INTERRUPTED
    return emit(status, report_json(report, played) if args.json else format_report(game, report, played))


def add_dask_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """``--dask ADDRESS``: the Dask scheduler that plays the batch's chunks (simulate and sweep)."""
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help=f"{what} on the Dask cluster whose scheduler is at ADDRESS (HOST[:PORT], tcp://HOST:PORT, ...; "
        "its workers need whitecell installed; pip install 'whitecell[dask]'); the report is the same",
    )


def dask_address(text: str | None, workers: int) -> str | None:
    """The ``--dask`` scheduler's address, checked (after `one_blas_thread`: the check loads numpy), or None."""
    if text is None:
        return None
    import importlib.util

    from engine.batch.cluster import INSTALL, scheduler_address

    if workers > 1:
        raise UsageError("--dask plays the chunks on the cluster's workers: leave out --workers")
    try:
        address = scheduler_address(text)
    except ValueError as error:
        raise UsageError(f"--dask: {error}") from None
    if importlib.util.find_spec("distributed") is None:
        raise UsageError(f"--dask needs the Dask extra, which is not installed: {INSTALL}")
    return address


def one_blas_thread() -> None:
    """Pin numpy's BLAS to one thread before numpy loads: the batch calls no BLAS routine, and idle
    OpenBLAS threads started with numpy would only take CPU from the other core. numpy's OpenBLAS
    reads these variables once, when it loads (measured: two threads without, one with)."""
    if "numpy" not in sys.modules:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[name] = "1"


_Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class StopOnCtrlC:
    """While playing, the first Ctrl-C asks the run to stop after the game or chunk in hand (the
    report then covers the games finished); a second one interrupts at once, as usual."""

    def __init__(self) -> None:
        self.stopped = False
        self._previous: _Handler = None
        self._installed = False

    def __enter__(self) -> StopOnCtrlC:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.stopped = True
        self._restore()

    def _restore(self) -> None:
        if self._installed:
            previous = self._previous
            signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
            self._installed = False

    def __call__(self) -> bool:
        return self.stopped

    def __exit__(self, *exc: object) -> None:
        self._restore()


def _journal_errors() -> tuple[type[Exception], ...]:
    """What writing journals may raise (imported only when journals are written: it is slow to load)."""
    from engine.journal.session import SessionError

    return (SessionError,)


def _csv_name(output: Path) -> None:
    """Only a .csv name, so a slip such as ``--per-game my-scenario.json --force`` cannot replace a scenario."""
    if output.suffix.lower() != ".csv":
        raise ValueError(f"--per-game writes CSV: give a file name ending in .csv, e.g. {output.with_suffix('.csv').name}")


@contextlib.contextmanager
def _per_game_rows(output: Path | None, game: Game, *, force: bool) -> Iterator[PerGameCsv | None]:
    """The ``--per-game`` CSV being written (None without it), every text cell through the msel formula guard."""
    if output is None:
        yield None
        return
    from engine.batch.per_game import PerGameCsv
    from engine.msel.cells import guard

    with output_stream(output, force=force) as stream:
        yield PerGameCsv(game, stream, guard)


def _policies_for(role_ids: Sequence[str], specs: Sequence[tuple[str | None, str]]) -> dict[str, Policy]:
    """The bot of every role: random unless ``--policy`` names another, for that role or for all."""
    from engine.bots.registry import make_bot

    return {role: make_bot(name) for role, name in policy_names(role_ids, specs).items()}


def _journaling(directory: Path, scenario: Scenario, games: int, policies: dict[str, Policy]) -> Journaling:
    """Open one journal per game in ``directory``, after making sure none would be overwritten."""
    from engine.journal.format import Settings
    from engine.journal.session import Session

    try:
        directory.mkdir(parents=True, exist_ok=True)
        present = {entry.name for entry in os.scandir(directory)}
    except FileExistsError:
        raise InvalidInput(f"--journal-dir {directory} is a file, not a directory") from None
    except OSError as error:
        raise InvalidInput(f"--journal-dir {directory} cannot be used: {error.strerror or error}") from None
    width = max(4, len(str(games)))
    names = [f"game-{index + 1:0{width}d}.jsonl" for index in range(games)]
    clashes = [name for name in names if name in present]
    if clashes:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise InvalidInput(
            f"{directory / clashes[0]} already exists{more}; journals are never overwritten: "
            "choose another directory or move the old journals away"
        )
    settings = Settings(bots=tuple(sorted((role, policy.name) for role, policy in policies.items())))

    def open_game(index: int, seed: int) -> Session:
        return Session.new(scenario, seed, directory / names[index], settings=settings, durable=False)

    return open_game


class _ProgressBar:
    """A one-line progress bar on a terminal, redrawn at most a hundred times."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        step = done * 100 // total
        if step == self.shown:
            return
        self.shown = step
        filled = step * 30 // 100
        self.stream.write(f"\r  simulating [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} games")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r" + " " * 70 + "\r")
        self.stream.flush()


COMMAND = Command(
    "simulate",
    help="play many bot games and report the scenario's balance",
    description=(
        "Play N games with bots and print the outcome distribution, final-variable statistics, "
        "how often each shock fired and each action was taken; --per-game CSV adds one row per game. "
        "Same arguments, same output."
    ),
    arguments=_arguments,
    run=run,
)
