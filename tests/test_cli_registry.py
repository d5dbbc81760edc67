"""The command line as one list: every command module declares one `Command`, the registry lists them,
the parser is built from the list, and the terminal UI adds its commands through the same list."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

import pytest

import engine.cli
import tui.main
from engine.cli import join, replay
from engine.cli.command import Command
from engine.cli.main import build_parser, main
from engine.cli.registry import COMMANDS, command_list
from engine.cli.support import UsageError

ROOT = Path(__file__).resolve().parent.parent
MACHINERY = {"command", "main", "registry", "support"}
"""The modules of engine/cli that declare no command: what a command is, the parser, the list, shared helpers."""


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command without arguments."""


def _say(args: argparse.Namespace) -> int:
    print(f"said {args.command}")
    return 0


def _refuse(args: argparse.Namespace) -> int:
    raise UsageError(f"{args.command} refuses")


HELLO = Command("hello", help="say hello", description="Say hello.", arguments=_no_arguments, run=_say)


def test_the_registry_lists_the_engine_commands_in_the_order_of_the_help() -> None:
    names = [command.name for command in COMMANDS]
    assert names == [
        "list",
        "simulate",
        "replay",
        "schema",
        "report",
        "new",
        "docs",
        "validate",
        "lint",
        "msel",
        "fork",
        "join",
        "serve",
        "sweep",
    ]
    assert len(set(names)) == len(names)


def test_every_command_module_declares_one_command_and_the_registry_lists_it() -> None:
    declared = []
    for info in pkgutil.iter_modules(engine.cli.__path__):
        module = importlib.import_module(f"engine.cli.{info.name}")
        if info.name in MACHINERY:
            assert not hasattr(module, "COMMAND"), info.name
            continue
        assert isinstance(module.COMMAND, Command), info.name
        declared.append(module.COMMAND)
    assert len(declared) == len(COMMANDS)
    assert set(declared) == set(COMMANDS)


def test_the_parser_is_built_from_the_list_alone() -> None:
    help_text = build_parser((HELLO,)).format_help()
    assert "say hello" in help_text
    assert "list the bundled scenarios" not in help_text


def test_only_the_command_to_run_gets_its_arguments_and_the_listing_is_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    full = build_parser()
    lean = build_parser(arguments_of={"validate"})
    assert lean.format_help() == full.format_help()
    assert lean.parse_args(["validate", "x.json", "--strict"]).strict
    with pytest.raises(SystemExit):
        lean.parse_args(["lint", "--games", "3"])  # lint's arguments were left out
    assert "unrecognized arguments: --games 3" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["validate", "--help"], ["msel", "export", "--help"], ["simulate", "--games", "x"]])
def test_main_gives_the_command_it_runs_all_its_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit):
        main(argv)
    assert capsys.readouterr() == expected


def test_a_front_end_command_follows_the_engine_commands_and_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert [command.name for command in command_list((HELLO,))][-2:] == ["sweep", "hello"]
    assert main(["hello"], front_end=(HELLO,)) == 0
    assert capsys.readouterr().out == "said hello\n"


def test_a_front_end_command_reports_errors_like_the_engine_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hello"], front_end=(HELLO.handled_by(_refuse),)) == 2
    assert capsys.readouterr().err == "whitecell: error: hello refuses\n"


def test_a_front_end_gives_an_engine_command_another_handler_in_its_place(capsys: pytest.CaptureFixture[str]) -> None:
    listed = command_list((replay.COMMAND.handled_by(_say),))
    assert [command.name for command in listed] == [command.name for command in COMMANDS]
    assert main(["replay", "some.jsonl"], front_end=(replay.COMMAND.handled_by(_say),)) == 0
    assert capsys.readouterr().out == "said replay\n"


def test_a_front_end_may_not_change_an_engine_command_beyond_its_handler() -> None:
    changed = replay.COMMAND._replace(help="something else", run=_say)
    with pytest.raises(ValueError, match="'replay' is an engine command"):
        command_list((changed,))


def test_a_command_declared_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="more than once: hello"):
        command_list((HELLO, HELLO.handled_by(_refuse)))


def test_without_a_command_the_start_handler_runs_or_the_help_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([], start=_say) == 0
    assert capsys.readouterr().out == "said None\n"
    assert main([]) == 0
    assert capsys.readouterr().out == build_parser().format_help()


def test_the_terminal_ui_declares_play_display_the_replay_screen_and_the_seat_console() -> None:
    declared = tui.main.commands()
    assert [command.name for command in declared] == ["replay", "join", "play", "display"]
    screen, seat = declared[:2]
    assert screen.handled_by(replay.run) == replay.COMMAND  # the engine's replay, with the screen's handler
    assert screen.run is not replay.run
    assert seat.handled_by(join.run) == join.COMMAND  # the engine's join, with the seat console's handler
    assert seat.run is not join.run
    assert [command.name for command in command_list(declared)] == [*(command.name for command in COMMANDS), "play", "display"]


@pytest.mark.parametrize(
    "path", [*sorted((ROOT / "engine" / "cli").glob("*.py")), ROOT / "tui" / "main.py"], ids=lambda p: p.name
)
def test_each_module_is_short_and_says_its_job(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 450
    assert text.startswith('"""'), "a module docstring first"
