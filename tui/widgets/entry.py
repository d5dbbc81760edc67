"""A team's panel on the play screen, made for entering orders fast: type to find an action, the
unavailable ones folded into one line, and a draft the facilitator submits once.

Letters typed while the list has focus narrow it (an action already chosen always stays), space
ticks the highlighted action into the draft and clears what was typed, Enter submits the draft,
Escape clears what was typed or, with nothing typed, leaves the list so that the console's
letter keys work again. The panel holds no rule: it asks the screen to change the draft, and
the screen asks the engine whether the draft is possible.
"""

from __future__ import annotations

import attrs
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.audience.console import RoleView
from engine.audience.visibility import ROOM, WHITE_CELL, sees_orders
from engine.core.availability import ActionOption
from tui.widgets.orders import ActionList, RolePanel, option_prompt, panel_title

FOLD = " unavailable"
"""The id of the line the unavailable actions fold into (an action's id never starts with a space)."""


def searchable(label: str) -> str:
    """A label as typing matches it: lower case, letters and digits only ('Foreign-policy' reads 'foreignpolicy')."""
    return "".join(character for character in label.casefold() if character.isalnum())


class OrdersList(ActionList):
    """The actions of a team on the play screen: space ticks, Enter submits, Escape clears or leaves."""

    BINDINGS = [
        Binding("space", "select", "Tick", show=True),
        Binding("enter", "submit_orders", "Submit"),
        Binding("escape", "clear_or_leave", "Clear / leave"),
    ]

    def action_submit_orders(self) -> None:
        if isinstance(self.parent, EntryPanel):
            self.parent.submit_draft()

    def action_clear_or_leave(self) -> None:
        if isinstance(self.parent, EntryPanel):
            self.parent.clear_or_leave()


