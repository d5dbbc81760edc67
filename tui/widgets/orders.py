"""A role's panel: its budget and resources, and every action it may take with cost or the reason
it is unavailable. Toggling an action asks the screen to submit the new orders."""

from __future__ import annotations

from typing import Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.audience.console import RoleView
from tui.text import plain


class ActionList(OptionList):
    """The actions of a role; Enter or Space toggles the highlighted one."""

    BINDINGS = [Binding("space", "select", "Toggle", show=False)]


class Offered(Protocol):
    """What an action's line is drawn from: the engine's `ActionOption`, or the action as a team's seat was sent it."""

    @property
    def label(self) -> str: ...
    @property
    def cost(self) -> int: ...
    @property
    def spend_labels(self) -> tuple[tuple[str, int], ...]: ...
    @property
    def joint(self) -> bool: ...
    @property
    def available(self) -> bool: ...
    @property
    def reason(self) -> str | None: ...


def _details(option: Offered) -> str:
    """What an action costs beyond its points, and whether it is joint."""
    parts = [f"{amount} {resource}" for resource, amount in option.spend_labels]
    if option.joint:
        parts.append("joint")
    return " · ".join(parts)


def option_prompt(option: Offered, *, chosen: bool, masked: bool) -> Content:
    """An action on one line with its points; a second, muted line for its resource cost, whether
    it is joint, or the reason it is unavailable."""
    points = f" · {option.cost} pt"
    if not option.available:
        return Content.assemble(
            ("    " + option.label, "$text-muted"),
            (points, "$text-muted"),
            "\n",
            ("    " + (option.reason or "unavailable"), "italic $text-muted"),
        )
    if masked:
        box: tuple[str, str] = ("[·] ", "$text-muted")
    else:
        box = ("[x] ", "bold $success") if chosen else ("[ ] ", "")
    line = Content.assemble(box, (option.label, "bold" if chosen and not masked else ""), (points, "$text-muted"))
    details = _details(option)
    return line if not details else Content.assemble(line, "\n", ("    " + details, "$text-muted"))


class RolePanel(Vertical):
    """One role's side of the turn."""

    class OrdersChanged(Message):
        """The facilitator toggled an action: these would be the role's new orders."""

        def __init__(self, role: str, actions: tuple[str, ...]) -> None:
            super().__init__()
            self.role = role
            self.actions = actions

    DEFAULT_CSS = """
    RolePanel { border: round $secondary; height: 1fr; padding: 0 1; }
    RolePanel:focus-within { border: heavy $accent; }
    RolePanel > #summary { height: auto; }
    RolePanel > ActionList { height: 1fr; }
    """

    def __init__(self, role_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.role_id = role_id
        self.view: RoleView | None = None
        self._ids: list[str] = []
        self._shown: object = None
        self.masked = False

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        yield ActionList(id=f"actions-{self.role_id}")

    def show(self, view: RoleView, *, masked: bool, seat: str | None = None) -> None:
        """Display the role's options and orders (masked: hide which actions are chosen); ``seat``:
        the team's seat status in words, when the teams have seats."""
        self.view = view
        self.masked = masked
        self.border_title = plain(view.name + (f" · bot: {view.bot}" if view.bot else ""))
        # Who entered the orders, on the border where it costs no line of the list.
        self.border_subtitle = self._entered(view, masked, seat)
        self.query_one("#summary", Static).update(self._summary(view, masked))
        chosen = set(view.orders or ())
        actions = self.query_one(ActionList)
        prompts = [option_prompt(option, chosen=option.action in chosen, masked=masked) for option in view.options]
        key = (tuple(prompt.plain for prompt in prompts), tuple(option.available for option in view.options), masked, view.orders)
        if key == self._shown:
            return
        self._shown = key
        ids = [option.action for option in view.options]
        highlighted = actions.highlighted if ids == self._ids else None
        # One set_options re-measures the list once; replacing prompts one by one measured it per option.
        actions.set_options(
            Option(prompt, id=option.action, disabled=not option.available)
            for prompt, option in zip(prompts, view.options, strict=True)
        )
        if highlighted is None or view.options[highlighted].available is False:
            highlighted = next((index for index, option in enumerate(view.options) if option.available), None)
        actions.highlighted = highlighted
        self._ids = ids

    @staticmethod
    def _entered(view: RoleView, masked: bool, seat: str | None) -> str:
        """Who entered the orders, or where the team's seat stands while they are not in."""
        if view.orders is None:
            return seat or ""
        if masked:
            return "orders in" if seat else ""
        if view.entered_by == "seat":
            return "orders from its seat"
        return "orders entered here" if seat else ""

    @staticmethod
    def _summary(view: RoleView, masked: bool, *, drafting: bool = False) -> Content:
        """The budget, stocks and orders in a line or two; ``drafting``: ``view.orders`` is a draft still
        being entered, not orders submitted (masked, the room is told which of the two, never the actions)."""
        # Masked, the panel shows no count of points or actions: a count says something too.
        if masked:
            parts: list[tuple[str, str] | str] = [("Budget ", "$text-muted"), (f"{view.budget} points", "bold")]
        else:
            points = "●" * view.spent + "○" * max(view.left, 0)
            parts = [("Budget ", "$text-muted"), (points, "bold"), (f" {view.left} of {view.budget} left", "$text-muted")]
        for label, stock, most in view.resources:
            parts += ["  ", (f"{label} ", "$text-muted"), (f"{stock}/{most}", "bold")]
        if view.orders is None:
            parts += ["\n", ("no orders yet", "italic $warning")]
        elif masked:
            said = "orders being entered (hidden)" if drafting else "orders submitted (hidden)"
            parts += ["\n", (said, "italic $text-muted")]
        elif not view.orders:
            parts += ["\n", ("orders: no action this turn", "italic $text-muted")]
        else:
            # The decisions in words, so they read at a glance even when the list is longer than the panel.
            labels = {option.action: option.label for option in view.options}
            chosen = ", ".join(labels.get(action, action) for action in view.orders)
            parts += ["\n", ("orders: ", "$text-muted"), (chosen, "bold $success")]

        return Content.assemble(*parts)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.view is None or event.option.id is None:
            return
        current = list(self.view.orders or ())
        action = event.option.id
        if action in current:
            current.remove(action)
        else:
            current.append(action)
        self.post_message(self.OrdersChanged(self.role_id, tuple(current)))
        if self.masked:
            # The cursor would point at what was just chosen: send it back to the top.
            actions = self.query_one(ActionList)
            actions.highlighted = next((index for index, option in enumerate(self.view.options) if option.available), None)
