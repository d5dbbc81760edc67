"""The `whitecell` command: the engine's command line, plus the commands that open the terminal UI.

`run`, the console script, first makes sure that the `engine` Python imports is whitecell's (another
installed distribution may ship a top-level `engine` too) and says how to fix it if not; so this
module imports nothing of the engine when it loads. The UI's commands are declared like the
engine's (`commands`): `play` (with `--watch`, live reload), `display` (the players' view), and
`replay` with a handler that opens the replay screen in a terminal, and `join` with one that opens
the team's seat console (`tui.seat`; with `--bot` it stays the engine's); with no command, the start
screen opens. The engine never imports the UI: its registry takes these declarations from here.
Until a command opens the app nothing more is imported than for `python -m engine`, so that
`whitecell validate` starts as fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.cli.command import Command
    from engine.journal.session import Session
    from tui.app import WhitecellApp


def commands() -> tuple[Command, ...]:
    """The UI's commands, declared as the engine's are, for the engine's registry to list after its own."""
    from engine.cli.command import Command
    from engine.cli.join import COMMAND as JOIN
    from engine.cli.replay import COMMAND as REPLAY

    play = Command(
        "play",
        help="run a live session in the terminal (the facilitator's console)",
        description=(
            "Open the facilitator's console on a scenario (default: the bundled default scenario) and run a live "
            "session: enter each team's orders, resolve turns, inject shocks, adjust with a reason, take notes, "
            "undo and redo. Every command is journaled as it happens; quit at any time and resume later. "
            "Press ? in the console for its keys."
        ),
        arguments=_play_arguments,
        run=_play,
    )
    display = Command(
        "display",
        help="the players' view of a live session, for a projector or a second screen",
        description=(
            "Follow the journal a facilitator's `whitecell play` is writing and show what the players may see: the "
            "turn, its shocks, the public variables, each team's resolved decisions and the latest public events "
            "(never facilitator-only variables, orders not yet resolved or the white cell's notes). The journal "
            "may not exist yet; the display waits for it and updates within a second of every command. q quits."
        ),
        arguments=_display_arguments,
        run=_display,
    )
    return REPLAY.handled_by(_replay), JOIN.handled_by(_join), play, display


def _play_arguments(parser: argparse.ArgumentParser) -> None:
    from engine.cli.support import BOTS_IN_HELP, bot_argument, seed_argument, whole_number
    from engine.seats.address import DEFAULT_PORT, listen_argument

    minutes = whole_number("a whole number of minutes", 1, 24 * 60, "the timer is from 1 to 1440 minutes")
    parser.add_argument("file", nargs="?", metavar="FILE", help="a scenario file or bundled name")
    parser.add_argument("--seed", type=seed_argument, metavar="S", help="the game's seed (default: from the date and time)")
    parser.add_argument(
        "--journal",
        metavar="PATH",
        help="where to write the journal (default: a dated name in the per-user journal folder, or WHITECELL_HOME)",
    )
    parser.add_argument(
        "--resume",
        metavar="PATH",
        help="continue the session a journal records (a bare name is looked for in the journal folder too)",
    )
    parser.add_argument(
        "--bot",
        type=bot_argument("bot", every_role=False),
        action="append",
        default=[],
        metavar="ROLE=POLICY",
        help=f"let a bot play a role, e.g. tokyo=greedy (bots: {BOTS_IN_HELP})",
    )
    parser.add_argument("--timer", type=minutes, metavar="MINUTES", help="a decision timer per turn (a warning, never a move)")
    parser.add_argument(
        "--watch",
        action="store_true",
        help="reload the scenario FILE whenever it changes: its problems are shown, and the game goes on on the new rules",
    )
    parser.add_argument(
        "--seats",
        action="store_true",
        help="let each team play from its own machine (whitecell join) with a join code the console shows",
    )
    parser.add_argument(
        "--listen",
        type=listen_argument,
        metavar="ADDRESS[:PORT]",
        help=f"with --seats: the address to listen on (default 127.0.0.1:{DEFAULT_PORT}, this machine only; "
        "0.0.0.0 for the room's network)",
    )
    parser.add_argument(
        "--tls", action="store_true", help="with --seats: encrypt the seats' traffic (a certificate is made on first use)"
    )


def _display_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("journal", metavar="JOURNAL", help="the journal to follow")


# -- handlers ---------------------------------------------------------------------------------------


def _needs_terminal() -> bool:
    return not (sys.stdin.isatty() and sys.stdout.isatty())


