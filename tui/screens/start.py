"""The start screen: choose a bundled scenario or a file, a seed, who plays each role, a timer;
or resume a recent journal (from the journal folder, or the folder run from)."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from engine.bots.registry import bot_names
from engine.core.model import Scenario
from engine.load.catalog import bundled, resolve_scenario
from engine.load.diagnostics import InputError
from engine.text.terminal import printable
from tui.launch import Launch
from tui.seat_options import SeatOptions
from tui.widgets.fields import Field

TEAM = "team"

SEATING: dict[str, SeatOptions | None] = {
    "console": None,
    "seats-here": SeatOptions(),
    "seats-room": SeatOptions(listen="0.0.0.0", tls=True),
}
"""Where the teams enter their orders: at the console, or from their own seats (see `play --seats`)."""
SEATING_CHOICES = [
    ("At this console (the facilitator enters them)", "console"),
    ("From their own seats, on this machine only", "seats-here"),
    ("From their own seats, over the room's network (TLS)", "seats-room"),
]


@attrs.frozen
class RecentJournal:
    """A journal found in the folder, described by its header line."""

    path: Path
    title: str
    created: str


def recent_journals(*folders: Path, limit: int = 12) -> list[RecentJournal]:
    """Journals in some folders (the journal folder, and the folder run from for journals written
    there by earlier versions), newest first, read by their first line only."""
    found = []
    paths = {path.resolve(): path for folder in folders if folder.is_dir() for path in folder.glob("*.jsonl")}
    for path in sorted(paths.values(), key=lambda p: p.stat().st_mtime, reverse=True)[: limit * 3]:
        try:
            with path.open("rb") as handle:
                header = json.loads(handle.readline(1_000_000).decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            continue
        if isinstance(header, dict) and header.get("journal") == "whitecell" and isinstance(header.get("scenario"), dict):
            title = str(header["scenario"].get("title", "?"))
            found.append(RecentJournal(path, title, str(header.get("created", ""))))
        if len(found) >= limit:
            break
    return found


class StartScreen(Screen[Launch]):
    """Dismisses with the Launch the facilitator chose."""

    BINDINGS = [Binding("ctrl+s", "start", "Start"), Binding("ctrl+r", "resume", "Resume"), Binding("escape", "app.quit", "Quit")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.scenarios = {item.name: item for item in bundled()}
        self.journals = recent_journals(folder, Path.cwd())
        self.chosen: Scenario | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="start"):
            with Vertical(id="pick"):
                yield Label("Scenarios", classes="heading")
                yield OptionList(*self._scenario_options(), id="scenarios")
                yield Label("Recent journals", classes="heading")
                if self.journals:
                    yield OptionList(
                        *[
                            Option(
                                Content.assemble(
                                    (printable(journal.path.name), "bold"),
                                    "\n",
                                    (printable(f"{journal.title} · {journal.created}"), "$text-muted"),
                                ),
                                id=str(index),
                            )
                            for index, journal in enumerate(self.journals)
                        ],
                        id="journals",
                    )
                else:
                    yield Static(Content.styled("None yet: new sessions are journaled here.", "$text-muted"), id="no-journals")
            with VerticalScroll(id="settings"):
                yield Label("New session", classes="heading")
                yield Static(id="summary")
                yield Field(placeholder="…or open a scenario file (path, Enter)", id="file")
                yield Field(placeholder="Seed (blank: from the clock)", id="seed", type="integer")
                yield Field(placeholder="Decision timer in minutes (blank: none)", id="timer", type="integer")
                yield Vertical(id="roles")
                yield Label("Teams enter their orders")
                yield Select(SEATING_CHOICES, value="console", allow_blank=False, id="seats")
                with Horizontal(classes="buttons"):
                    yield Button("Start (ctrl+s)", id="start-button", variant="primary")
                    yield Button("Resume journal (ctrl+r)", id="resume-button")
        yield Footer()

    def _scenario_options(self) -> list[Option]:
        options = []
        for name, item in self.scenarios.items():
            scenario = item.load()
            detail = f"{scenario.turns.counted(scenario.turns.count)} · {name}"
            options.append(Option(Content.assemble((scenario.title, "bold"), "\n", (detail, "$text-muted")), id=name))
        return options

    def on_mount(self) -> None:
        self.query_one("#scenarios", OptionList).highlighted = 0
        self.query_one("#scenarios", OptionList).focus()

    async def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "scenarios" and event.option.id:
            await self._choose(self.scenarios[event.option.id].load())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "journals":
            self.action_resume()
        else:
            self.query_one("#seed", Input).focus()

    async def _choose(self, scenario: Scenario) -> None:
        self.chosen = scenario
        self.query_one("#summary", Static).update(
            Content.assemble((scenario.title, "bold"), "\n", (scenario.summary, "$text-muted"))
        )
        roles = self.query_one("#roles", Vertical)
        await roles.remove_children()
        bots = [(f"Bot: {name}", name) for name in bot_names()]
        widgets: list[Label | Select[str]] = []
        for role in scenario.roles:  # an actor's own choice is the white cell's, entered at the console
            people = "White cell (entered at the console)" if role.is_actor else "Team (played by people)"
            widgets.append(Label(f"{role.name} is played by"))
            widgets.append(Select([(people, TEAM), *bots], value=TEAM, allow_blank=False, id=f"who-{role.id}"))
        await roles.mount_all(widgets)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "file" and event.value.strip():
            try:
                await self._choose(resolve_scenario(event.value.strip()))
            except InputError as error:
                self.notify(
                    "\n".join(d.format() for d in error.diagnostics[:5]),
                    title="This scenario has problems",
                    severity="error",
                    timeout=15,
                )
                return
            self.notify(f"Opened {event.value.strip()}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start-button":
            self.action_start()
        else:
            self.action_resume()

    def action_start(self) -> None:
        if self.chosen is None:
            self.notify("Choose a scenario first.", severity="warning")
            return
        seed_text = self.query_one("#seed", Input).value.strip()
        timer_text = self.query_one("#timer", Input).value.strip()
        try:
            seed = int(seed_text) if seed_text else None
            timer = int(timer_text) if timer_text else None
        except ValueError:
            self.notify("The seed and the timer are whole numbers.", severity="warning")
            return
        if seed is not None and not 0 <= seed < 2**64:
            self.notify("The seed must be from 0 to 18446744073709551615.", severity="warning")
            return
        if timer is not None and not 0 < timer <= 24 * 60:
            self.notify("The timer is a number of minutes, from 1 to 1440.", severity="warning")
            return
        bots = []
        for role in self.chosen.roles:
            who = self.query_one(f"#who-{role.id}", Select).value
            if isinstance(who, str) and who != TEAM:
                bots.append((role.id, who))
        path = self.query_one("#file", Input).value.strip()
        reference = path or self.chosen.id
        self.dismiss(
            Launch(scenario=reference, seed=seed, bots=tuple(bots), timer_minutes=timer, folder=self.folder, seats=self._seats())
        )

    def _seats(self) -> SeatOptions | None:
        """The seat options the "Teams enter their orders" choice stands for."""
        choice = self.query_one("#seats", Select).value
        return SEATING[choice] if isinstance(choice, str) else None

    def action_resume(self) -> None:
        if not self.journals:
            self.notify("There is no recent journal to resume.", severity="warning")
            return
        listing = self.query_one("#journals", OptionList)
        index = listing.highlighted if listing.highlighted is not None else 0
        self.dismiss(Launch(resume=self.journals[index].path, folder=self.folder, seats=self._seats()))
