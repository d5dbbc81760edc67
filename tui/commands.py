"""The console's commands in one list: the play screen's keys, its footer, the help screen and the
command palette are all made from it, so that they can never disagree.

Each entry names an action of the app (``resolve`` runs `WhitecellApp.action_resolve`), its key,
the word the footer shows, the title the palette lists and the line the help screen gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs
from textual.app import SystemCommand
from textual.binding import Binding, BindingType


@attrs.frozen
class ConsoleCommand:
    """One thing the facilitator can do from the play screen."""

    action: str
    """The app's action, without ``action_`` (e.g. ``resolve``)."""
    key: str
    """The key in Textual's names (``question_mark``)."""
    shown_key: str
    """The key as people read it (``?``)."""
    footer: str
    title: str
    """Its name in the command palette."""
    help: str
    """What it does, for the help screen and the palette."""
    in_footer: bool = True
    in_palette: bool = True


PLAY_COMMANDS: tuple[ConsoleCommand, ...] = (
    ConsoleCommand(
        "resolve",
        "r",
        "r",
        "Resolve",
        "Resolve the turn",
        "Resolve the turn: every draft still open is submitted first (asks first if a team has no orders;"
        " a white-cell actor with no move simply does nothing this turn)",
    ),
    ConsoleCommand("undo", "u", "u", "Undo", "Undo", "Undo the last command, across turns"),
    ConsoleCommand("redo", "y", "y", "Redo", "Redo", "Apply again the last command undone"),
    ConsoleCommand("inject", "i", "i", "Inject", "Inject a shock", "Inject a shock from the scenario"),
    ConsoleCommand(
        "write_inject",
        "w",
        "w",
        "Write",
        "Write an inject",
        "Write an inject at the table: title, narrative, to whom, category, effects on variables, reason",
        in_footer=False,
    ),
    ConsoleCommand(
        "upcoming",
        "c",
        "c",
        "Coming up",
        "Coming up",
        "Coming up: the upcoming injects by turn, with chances and conditions; hold, release or bring one forward",
        in_footer=False,
    ),
    ConsoleCommand(
        "adjust",
        "a",
        "a",
        "Adjust",
        "Adjust a variable",
        "Adjust a variable, resource or this turn's points by +3/-4 or to a value",
    ),
    ConsoleCommand("note", "n", "n", "Note", "Add a note", "Add a tagged note for the after-action report"),
    ConsoleCommand(
        "return_orders",
        "b",
        "b",
        "Send back",
        "Send orders back",
        "Send a team's orders back with a note (the team enters them again)",
        in_footer=False,
    ),
    ConsoleCommand(
        "free_move",
        "m",
        "m",
        "Free move",
        "Free-form move",
        "A team's free-form move: an action not on its list, argued, rolled for, then its effects",
        in_footer=False,
    ),
    ConsoleCommand(
        "end_exercise",
        "e",
        "e",
        "End",
        "End the exercise",
        "End the exercise now, with a reason (the outcome tiers decide)",
        in_footer=False,
    ),
    ConsoleCommand(
        "seats",
        "s",
        "s",
        "Seats",
        "Team seats",
        "The teams' join codes and seat status (with play --seats)",
        in_footer=False,
    ),
    ConsoleCommand("toggle_hidden", "h", "h", "Hide", "Hide or show choices", "Hide or show the teams' choices (for the room)"),
    ConsoleCommand("show_log", "l", "l", "Log", "Show the log", "The whole log, full screen"),
    ConsoleCommand(
        "last_summary",
        "v",
        "v",
        "Summary",
        "Last adjudication summary",
        "The adjudication summary of the last resolution, again",
        in_footer=False,
    ),
    ConsoleCommand(
        "timer_pause",
        "t",
        "t",
        "Timer",
        "Pause or run the timer",
        "Pause the decision timer, or set it going again (the projector shows it too)",
        in_footer=False,
    ),
    ConsoleCommand(
        "timer_more", "plus", "+", "+1 min", "One more minute", "One more minute on the decision timer", in_footer=False
    ),
    ConsoleCommand(
        "timer_much_more",
        "greater_than_sign",
        ">",
        "+5 min",
        "Five more minutes",
        "Five more minutes on the decision timer",
        in_footer=False,
    ),
    ConsoleCommand(
        "timer_reset", "T", "T", "Reset", "Reset the timer", "The decision timer back to its full length", in_footer=False
    ),
    ConsoleCommand("help", "question_mark", "?", "Help", "Key help", "This help: every key of the play screen"),
    ConsoleCommand("leave", "q", "q", "Quit", "Quit", "Quit, after asking (the journal is already on disk)", in_palette=False),
)
"""The play screen's commands, in the footer's order."""

OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("1 2 …", "Enter a team's orders: 1 opens the first team's panel, 2 the second, … (teams only)"),
    ("0", "Enter a white-cell actor's move: 0 opens the first actor's panel, 0 again the next actor's"),
    ("letters", "In a team's panel: find an action by typing part of its name (backspace takes a letter back)"),
    ("space", "In a team's panel: tick or untick the highlighted action in the team's draft"),
    ("enter", "In a team's panel: submit the team's orders (one journal entry)"),
    ("escape", "In a team's panel: clear what was typed; again, leave the panel (the draft stays)"),
    ("tab / shift+tab", "Move between the panels"),
    ("ctrl+p", "Command palette: every command by name"),
)
"""Keys the help screen lists that are not commands of the app (moving about, the palette itself)."""


TEAM_KEYS = 9
"""Number keys 1 to 9 open the teams' panels (a scenario with more teams reaches the rest with tab).
They count the teams only, so a team keeps its key whatever actors the white cell plays."""

ACTOR_KEY = "0"
"""The key that opens the white-cell actors' panels, one after the other (shown only when there are actors)."""


def letter_actions(commands: Iterable[ConsoleCommand]) -> frozenset[str]:
    """The actions on letter keys: in a team's panel the letters find actions, so these wait until it is left."""
    return frozenset(command.action for command in commands if len(command.key) == 1 and command.key.isalpha())


def team_bindings(teams: int, actors: int = 0) -> list[Binding]:
    """The number keys that open the teams' panels, one per team, and the actors' key when the white cell
    plays any; the footer shows one entry for the teams' keys and one for the actors'."""
    keys = min(teams, TEAM_KEYS)
    shown = f"1-{keys}" if keys > 1 else "1"
    found = [
        Binding(str(number), f"team({number - 1})", "Team", show=number == 1, key_display=shown) for number in range(1, keys + 1)
    ]
    if actors:
        found.append(Binding(ACTOR_KEY, "actor", "Actor" if actors == 1 else "Actors"))
    return found


def bindings(commands: Iterable[ConsoleCommand]) -> list[BindingType]:
    """A screen's bindings for these commands, each running the app's action."""
    return [Binding(command.key, f"app.{command.action}", command.footer, show=command.in_footer) for command in commands]


def help_lines(commands: Iterable[ConsoleCommand]) -> list[tuple[str, str]]:
    """(key, what it does) for the help screen: the commands, then the other keys."""
    listed = list(commands)
    lines = [(command.shown_key, command.help) for command in listed if command.action != "leave"]
    lines += list(OTHER_KEYS)
    lines += [(command.shown_key, command.help) for command in listed if command.action == "leave"]
    return lines


def palette(commands: Iterable[ConsoleCommand], run: Callable[[str], Callable[[], object]]) -> list[SystemCommand]:
    """The palette's entries; ``run(action)`` gives the callable that performs an action."""
    return [
        SystemCommand(command.title, f"{command.help} ({command.shown_key})", run(command.action))
        for command in commands
        if command.in_palette
    ]