def _require_terminal(command: str) -> None:
    """Refuse, as bad usage, to open the app when input or output is not a terminal."""
    from engine.cli.support import UsageError

    if _needs_terminal():
        raise UsageError(f"{command} runs in a terminal; standard input and output must be a terminal")


def _run_app(app: WhitecellApp) -> int:
    """Run the app, then say where the journal of the game played in it (if any) is."""
    from engine.cli.support import EXIT_OK

    app.run()
    if app.session is not None:  # live reload or a fork may have moved the game to a new journal
        _farewell(app.session)
    return app.return_code or EXIT_OK  # Textual sets 1 when the app stopped on an error: never report that as success


def _play(args: argparse.Namespace) -> int:
    """Open the console on a new or resumed session, once the options are known to make sense."""
    from engine.cli.support import InvalidInput
    from engine.journal.session import SessionError

    _check_play_options(args)
    _require_terminal("play")
    from engine.journal.home import find_journal
    from tui.app import make_app
    from tui.launch import Launch, open_session
    from tui.seat_options import seat_options

    launch = Launch(
        scenario=args.file,
        seed=args.seed,
        journal=Path(args.journal) if args.journal else None,
        resume=find_journal(Path(args.resume)) if args.resume else None,
        bots=tuple(args.bot),
        timer_minutes=args.timer,
        watch=args.watch,
        seats=seat_options(args),
    )
    try:
        session, recovery = open_session(launch)
    except SessionError as error:
        raise InvalidInput(str(error)) from None
    print(f"The session is journaled in {session.path}")
    return _run_app(make_app(launch, session=session, recovery=recovery))


def _check_play_options(args: argparse.Namespace) -> None:
    """Refuse options that contradict each other or the scenario before anything is opened or written."""
    from engine.cli.support import InvalidInput, UsageError
    from engine.load.catalog import resolve_scenario

    if args.watch:
        from tui.watch import watch_usage_problem

        problem = watch_usage_problem(args.file, resume=bool(args.resume))
        if problem is not None:
            raise UsageError(problem)
    if (args.listen or args.tls) and not args.seats:
        raise UsageError("--listen and --tls are options of --seats; add --seats to let the teams join from their machines")
    if args.resume and (args.file or args.seed is not None or args.journal or args.bot or args.timer):
        raise UsageError("--resume continues a journal with its own scenario, seed and settings; give it alone")
    if not args.resume:
        roles = [role.id for role in resolve_scenario(args.file).roles]
        for role, _ in args.bot:
            if role not in roles:
                raise UsageError(f"--bot names role {role!r}, but this scenario's roles are {', '.join(roles)}")
    if args.journal and Path(args.journal).exists():
        journal = args.journal
        raise InvalidInput(f"{journal} already exists; a journal is never overwritten (use --resume {journal} to continue it)")


def _replay(args: argparse.Namespace) -> int:
    """The replay screen in a terminal; the engine's text, JSON or verification otherwise."""
    from engine.cli.replay import run as run_replay

    if args.verify or args.json or args.turn is not None or _needs_terminal():
        return run_replay(args)
    from engine.journal.timeline import load_steps
    from tui.app import make_app
    from tui.launch import Launch

    steps = load_steps(args.journal)  # a journal that cannot be used at all is reported like the headless form does
    return _run_app(make_app(Launch(folder=Path(args.journal).parent), replay=steps))


def _join(args: argparse.Namespace) -> int:
    """The team's seat console in a terminal; the engine's seat bot with --bot."""
    from tui.seat.join import run as run_join

    return run_join(args)


def _start(args: argparse.Namespace) -> int:
    """The start screen in a terminal; the help otherwise."""
    from engine.cli.main import build_parser
    from engine.cli.registry import command_list
    from engine.cli.support import EXIT_OK

    if _needs_terminal():
        sys.stdout.write(build_parser(command_list(commands())).format_help())
        return EXIT_OK
    from tui.app import make_app
    from tui.launch import Launch

    return _run_app(make_app(Launch(start_screen=True)))


def _farewell(session: Session) -> None:
    """Where the journal is, and how to go on: the last thing a facilitator sees."""
    session.close()
    if session.path is None:
        return
    import shlex

    from tui.screens.report import report_path

    path = session.path
    journal = shlex.quote(str(path))
    print(f"The session is saved in its journal: {path}")
    if not session.state.ended:
        print(f"Resume it with:  whitecell play --resume {journal}")
    for written in (report_path(path, "markdown"), report_path(path, "html")):
        if written.exists():
            print(f"Report written:  {written} (from the console; it shows the game as it was then)")
    html = report_path(path, "html")
    again = " --force" if html.exists() else ""  # the command printed must work as printed
    print(f"Report with:     whitecell report {journal} -o {shlex.quote(str(html))}{again}")


