"""``whitecell serve [FILE]``: a journaled game whose teams all play from seats, with no console.

For researchers and programs: two programs against each other, a program against the engine's
own bot, or teams at their seats with no facilitator at the keyboard. The referee
(`engine.seats.referee`) resolves each turn once every team's orders are in; ``--bot ROLE=POLICY``
lets an engine bot play a role on the server. The join codes are printed, one line per seated
team with the command to run, and kept beside the journal like the console's, so ``--resume``
brings them back. One line per event worth knowing goes to standard output; the exit status is 0
when the game has ended, 1 when the session cannot be served, 2 for bad usage; Ctrl-C stops the
server and keeps the journal to resume. Cheap to import: the seat modules load when it runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.command import Command
from engine.cli.support import BOTS_IN_HELP, EXIT_OK, InvalidInput, UsageError, bot_argument, seed_argument
from engine.seats.address import DEFAULT_PORT, LOOPBACK, listen_argument

if TYPE_CHECKING:
    from engine.journal.session import Session
    from engine.seats.server import SeatServer


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help="a scenario file or bundled name (default: the default scenario)")
    parser.add_argument("--seed", type=seed_argument, metavar="S", help="the game's seed (default: from the date and time)")
    parser.add_argument("--journal", metavar="PATH", help="where to write the journal (default: a dated name in this folder)")
    parser.add_argument("--resume", metavar="PATH", help="serve the session a journal records, with the same join codes")
    parser.add_argument(
        "--bot",
        type=bot_argument("bot", every_role=False),
        action="append",
        default=[],
        metavar="ROLE=POLICY",
        help=f"let an engine bot play a role on the server, e.g. tokyo=greedy (bots: {BOTS_IN_HELP})",
    )
    parser.add_argument(
        "--listen",
        type=listen_argument,
        metavar="ADDRESS[:PORT]",
        help=f"the address to listen on (default {LOOPBACK}:{DEFAULT_PORT}, this machine only; "
        "0.0.0.0 for the network; port 0 for any free one)",
    )
    parser.add_argument("--tls", action="store_true", help="encrypt the seats' traffic (a certificate is made on first use)")


def _say(line: str) -> None:
    from engine.seats.text import printable

    print(printable(line), flush=True)


def _open(args: argparse.Namespace) -> Session:
    """The session to serve: resumed, or new after the options are checked against the scenario."""
    from engine.journal.format import Settings
    from engine.journal.naming import default_journal_path, default_seed
    from engine.journal.session import Session, SessionError
    from engine.load.catalog import resolve_scenario

    if args.resume:
        if args.file or args.seed is not None or args.journal or args.bot:
            raise UsageError("--resume serves a journal with its own scenario, seed and bots; give it alone")
        try:
            session, _ = Session.resume(args.resume)
        except SessionError as error:
            raise InvalidInput(str(error)) from None
        return session
    scenario = resolve_scenario(args.file)
    roles = [role.id for role in scenario.roles]
    for role, _ in args.bot:
        if role not in roles:
            raise UsageError(f"--bot names role {role!r}, but this scenario's roles are {', '.join(roles)}")
    bots = {role for role, _ in args.bot}
    if bots >= {role.id for role in scenario.teams}:
        raise UsageError("every team is played by a bot, so no seat would play; whitecell simulate plays bots against bots")
    unplayed = [role.id for role in scenario.actors if role.id not in bots]
    if unplayed:
        # No console here to enter an actor's moves: without a bot the first turn would wait forever.
        raise UsageError(
            f"{unplayed[0]} is played by the white cell, and whitecell serve has no console to enter its moves: "
            f"give it a bot (--bot {unplayed[0]}=random), or run whitecell play --seats"
        )
    if args.journal and Path(args.journal).exists():
        raise InvalidInput(f"{args.journal} already exists; a journal is never overwritten (use --resume {args.journal})")
    path = Path(args.journal) if args.journal else default_journal_path(Path.cwd(), scenario.id)
    seed = args.seed if args.seed is not None else default_seed()
    try:
        return Session.new(scenario, seed, path, settings=Settings(bots=tuple(sorted(args.bot))))
    except (SessionError, OSError) as error:
        raise InvalidInput(f"cannot write the journal {path}: {error}") from None


def run(args: argparse.Namespace) -> int:
    """Serve the game until it ends (or Ctrl-C)."""
    import asyncio

    session = _open(args)
    try:
        if session.state.ended:
            from engine.seats.referee import final_words

            _say(f"{session.path}: this game has ended. {final_words(session)}")
            return EXIT_OK
        asyncio.run(_serve(session, args))
    except KeyboardInterrupt:
        _say(f"Stopped; the journal is kept. Serve it again with: whitecell serve --resume {session.path}")
        raise
    finally:
        session.close()
    _say(f"Journal: {session.path}  (whitecell replay {session.path}; whitecell report {session.path} -o report.html)")
    return EXIT_OK


async def _serve(session: Session, args: argparse.Namespace) -> None:
    import asyncio

    from engine.seats.codes import JoinCodes
    from engine.seats.referee import Referee
    from engine.seats.server import SeatServer
    from engine.seats.tls import TlsIdentity

    listen, port = args.listen or (LOOPBACK, DEFAULT_PORT)
    roles = tuple(role.id for role in session.scenario.teams)  # an actor has no seat: the white cell plays it
    try:
        codes = JoinCodes.for_journal(session.path, roles, resume=bool(args.resume)) if session.path else JoinCodes.fresh(roles)
        tls = (TlsIdentity.for_journal(session.path) if session.path else TlsIdentity.generate()) if args.tls else None
    except (OSError, ValueError) as error:  # a damaged or planted file beside the journal: say so, no traceback
        raise InvalidInput(f"cannot use the seats' files beside the journal: {error}") from None
    referee = Referee(session, _say)
    server = SeatServer(
        referee,
        codes,
        listen=listen,
        port=port,
        tls=tls,
        on_status=referee.status_changed,
    )
    referee.server = server
    try:
        await server.start()
    except OSError as error:
        raise InvalidInput(f"cannot listen on {listen}:{port}: {error.strerror or error}") from None
    try:
        _announce(session, server, args)
        referee.begin()
        await referee.finished.wait()
        await asyncio.sleep(0.2)  # let the seats read the last results before the closing word
    finally:
        await server.stop("the game has ended" if session.state.ended else "the referee stopped")


def _announce(session: Session, server: SeatServer, args: argparse.Namespace) -> None:
    """Where the seats join, each seated team's code and command, and who the bots play."""
    host, port = server.address
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    _say(f"Serving {session.scenario.title} (seed {session.seed}) at {where}; journal {session.path}")
    if server.fingerprint:
        _say(f"TLS certificate fingerprint: {server.fingerprint}")
    elif server.plaintext_warning:
        _say(f"Warning: {server.plaintext_warning}")
    bots = dict(session.settings.bots)
    check = f" --fingerprint {server.fingerprint}" if server.fingerprint else ""
    for role in session.scenario.roles:
        if role.id in bots:
            _say(f"  {role.name}: played here by the {bots[role.id]} bot")
        else:
            code = server.codes.code(role.id)
            _say(f"  {role.name}: {code}   whitecell join {where} --code {code}{check}")
    _say("Each turn is resolved as soon as every team's orders are in. Ctrl-C stops; --resume goes on.")
    sys.stdout.flush()


COMMAND = Command(
    "serve",
    help="serve a journaled game to seats with no console: programs or teams play, turns resolve when all are in",
    description=(
        "Open a journaled session of FILE (default: the bundled default scenario) and serve it to the teams' seats "
        "with no facilitator's console: each team joins with whitecell join and its code (printed here), an engine "
        "bot may play a role on the server (--bot tokyo=greedy), and each turn is resolved as soon as every team's "
        "orders are in. For pitting programs against each other or against the engine's bots; a facilitator who "
        "wants to adjudicate uses play --seats. Exit status: 0 when the game has ended, 1 when it cannot be served, "
        "2 bad usage."
    ),
    arguments=_arguments,
    run=run,
)
