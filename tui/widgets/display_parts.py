"""The projector display's panels as styled text, built only from a `PlayersView`.

Pure functions (no widget, no app), so the test that nothing hidden reaches the screen can
render every panel of many random games quickly, and the widgets only place these texts.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from engine.audience.room import PlayersView, PublicShock, PublicVariable, TeamDecisions
from engine.text.terminal import printable
from tui.widgets.shocks import CATEGORY_STYLE
from tui.widgets.styles import TONE_BAR, TONE_STYLE, arrow, change_mark, change_style, fit

COMPACT_BELOW = 110
"""Below this width each variable takes one line instead of two."""


HEADING_LINES = 3
"""The rows beside the big turn number: the turn, its name or date, the phase and the scenario's title."""


def heading(view: PlayersView, phase: str = "", width: int | None = None) -> Content:
    """The turn, its name or date, and the scenario's title (after the phase's, when the turn is in one),
    for beside the big turn number, in `HEADING_LINES` lines of ``width`` cells (None: as wide as they are).

    Narrow, the least needed parts give way first: the title, then the phase; a name too long for its
    line wraps into the phase's; a part cut short ends in "…" after a whole word, never inside one."""
    label = view.turn_label.upper() + ("  ·  ENDED" if view.ended else "")
    name = view.turn_name or ""
    phase = printable(phase)
    if width is None:
        first, second = [label], [name]
    else:
        first = _wrapped(label, width, HEADING_LINES)
        second = _wrapped(name, width - 2, HEADING_LINES - len(first)) if name else [""]
    lines = [Content.styled(line, "bold $accent") for line in first]
    # A space either side inside the name's block, as the clock's: its last letter is never at the block's very edge.
    lines += [Content.styled(f" {line} ", "bold reverse $accent") if line else Content("") for line in second]
    if len(lines) < HEADING_LINES:
        lines.append(_phase_and_title(phase, view.title, width))
    return Content("\n").join(lines)


def _phase_and_title(phase: str, title: str, width: int | None) -> Content:
    """The phase and the scenario's title on one line; narrow, the phase alone, then the phase cut short."""
    whole = Content.styled(title, "$text-muted")
    if phase:
        whole = Content.assemble((phase, "bold"), ("  ·  ", "$text-muted"), whole)
    if width is None or whole.cell_length <= width:
        return whole
    if phase:
        return Content.styled(_wrapped(phase, width, 1)[0], "bold")
    return Content.styled(_wrapped(title, width, 1)[0], "$text-muted")