def _display(args: argparse.Namespace) -> int:
    """Open the players' view, after refusing a path that is not (and will not become) a journal."""
    from engine.cli.support import EXIT_OK, InvalidInput
    from engine.journal.follow import JournalFollower
    from engine.journal.home import find_journal

    path = find_journal(Path(args.journal))  # a bare name: the journal folder's journal, as play printed it
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder; give the journal file the session writes (e.g. {path}/game.jsonl)")
    if path.exists():
        first = JournalFollower(path).poll()
        if first.session is None and first.problem is not None and first.waiting is None and path.stat().st_size:
            raise InvalidInput(f"{first.problem}; give the journal file that `whitecell play` writes")
    _require_terminal("display")
    from tui.display import DisplayApp

    app = DisplayApp(path)
    app.run()
    return app.return_code or EXIT_OK  # 1 when the app stopped on an error


# -- the front door ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run `whitecell`; return the exit status."""
    from engine.cli.main import main as engine_main

    return engine_main(argv, front_end=commands(), start=_start)


def run() -> None:
    """Console-script entry point: refuse, in plain words, an `engine` that is not whitecell's; then run."""
    problem = installation_problem()
    if problem is not None:
        sys.stderr.write(problem)
        sys.exit(1)
    sys.exit(main())


CHECKED = ("engine", "scenarios")
"""The top-level packages of whitecell that the check can vouch for (``tui`` is the one running it)."""

CLASH = (
    "Another installed distribution ships a top-level package of the same name, which hides whitecell's or was "
    "installed over its files."
)
"""What a foreign package means: whitecell and that distribution cannot share an environment."""

FIX = "Install whitecell in an environment of its own, e.g. with 'pipx install .' or 'uv tool install .' in its source folder."
"""The way out, in any case: no other distribution beside whitecell."""


def installation_problem() -> str | None:
    """None when the `engine` Python imports is whitecell's and its command line imports; else what is wrong, to print.

    Another distribution that ships a top-level `engine` (or `scenarios`) either comes first on
    the path and hides whitecell's whole package, or is installed into the same folder and replaces
    some of its files. The first shows as an `engine` without `IS_WHITECELL`; the second as parts
    that fail to import. An error that points at no package of whitecell's (a missing dependency,
    say) is not a clash and is raised as it is. A `tui` of another distribution cannot be caught
    here: this code is whitecell's `tui`, and it is not the one that runs then.
    """
    try:
        engine = importlib.import_module("engine")
    except Exception as error:  # a foreign package may fail in any way; whitecell's imports only the standard library
        return _not_whitecells("engine", error)
    if getattr(engine, "IS_WHITECELL", None) is not True:
        return _not_whitecells("engine", None)
    try:
        importlib.import_module("engine.cli.main")
        scenarios = importlib.import_module("scenarios")
        for name in ("DEFAULT", "bundled_files"):
            getattr(scenarios, name)
    except (ImportError, AttributeError) as error:
        package = _package_of(error)
        if package is None:
            raise
        return _not_whitecells(package, error)
    return None


def _not_whitecells(package: str, error: Exception | None) -> str:
    """One paragraph for standard error: which package is wrong, where it is (or that it is missing), and the fix."""
    import textwrap
    from importlib.machinery import ModuleSpec
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
    except ValueError:  # loaded, but without a spec: where it came from is unknown
        spec = ModuleSpec(package, None)
    if spec is None:
        problem = f"this Python ({sys.executable}) finds no package '{package}': whitecell is not completely installed."
    else:
        origin, folders = spec.origin, spec.submodule_search_locations or []
        where = str(Path(origin).parent) if origin and Path(origin).stem == "__init__" else origin or ", ".join(folders)
        where = where or "an unknown place"
        failure = f"does not import ({error}): it is not whitecell's, or not all of it is" if error else "is not whitecell's"
        problem = f"the package '{package}' that Python imports, at {where}, {failure}. {CLASH}"
    text = f"whitecell: error: {problem} {FIX}"
    return textwrap.fill(text, width=88, break_long_words=False, break_on_hyphens=False) + "\n"


def _package_of(error: ImportError | AttributeError) -> str | None:
    """The top-level package of whitecell's that the error is about, if it is about one."""
    if isinstance(error, ImportError):
        module = error.name
    elif isinstance(error.obj, ModuleType):
        module = error.obj.__name__
    else:
        return None
    top = (module or "").partition(".")[0]
    return top if top in CHECKED else None
