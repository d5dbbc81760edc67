"""A role's panel: its budget and resources, and every action it may take with cost or the reason
it is unavailable. Toggling an action asks the screen to submit the new orders."""

from __future__ import annotations

from typing import Protocol

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.audience.console import RoleView
from tui.text import plain
from tui.widgets.fitting import Segment, Unit, content, flow, hanging, with_right, words


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


def _details(option: Offered) -> list[str]:
    """What an action costs beyond its points, and whether it is joint."""
    parts = [f"{amount} {resource}" for resource, amount in option.spend_labels]
    if option.joint:
        parts.append("joint")
    return parts


DETAIL_INDENT = "    "
"""Where an action's second line (its other costs, or why it is unavailable) starts."""


def option_prompt(option: Offered, *, chosen: bool, masked: bool, width: int | None = None) -> Content:
    """An action with its points; a second, muted line for its resource cost, whether it is joint,
    or the reason it is unavailable. Given the list's ``width`` in cells, the points stand at the right
    edge of the first line and no line breaks inside "1 pt" or a resource's cost; without it (before
    the list is laid out) Textual wraps the lines as it can."""
    points = f"{option.cost} pt"
    if not option.available:
        box: Segment = ("", "")
        label_style = "$text-muted"
        details = [option.reason or "unavailable"]
        details_style = "italic $text-muted"
    else:
        ticked: Segment = ("[x]", "bold $success") if chosen else ("[ ]", "")
        box = ("[·]", "$text-muted") if masked else ticked
        label_style = "bold" if chosen and not masked else ""
        details = _details(option)
        details_style = "$text-muted"
    if width is None or width < 20:
        head = Content.assemble(
            (box[0] + " " if box[0] else DETAIL_INDENT, box[1]), (option.label, label_style), (" · " + points, "$text-muted")
        )
        if not details:
            return head
        return Content.assemble(head, "\n", (DETAIL_INDENT + " · ".join(details), details_style))
    first: list[Unit] = [((box[0] or DETAIL_INDENT[:-1], box[1]),), *words(option.label, label_style)]
    lines = with_right(first, ((points, "$text-muted"),), width, indent=DETAIL_INDENT)
    if details:
        if not option.available:
            lines += flow(words(details[0], details_style), width, separator=" ", indent=DETAIL_INDENT)
        else:
            lines += flow([((detail, details_style),) for detail in details], width, separator=" · ", indent=DETAIL_INDENT)
    return content(lines)


def option_width(actions: OptionList) -> int | None:
    """The cells an option's line may fill in ``actions`` (a scrollbar's room always kept, so that a
    scrollbar appearing never re-wraps the lines), or None before the list is laid out."""
    if not actions.content_region.width:
        return None
    padding = actions.get_component_styles("option-list--option").padding.width
    return actions.content_region.width - actions.styles.scrollbar_size_vertical - padding


def panel_title(view: RoleView) -> Content:
    """A role's panel title: its name, "white cell" for an actor the white cell plays, and its bot if it has one."""
    played = " · white cell" if view.actor else ""
    return plain(view.name + played + (f" · bot: {view.bot}" if view.bot else ""))


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

    def __init__(self, role_id: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.role_id = role_id
        self.view: RoleView | None = None
        self._ids: list[str] = []
        self._shown: object = None
        self.masked = False
        self._seat: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        yield ActionList(id=f"actions-{self.role_id}")

    def summary_width(self) -> int | None:
        """The cells a summary line may fill, or None before the panel is laid out."""
        return self.content_region.width or None

    def list_width(self) -> int | None:
        """The cells an action's line may fill, or None before layout."""
        return option_width(self.query_one(ActionList))

    def on_resize(self, event: events.Resize) -> None:
        # The lines are laid out for a width: lay them out again once the children have their new size.
        self.call_after_refresh(self.refit)

    def refit(self) -> None:
        """Show the same view again, laid out for the panel's width now."""
        if self.view is not None:
            self.show(self.view, masked=self.masked, seat=self._seat)

    def show(self, view: RoleView, *, masked: bool, seat: str | None = None) -> None:
        """Display the role's options and orders (masked: hide which actions are chosen); ``seat``:
        the team's seat status in words, when the teams have seats."""
        self.view = view
        self.masked = masked
        self._seat = seat
        self.border_title = panel_title(view)
        # Who entered the orders, on the border where it costs no line of the list.
        self.border_subtitle = self._entered(view, masked, seat)
        self.query_one("#summary", Static).update(self._summary(view, masked, width=self.summary_width()))
        chosen = set(view.orders or ())
        actions = self.query_one(ActionList)
        width = self.list_width()
        prompts = [option_prompt(option, chosen=option.action in chosen, masked=masked, width=width) for option in view.options]
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
    def _summary(view: RoleView, masked: bool, *, drafting: bool = False, width: int | None = None) -> Content:
        """The budget, stocks and orders in a line or two; ``drafting``: ``view.orders`` is a draft still
        being entered, not orders submitted (masked, the room is told which of the two, never the actions).
        Given the panel's ``width``, a line breaks between the budget and a stock, never inside one."""
        # Masked, the panel shows no count of points or actions: a count says something too.
        if masked:
            budget: Unit = (("Budget ", "$text-muted"), (f"{view.budget} points", "bold"))
        else:
            points = "●" * view.spent + "○" * max(view.left, 0)
            budget = (("Budget ", "$text-muted"), (points, "bold"), (f" {view.left} of {view.budget} left", "$text-muted"))
        stocks = [((f"{label} ", "$text-muted"), (f"{stock}/{most}", "bold")) for label, stock, most in view.resources]
        units = [budget, *stocks]
        lines = flow(units, width)
        if view.orders is None:
            lines.append([("no orders yet", "italic $warning")])
        elif masked:
            said = "orders being entered (hidden)" if drafting else "orders submitted (hidden)"
            lines.append([(said, "italic $text-muted")])
        elif not view.orders:
            lines.append([("orders: no action this turn", "italic $text-muted")])
        else:
            # The decisions in words, so they read at a glance even when the list is longer than the panel.
            labels = {option.action: option.label for option in view.options}
            chosen = ", ".join(labels.get(action, action) for action in view.orders)
            lines += hanging([(("orders:", "$text-muted"),), *words(chosen, "bold $success")], width)
        return content(lines)

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
