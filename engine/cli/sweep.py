"""`whitecell sweep [FILE] --vary PATH=VALUES ...`: the scenario played at every combination of values.

"What if trust starts at 40? What if the ICBM test is certain?": each ``--vary`` names a number
of the scenario and the values it takes; every combination is checked by the loader, then
played (the same games for each: same seed, same bots), and the outcome shares, mean scores and
game lengths are printed one row per setting, as text, ``--json`` or ``--csv FILE.csv``, with
``--html FILE.html`` a page of charts. Ctrl-C
stops after the setting in hand, with the settings finished. Cheap to import.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import scenarios
from engine.cli.command import Command
from engine.cli.simulate import (
    ENGINES,
    EXIT_INTERRUPTED,
    MAX_WORKERS,
    StopOnCtrlC,
    add_dask_argument,
    dask_address,
    one_blas_thread,
)
from engine.cli.support import (
    EXIT_OK,
    InvalidInput,
    UsageError,
    add_policy_argument,
    check_output,
    emit,
    games_argument,
    json_text,
    notice,
    policy_names,
    seed_argument,
    whole_number,
    write_output,
)

if TYPE_CHECKING:
    from engine.sweep import Sweep

MAX_GAMES = 1_000_000


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help=f"a scenario file or bundled name (default: {scenarios.DEFAULT})")
    parser.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="PATH=VALUES",
        help="a number of the scenario and its values: variables.trust.initial=30:70:10 (start:stop:step) or "
        "shocks.icbm-launch.trigger.chance=0,0.5,1; list items by id; repeat for every combination",
    )
    parser.add_argument(
        "--games", type=games_argument(1, MAX_GAMES), default=1000, metavar="N", help="games per setting (default: 1000)"
    )
    parser.add_argument(
        "--seed", type=seed_argument, default=1, metavar="S", help="the seed of every setting's games (default: 1)"
    )
    add_policy_argument(parser, "")
    parser.add_argument("--engine", choices=ENGINES, default="auto", help="as simulate's --engine (default: auto)")
    parser.add_argument(
        "--workers",
        type=whole_number("a whole number of processes", 1, MAX_WORKERS, f"--workers must be from 1 to {MAX_WORKERS}"),
        default=1,
        metavar="N",
        help="play each setting's chunks in N processes where the batched engine plays it (default: 1)",
    )
    add_dask_argument(parser, "play each setting's chunks, where the batched engine plays it,")
    parser.add_argument("--json", action="store_true", help="print every setting's full simulate report as JSON")
    parser.add_argument("--csv", metavar="CSV", help="also write one row per setting to CSV")
    parser.add_argument(
        "--html", metavar="HTML", help="also write a self-contained page: charts of outcome shares and scores against each number"
    )
    parser.add_argument("--force", action="store_true", help="replace the --csv or --html file if it exists")


def run(args: argparse.Namespace) -> int:
    """Check and play every setting, then print the table."""
    one_blas_thread()
    from engine.batch.cluster import ClusterError
    from engine.batch.memory import keep_freed_memory
    from engine.load.catalog import resolve_scenario
    from engine.sweep import VaryError, parse_vary, run_sweep, sweep_text

    keep_freed_memory()  # this command owns its process (see engine.batch.memory)
    cluster = dask_address(args.dask, args.workers)
    output = Path(args.csv) if args.csv is not None else None
    if output is not None:
        check_output(output, args.force, _named(".csv", "--csv writes CSV"), example="sweep.csv")
    page = Path(args.html) if args.html is not None else None
    if page is not None:
        check_output(page, args.force, _named(".html", "--html writes a web page"), example="sweep.html")
    scenario = resolve_scenario(args.file)
    try:
        varies = [parse_vary(spec, scenario.document) for spec in args.vary]
    except VaryError as error:
        raise UsageError(f"--vary {error}") from None
    paths = [vary.path for vary in varies]
    repeated = sorted({path for path in paths if paths.count(path) > 1})
    if repeated:
        raise UsageError(f"--vary names {repeated[0]} more than once; give all its values in one --vary")
    bots = policy_names([role.id for role in scenario.roles], args.policy)
    progress = _progress if sys.stderr.isatty() else None
    try:
        with StopOnCtrlC() as stop:
            sweep = run_sweep(
                scenario,
                varies,
                args.games,
                args.seed,
                bots,
                engine=args.engine,
                workers=args.workers,
                cluster=cluster,
                progress=progress,
                stop=stop,
            )
    except VaryError as error:
        raise InvalidInput(str(error)) from None
    except ClusterError as error:
        raise InvalidInput(f"--dask: {error}") from None
    finally:
        if progress is not None:
            sys.stderr.write("\r" + " " * 60 + "\r")
    if output is not None:
        write_output(output, _csv_text(sweep), force=args.force)
    if page is not None:
        from engine.sweep.page import sweep_html

        write_output(page, sweep_html(sweep), force=args.force)
    status = EXIT_OK
    if stop.stopped:
        notice(f"whitecell: stopped by Ctrl-C; the table has the {len(sweep.rows)} settings finished")
        status = EXIT_INTERRUPTED
    return emit(status, json_text(sweep.to_json()) if args.json else sweep_text(sweep))


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\r  sweeping: {done}/{total} settings played")
    sys.stderr.flush()


def _named(suffix: str, what: str) -> Callable[[Path], None]:
    """A check that an output file's name ends in ``suffix``, so a slip cannot replace a scenario."""

    def check(output: Path) -> None:
        if output.suffix.lower() != suffix:
            raise ValueError(f"{what}: give a file name ending in {suffix}, e.g. {output.with_suffix(suffix).name}")

    return check


def _csv_text(sweep: Sweep) -> str:
    """The CSV, every text cell through the events list's formula guard."""
    from engine.msel.cells import guard
    from engine.sweep import sweep_csv

    return sweep_csv(sweep, guard)


COMMAND = Command(
    "sweep",
    help="play a scenario at every combination of some of its numbers (what-if)",
    description=(
        "Vary numbers of the scenario (--vary PATH=VALUES, repeatable), check every combination, play N games "
        "of each with the same seed and bots, and print outcome shares, mean scores and game lengths per setting."
    ),
    arguments=_arguments,
    run=run,
)