def _wrapped(text: str, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` cells, broken between words; what does not fit
    is left out after the last whole word that does, marked "…" (a single word wider than a line is
    cut with the mark: there is no whole word to stop at)."""
    if lines <= 0:
        return []
    if cell_len(text) <= width:
        return [text]
    found: list[str] = []
    for word in text.split():
        if found and cell_len(found[-1]) + 1 + cell_len(word) <= width:
            found[-1] += " " + word
        else:
            found.append(word if cell_len(word) <= width else _head(word, width - 1) + "…")
    if len(found) <= lines:
        return found
    kept, rest = found[: lines - 1], found[lines - 1].split()
    while len(rest) > 1 and cell_len(" ".join(rest)) + 1 > width:
        rest.pop()
    last = " ".join(rest)
    return [*kept, last + "…" if cell_len(last) < width else _head(last, width - 1) + "…"]


def _change(variable: PublicVariable) -> Content:
    text = change_mark(variable.change, variable.states)
    return Content.styled(f"{text:>4}", change_style(variable.change, variable.polarity))


def variable_lines(variable: PublicVariable, width: int, *, compact: bool, band_room: int = 11) -> list[Content]:
    """A variable as a bar in its band's colour with its band named: two lines, or one when compact
    (then ``band_room`` columns are kept for the band, the same for every variable so the bars line up)."""
    width = max(width, 20)
    value = variable.reading
    band = variable.band if variable.band and variable.band != value else ""  # a named state is its own band
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
    parts: list[tuple[str, str] | str] = [
        (shock.category.upper(), f"bold {CATEGORY_STYLE.get(shock.category, '$foreground')}"),
        (" · NEW" if shock.new else "", "bold $warning"),
        ("" if compact else f" · {shock.left}", "$text-muted"),
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


DECISION_COLUMN = 28
"""The narrowest column a team's decisions get before teams are stacked in more rows instead."""
TEAM_LINE = 24
"""The narrowest a team's one-line summary gets when each team must fit on one line."""
GUTTER = " │ "


def _clean(text: str) -> str:
    """Scenario text on one line: a newline in a name or label must not break the grid."""
    return " ".join(text.split())


def _head(text: str, width: int) -> str:
    """The longest start of ``text`` within ``width`` cells (wide characters count two)."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[:index]
    return text


KEEP_HEAD = 10
"""The fewest cells of a label kept before its last parenthesis when both must be cut to fit."""


def _cut(text: str, width: int) -> str:
    """Text cut to ``width`` cells, at a word when one is near, keeping the last parenthesis (it
    says whether an action happened: "(joint)", "(proposed, unanswered)") while ``KEEP_HEAD``
    cells of the label still fit: "Trilateral exercise with Washington (joint)" reads
    "Trilateral exercise with… (joint)"."""
    if cell_len(text) <= width:
        return text
    if width <= 4:
        return _head(text, width)
    tail = ""
    if text.endswith(")") and " (" in text and cell_len(text[text.rindex(" (") :]) <= width - KEEP_HEAD - 1:
        text, tail = text[: text.rindex(" (")], text[text.rindex(" (") :]
    room = width - cell_len(tail) - 1
    head = _head(text, room)
    space = head.rfind(" ")
    if space >= len(head) * 2 // 3:
        head = head[:space]
    return head.rstrip() + "…" + tail


def _block(team: TeamDecisions, width: int, *, wrap: bool, room: int | None = None) -> list[Content]:
    """A team's name, then a bullet per action, wrapped under itself or cut to one line; with
    ``room``, at most that many lines, the last saying how many actions did not fit."""
    lines = [Content.styled(_cut(_clean(team.team), width), "bold")]
    labels = [_clean(action) for action in team.actions]
    if not labels:
        return [*lines, Content.styled(_cut("(no action)", width), "$text-muted")]
    if room is not None and len(labels) > room - 1:
        hidden = len(labels) - (room - 2)
        return [
            *lines,
            *(Content("• " + _cut(label, width - 2)) for label in labels[: room - 2]),
            Content.styled(_cut(f"+{hidden} more", width), "italic $text-muted"),
        ]
    for label in labels:
        if not wrap:
            lines.append(Content("• " + _cut(label, width - 2)))
            continue
        rows = Content(label).wrap(max(width - 2, 1))
        lines += [Content("• ") + rows[0], *(Content("  ") + row for row in rows[1:])]
    return lines


def _team_line(team: TeamDecisions, width: int) -> Content:
    """A team on one line: its name and as many whole actions as fit, then how many more."""
    name = _clean(team.team) + ": "
    labels = [_clean(action) for action in team.actions]
    if not labels:
        return Content.assemble((name, "bold"), ("no action", "$text-muted")).truncate(width, ellipsis=True)
    for shown in range(len(labels), 0, -1):
        more = f" +{len(labels) - shown} more" if shown < len(labels) else ""
        text = "; ".join(labels[:shown])
        if cell_len(name + text + more) <= width:
            break
    else:
        text = _cut(labels[0], width - cell_len(name + more))
    return Content.assemble((name, "bold"), text, (more, "italic $text-muted")).truncate(width, ellipsis=True)


def _grid(cells: list[list[Content]], columns: int, width: int) -> list[Content]:
    """Cells side by side, ``columns`` to a row, each padded to its column's width."""
    column = _column_width(columns, width)
    lines: list[Content] = []
    for start in range(0, len(cells), columns):
        row = cells[start : start + columns]
        for index in range(max(len(cell) for cell in row)):
            parts = [cell[index] if index < len(cell) else Content("") for cell in row]
            padded = [part.truncate(column, pad=True) for part in parts[:-1]] + [parts[-1].truncate(column)]
            lines.append(Content.styled(GUTTER, "$text-muted").join(padded) if len(padded) > 1 else padded[0])
    return lines


def _columns(count: int, width: int, narrowest: int) -> int:
    """As many columns as fit (at most one per team), then as few as give the same number of rows."""
    most = max(1, min(count, (width + len(GUTTER)) // (narrowest + len(GUTTER))))
    rows = -(-count // most)
    return -(-count // rows)


def _column_width(columns: int, width: int) -> int:
    return (width - (columns - 1) * len(GUTTER)) // columns


def decisions(view: PlayersView, width: int, height: int | None = None) -> Content:
    """Each team's resolved actions in the turn last resolved, teams side by side in columns, in
    the most readable form that fits ``height`` lines (no limit when None): every action in full,
    then each cut to one line, then a line per team; what does not fit is counted ("+2 more"),
    never silently dropped. `decisions_title` names the turn."""
    if view.decisions_turn is None:
        return Content.styled("No turn resolved yet.", "$text-muted")
    teams = tuple(decided for decided in view.decisions if not decided.actor)
    if not teams:
        return Content.styled("(no teams)", "$text-muted")
    width = max(width, 8)
    # The white cell's actors that moved: a line each under the teams' columns, so the teams keep their width.
    actors = [_team_line(decided, width) for decided in view.decisions if decided.actor]
    if actors:
        room = None if height is None else max(height - len(actors), 1)
        return Content("\n").join([*_teams_decisions(teams, width, room).split("\n", allow_blank=True), *actors])
    return _teams_decisions(teams, width, height)


def _teams_decisions(teams: tuple[TeamDecisions, ...], width: int, height: int | None) -> Content:
    """The teams' columns, in the most readable form within ``height`` lines (see `decisions`)."""
    columns = _columns(len(teams), width, DECISION_COLUMN)
    column = _column_width(columns, width)
    team_rows = -(-len(teams) // columns)
    full = _grid([_block(team, column, wrap=True) for team in teams], columns, width)
    if height is None or len(full) <= height:
        return Content("\n").join(full)
    one_line = _grid([_block(team, column, wrap=False) for team in teams], columns, width)
    if len(one_line) <= height:
        return Content("\n").join(one_line)
    room = height // team_rows
    if room >= 3:
        capped = [_block(team, column, wrap=False, room=room) for team in teams]
        return Content("\n").join(_grid(capped, columns, width))
    return Content("\n").join(_team_lines(teams, width, max(height, 1)))


def _team_lines(teams: tuple[TeamDecisions, ...], width: int, height: int) -> list[Content]:
    """One line per team in as few columns as fit ``height`` rows; the last cell counts and names
    the teams left over when even that is too many."""
    most = max(1, (width + len(GUTTER)) // (TEAM_LINE + len(GUTTER)))
    columns = min(max(-(-len(teams) // height), 1), most)
    column = _column_width(columns, width)
    slots = columns * height
    shown = teams if len(teams) <= slots else teams[: slots - 1]
    cells = [[_team_line(team, column)] for team in shown]
    if len(shown) < len(teams):
        left = teams[len(shown) :]
        names = ", ".join(_clean(team.team) for team in left)
        cells.append([Content.styled(_cut(f"+{len(left)} more: {names}", column), "italic $text-muted")])
    return _grid(cells, columns, width)


def decisions_height(view: PlayersView, width: int, height: int | None = None) -> int:
    """How many lines the decisions take at this width, in the fullest form within ``height``."""
    return len(decisions(view, width, height).split("\n", allow_blank=True))


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
        decisions(view, width),
        events(view, len(view.events)),
    ]
    return "\n".join(part.plain for part in parts)
