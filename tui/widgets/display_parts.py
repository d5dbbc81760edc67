"""The projector display's panels as styled text, built only from a `PlayersView`.

Pure functions (no widget, no app), so the test that nothing hidden reaches the screen can
render every panel of many random games quickly, and the widgets only place these texts.
"""

from __future__ import annotations

from textual.content import Content

from engine.audience.room import PlayersView, PublicShock, PublicVariable
from tui.widgets.shocks import CATEGORY_STYLE
from tui.widgets.styles import TONE_BAR, TONE_STYLE, arrow, change_style, fit

COMPACT_BELOW = 110
"""Below this width each variable takes one line instead of two."""


def heading(view: PlayersView) -> Content:
    """The turn, its name or date, and the scenario's title, for beside the big turn number."""
    name = view.turn_name or ""
    first = Content.styled(view.turn_label.upper() + ("  ·  ENDED" if view.ended else ""), "bold $accent")
    second = Content.styled(name, "bold reverse $accent") if name else Content("")
    return Content("\n").join([first, second, Content.styled(view.title, "$text-muted")])


def _change(variable: PublicVariable) -> Content:
    text = f"{arrow(variable.change)}{variable.change:+d}" if variable.change else "•0"
    return Content.styled(f"{text:>4}", change_style(variable.change, variable.polarity))


def variable_lines(variable: PublicVariable, width: int, *, compact: bool, band_room: int = 11) -> list[Content]:
    """A variable as a bar in its band's colour with its band named: two lines, or one when compact
    (then ``band_room`` columns are kept for the band, the same for every variable so the bars line up)."""
    width = max(width, 20)
    value = f"{variable.value}{variable.unit}"
    band = variable.band or ""
    if compact:
        bar_width = 6
        room = max(width - bar_width - band_room - 7, 4)
        filled = round(variable.fraction * bar_width)
        mark = arrow(variable.change) if variable.change else " "
        return [
            Content.assemble(
                (f"{fit(variable.label, room):<{room}} ", "bold"),
                ("█" * filled, TONE_BAR[variable.tone]),
                ("░" * (bar_width - filled), "$text-muted"),
                (f" {value:>3}", "bold"),
                (mark, change_style(variable.change, variable.polarity)),
                (f" {fit(band, band_room)}", TONE_STYLE[variable.tone]),
            )
        ]
    change = _change(variable)
    right = f" {value} {band} "
    room = max(width - len(right) - change.cell_length, 4)
    first = Content.assemble(
        (f"{fit(variable.label, room):<{room}}", "bold"),
        (f" {value}", "bold"),
        (f" {band} ", TONE_STYLE[variable.tone]),
        change,
    )
    filled = round(variable.fraction * width)
    bar = Content.assemble(("█" * filled, TONE_BAR[variable.tone]), ("░" * (width - filled), "$text-muted"))
    return [first, bar]


def variables(view: PlayersView, width: int, *, compact: bool) -> Content:
    band_room = min(max((len(variable.band or "") for variable in view.variables), default=0), 11)
    lines = [
        line for variable in view.variables for line in variable_lines(variable, width, compact=compact, band_room=band_room)
    ]
    return Content("\n").join(lines) if lines else Content.styled("(no public variables)", "$text-muted")


def _shock_title(shock: PublicShock, *, compact: bool = False) -> Content:
    """Category, whether it is new, how long it lasts (not when compact), who it is for; then the title."""
    left = "this turn only" if shock.remaining == 1 else f"{shock.remaining} turns left"
    parts: list[tuple[str, str] | str] = [
        (shock.category.upper(), f"bold {CATEGORY_STYLE.get(shock.category, '$foreground')}"),
        (" · NEW" if shock.new else "", "bold $warning"),
        ("" if compact else f" · {left}", "$text-muted"),
    ]
    if shock.audience:
        parts += [(" · to " + " and ".join(shock.audience), "bold $secondary")]
    parts += ["\n", (shock.title, "bold reverse $warning" if shock.new else "bold")]
    return Content.assemble(*parts)


def _narrative(shock: PublicShock, *, source: bool) -> Content:
    text = Content(" ".join(shock.narrative.split()))
    if source and shock.source:
        return Content("\n").join([Content.styled(shock.source, "italic $text-muted"), text])
    return text


def shocks(view: PlayersView, *, compact: bool = False) -> Content:
    """This turn's shocks in full (title, source and narrative), the older ones still in progress by
    title. Compact (small screens): every title first, so none is below the fold, then the new
    shocks' narratives."""
    if not view.shocks:
        return Content.styled("No shock in progress.", "$text-muted")
    if compact:
        titles = [_shock_title(shock, compact=True) for shock in view.shocks]
        stories = [_narrative(shock, source=False) for shock in view.shocks if shock.new]
        return Content("\n\n").join([Content("\n").join(titles), *stories])
    cards = [
        Content("\n").join([_shock_title(shock), _narrative(shock, source=True)]) if shock.new else _shock_title(shock)
        for shock in view.shocks
    ]
    return Content("\n\n").join(cards)


def decisions(view: PlayersView, *, compact: bool = False) -> Content:
    """Each team's resolved actions in the turn last resolved (one paragraph per team when compact);
    `decisions_title` names that turn."""
    if view.decisions_turn is None:
        return Content.styled("No turn resolved yet.", "$text-muted")
    lines: list[Content] = []
    for team in view.decisions:
        if compact:
            lines.append(Content.assemble((f"{team.team}: ", "bold"), "; ".join(team.actions) or ("no action", "$text-muted")))
            continue
        lines.append(Content.styled(team.team, "bold"))
        lines += [Content(f"  • {action}") for action in team.actions] or [Content.styled("  (no action)", "$text-muted")]
    return Content("\n").join(lines)


def decisions_title(view: PlayersView) -> str:
    return f"Decided in {view.decisions_turn}" if view.decisions_turn else "Decisions"


def events(view: PlayersView, count: int) -> Content:
    """The latest public events, newest last."""
    shown = view.events[-count:] if count > 0 else ()
    if not shown:
        return Content.styled("Nothing has happened yet.", "$text-muted")
    return Content("\n").join(
        Content.styled(line, "bold $accent" if line.endswith(" opens") or " opens: " in line else "") for line in shown
    )


def outcome(view: PlayersView) -> Content:
    """The outcome of an ended game: its title big, its description, and why the game ended."""
    found = view.outcome
    if found is None:
        return Content("")
    parts: list[tuple[str, str] | str] = [
        ("OUTCOME  ", "bold $text-muted"),
        (f" {found.title} ", f"reverse {TONE_STYLE[found.tone]}"),
    ]
    if found.reason:
        parts += [(f"  ({found.reason})", "$text-muted")]
    if found.description:
        parts += ["\n", " ".join(found.description.split())]
    return Content.assemble(*parts)


def screen_text(view: PlayersView, width: int = 120) -> str:
    """Every panel's plain text, as the display would show it at this width."""
    compact = width < COMPACT_BELOW
    parts = [
        heading(view),
        outcome(view),
        shocks(view, compact=compact),
        variables(view, width // 3, compact=compact),
        Content(decisions_title(view)),
        decisions(view),
        events(view, len(view.events)),
    ]
    return "\n".join(part.plain for part in parts)