class EntryPanel(RolePanel):
    """One team's side of the turn, with its draft of orders."""

    class Submitted(Message):
        """The facilitator confirmed the team's orders: the draft (or the orders shown) is to be journaled."""

        def __init__(self, role: str) -> None:
            super().__init__()
            self.role = role

    DEFAULT_CSS = """
    EntryPanel > #find { height: 1; display: none; color: $accent; }
    EntryPanel.finding > #find { display: block; }
    EntryPanel.actor { height: auto; }
    EntryPanel.actor > ActionList { display: none; }
    EntryPanel.actor.-open { height: 1fr; }
    EntryPanel.actor.-open > ActionList { display: block; }
    """

    def __init__(self, role_id: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(role_id, id=id, classes=classes)
        self.typed = ""
        """What has been typed to find an action (letters and digits, lower case)."""
        self.unfolded = False
        self.draft: tuple[str, ...] | None = None
        """The orders being entered here and not yet submitted (None: none; the journaled orders show)."""

    def compose(self) -> ComposeResult:
        yield Static(id="summary")
        yield Static(id="find")
        yield OrdersList(id=f"actions-{self.role_id}")

    @property
    def chosen(self) -> tuple[str, ...]:
        """The actions ticked as the panel shows them: the draft, else the orders journaled."""
        if self.draft is not None:
            return self.draft
        return tuple(self.view.orders or ()) if self.view is not None else ()

    def show(self, view: RoleView, *, masked: bool, seat: str | None = None, draft: tuple[str, ...] | None = None) -> None:
        self.view, self.masked, self.draft, self._seat = view, masked, draft, seat
        self.border_title = panel_title(view)
        self.border_subtitle = "draft, not submitted" if draft is not None and not masked else self._entered(view, masked, seat)
        summary = self._summary(self._as_drafted(view), masked, drafting=draft is not None, width=self.summary_width())
        self.query_one("#summary", Static).update(summary)
        self._fill()

    def refit(self) -> None:
        if self.view is not None:
            self.show(self.view, masked=self.masked, seat=self._seat, draft=self.draft)

    def _as_drafted(self, view: RoleView) -> RoleView:
        """The view with the draft in place of the journaled orders, for the summary's budget and list."""
        if self.draft is None:
            return view
        costs = {option.action: option.cost for option in view.options}
        return attrs.evolve(view, orders=self.draft, spent=sum(costs.get(action, 0) for action in self.draft))

    def _visible(self) -> tuple[list[ActionOption], list[ActionOption]]:
        """The actions to list and the unavailable ones to fold, as narrowed by what was typed."""
        assert self.view is not None
        chosen = self._chosen_shown()
        listed, folded = [], []
        for option in self.view.options:
            if option.action in chosen:
                listed.append(option)
            elif self.typed and self.typed not in searchable(option.label):
                continue
            elif option.available:
                listed.append(option)
            else:
                folded.append(option)
        return listed, folded

    def _chosen_shown(self) -> set[str]:
        """The ticked actions the console may show as ticked: none with the room watching (a draft or
        orders not resolved are the team's and the white cell's), so that letters typed then narrow the
        list by name alone and the highlight skips nothing: either would single out what was ticked."""
        reader = ROOM if self.masked else WHITE_CELL
        return set(self.chosen) if sees_orders(reader, self.role_id, resolved=False) else set()

    def _fill(self) -> None:
        """Rebuild the list (once, only when what it shows changed) and put the highlight where typing expects it."""
        if self.view is None:
            return
        listed, folded = self._visible()
        chosen = self._chosen_shown()
        width = self.list_width()
        lines = [
            (option.action, option_prompt(option, chosen=option.action in chosen, masked=self.masked, width=width), False)
            for option in listed
        ]
        if folded:
            word = "hide" if self.unfolded else "show"
            lines.append((FOLD, Content.styled(f"{len(folded)} unavailable: {word}", "italic $text-muted"), False))
            if self.unfolded:
                lines += [
                    (option.action, option_prompt(option, chosen=False, masked=self.masked, width=width), True)
                    for option in folded
                ]
        self.set_class(bool(self.typed), "finding")
        # With the room watching, what is typed shows as dots: the words would say what is being chosen.
        typed = "•" * len(self.typed) if self.masked else self.typed
        self.query_one("#find", Static).update(Content.assemble(("find: ", "$text-muted"), (typed, "bold"), "▏"))
        key = (tuple((action, prompt.plain, disabled) for action, prompt, disabled in lines), self.masked)
        if key == self._shown:
            return
        self._shown = key
        actions = self.query_one(OrdersList)
        before = actions.highlighted_option.id if actions.highlighted_option is not None else None
        ids = [action for action, _, _ in lines]
        # One set_options re-measures the list once.
        actions.set_options(Option(prompt, id=action, disabled=disabled) for action, prompt, disabled in lines)
        if self.typed or before not in ids or self.masked:
            # Typing: the first match that can be ticked; else the line it was on (masked: the top, since
            # the cursor on what was just ticked would say what it was).
            wanted = [option for option in listed if option.available and not (self.typed and option.action in chosen)]
            actions.highlighted = ids.index(wanted[0].action) if wanted else (0 if ids else None)
        else:
            actions.highlighted = ids.index(before)

    # -- keys ------------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Letters and digits typed in the list narrow it; backspace takes the last one back."""
        if not self.query_one(OrdersList).has_focus:
            return
        if event.key == "backspace" and self.typed:
            self.typed = self.typed[:-1]
        elif event.character is not None and len(event.character) == 1 and event.character.isalpha():
            self.typed += event.character.casefold()
        else:
            return
        event.stop()
        event.prevent_default()
        self._fill()

    def clear_or_leave(self) -> None:
        if self.typed:
            self.typed = ""
            self._fill()
        else:
            self.screen.set_focus(None)

    def submit_draft(self) -> None:
        self.typed = ""
        self.post_message(self.Submitted(self.role_id))
        self.screen.set_focus(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event.prevent_default()  # RolePanel's own handler (which toggles the journaled orders) must not run too
        if self.view is None or event.option.id is None:
            return
        if event.option.id == FOLD:
            self.unfolded = not self.unfolded
            self._fill()
            if self.unfolded:  # they are the last lines: bring them into view
                actions = self.query_one(OrdersList)
                actions.call_after_refresh(actions.scroll_end, animate=False)
            return
        current = list(self.chosen)
        action = event.option.id
        if action in current:
            current.remove(action)
        else:
            current.append(action)
        self.typed = ""
        self.post_message(self.OrdersChanged(self.role_id, tuple(current)))
