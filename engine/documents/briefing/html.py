"""The briefing book as one self-contained, printable HTML page, in the after-action report's style.

The page is built from the document kit, as the report is: the same stylesheet (with a few rules
of its own), the same page, tables and blocks, and the same escaping carried by the `Html` type,
so both documents look alike and a scenario's text is escaped once, the same way, everywhere. It
has no script and loads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.core.nouns import counted
from engine.documents.briefing.book import ActionPart, Book, EventPart, RolePart
from engine.documents.briefing.edition import pack_note
from engine.documents.briefing.training import training_html
from engine.documents.kit.html import Html, Text, html_blocks, html_page, html_section, html_table
from engine.documents.kit.text import blocks
from engine.prose.effects import Phrase
from engine.version import __version__

STYLES = ("report.css", "briefing.css")

SECTIONS = (
    ("briefing", "Briefing"),
    ("phases", "Phases"),
    ("training", "Exercise objectives"),
    ("roles", "Roles and objectives"),
    ("variables", "Variables"),
    ("actions", "Actions"),
    ("events", "Events list"),
    ("rules", "Standing rules"),
    ("endings", "How the game ends"),
)


def _code(identifier: str) -> Html:
    return Html("<code>{}</code>").format(identifier)


def _phrases(phrases: Sequence[Phrase]) -> Html:
    if not phrases:
        return Html()
    items = Html().join(Html("<li>{}{}</li>").format(phrase.text, _phrases(phrase.children)) for phrase in phrases)
    return Html('<ul class="effects">{}</ul>').format(items)


def _section(anchor: str, body: Text) -> Html:
    return html_section(anchor, dict(SECTIONS)[anchor], body)


def _facts(pairs: Sequence[tuple[str, Text]]) -> Html:
    """A definition list of (name, value)."""
    items = Html().join(Html("<dt>{}</dt><dd>{}</dd>").format(name, value) for name, value in pairs)
    return Html('<dl class="facts">{}</dl>').format(items)


def _version(version: str) -> Text:
    return Html(", version {}").format(version) if version else ""


def _cover(book: Book) -> Html:
    kicker = Html("Briefing pack for {}").format(book.edition) if book.edition else Html("Facilitator's briefing book")
    out = [Html("<header>"), Html('<p class="kicker">{}</p>').format(kicker), Html("<h1>{}</h1>").format(book.title)]
    if book.edition:
        out.append(Html('<p class="muted">{}</p>').format(pack_note(book)))
    if book.summary:
        out.append(Html('<p class="summary">{}</p>').format(book.summary))
    facts: list[tuple[str, Text]] = [("Scenario", _code(book.id) + _version(book.version))]
    if book.author:
        facts.append(("Author", book.author))
    facts += [("Length", book.turns), ("Free-form moves", book.free_moves)]
    facts.append(("Teams", ", ".join(role.name for role in book.roles if not role.actor)))
    actors = [role.name for role in book.roles if role.actor]
    if actors:
        facts.append(("Played by the white cell", ", ".join(actors)))
    out += [_facts(facts), Html("</header>")]
    return Html("\n").join(out)


def _role(role: RolePart, turn_label: str) -> Html:
    out = [Html('<article class="entry"><h3>{} {}</h3>').format(role.name, _code(role.id))]
    if role.description:
        out.append(html_blocks(blocks(role.description), shift=3))
    if role.briefing:
        out.append(Html("<p><strong>Private briefing</strong> (this team and the white cell only)</p>"))
        out.append(html_blocks(blocks(role.briefing), shift=3))
    facts: list[tuple[str, Text]] = [("Action budget", f"{counted(role.budget, 'point')} per {turn_label}")]
    facts += [("Resource", text) for text in role.resources]
    out.append(_facts(facts))
    if role.objectives:
        out.append(
            html_table(
                [("Objective", ""), ("Met when", ""), ("Judged", ""), ("Weight", "num")],
                [(o.description, o.condition, o.judged, str(o.weight)) for o in role.objectives],
            )
        )
    elif not role.objectives_kept:
        out.append(Html('<p class="muted">No objectives.</p>'))
    if role.objectives_kept:
        out.append(Html('<p class="muted">Its other objectives are its own and the white cell\'s.</p>'))
    out.append(Html("</article>"))
    return Html("\n").join(out)


HIDDEN = Html(' <span class="badge facilitator">hidden from the room</span>')


def _variables(book: Book) -> Html:
    rows = []
    for var in book.variables:
        bands = Html().join(
            Html('<span class="badge tone-{}">{}</span> {}<br>').format(band.tone, band.label, band.span) for band in var.bands
        )
        seen = Html("{}{}").format(var.visibility, HIDDEN if var.hidden else "")
        label = Html("<strong>{}</strong> {}").format(var.label, _code(var.id))
        if var.description:
            label += Html('<br><span class="small muted">{}</span>').format(var.description)
        rows.append((label, var.span, var.initial, seen, var.polarity, bands or "—"))
    head = [
        ("Variable", ""),
        ("Range", "nowrap"),
        ("Starts at", "num"),
        ("Seen by", ""),
        ("Better when", ""),
        ("Bands", "nowrap"),
    ]
    return html_table(head, rows)


def _action(action: ActionPart, mechanics: bool) -> Html:
    out = [Html('<article class="entry"><h3>{} {}</h3>').format(action.label, _code(action.id))]
    if action.description:
        out.append(Html("<p>{}</p>").format(action.description))
    facts: list[tuple[str, Text]] = [("Who", action.who), ("Cost", action.cost)]
    if action.tags:
        facts.append(("Tags", Html(", ").join(_code(tag) for tag in action.tags)))
    limits = "; ".join(action.limits) if action.limits else "whenever the team can pay for it"
    facts.append(("Available", limits))
    if mechanics:
        facts.append(("Effects", _phrases(action.effects)))
    if mechanics and action.unmatched:
        facts.append(("If the others do not join", _phrases(action.unmatched)))
    out += [_facts(facts), Html("</article>")]
    return Html("\n").join(out)


def _events(book: Book) -> Html:
    if not book.events:
        return Html('<p class="muted">This scenario has no shocks.</p>')
    head = [
        ("Turn or window", ""),
        ("Shock", ""),
        ("Category", ""),
        ("Trigger", ""),
        ("Expected player actions", ""),
        ("Facilitator notes", ""),
    ]
    rows = [
        (
            ev.when,
            Html('<a href="#shock-{}">{}</a>').format(ev.id, ev.title),
            Html('<span class="badge category">{}</span>').format(ev.category),
            ev.trigger,
            ev.expected,
            ev.notes,
        )
        for ev in book.events
    ]
    details = Html("\n").join(_event(ev) for ev in book.events)
    return html_table(head, rows, css="events") + Html("\n<h3>Shocks in detail</h3>\n") + details


def _event(event: EventPart) -> Html:
    facts = [event.category, f"to {event.audience}"] + ([f"from {event.source}"] if event.source else [])
    return Html(
        '<div class="shock" id="shock-{}"><h4>{} {}</h4><p class="small muted">{}</p><div class="narrative">{}</div>{}</div>'
    ).format(
        event.id,
        event.title,
        _code(event.id),
        " · ".join(facts),
        html_blocks(blocks(event.narrative), shift=4),
        _phrases(event.details),
    )


def _rules(book: Book) -> Html:
    if not book.rules:
        return Html('<p class="muted">None: only actions and shocks change the state.</p>')
    items = Html().join(
        Html("<li><strong>{}</strong> {}, {}:{}</li>").format(rule.title, _code(rule.id), rule.when, _phrases(rule.effects))
        for rule in book.rules
    )
    return Html('<ul class="plain">{}</ul>').format(items)


def _phases(book: Book) -> Html:
    out = []
    for phase in book.phases:
        facts: list[tuple[str, Text]] = [("Turns", phase.turns)]
        if phase.notes:
            facts.append(("Timing", phase.notes))
        briefing = html_blocks(blocks(phase.briefing), shift=3) if phase.briefing.strip() else Html()
        out.append(Html("<h3>{} {}</h3>{}{}").format(phase.title, _code(phase.id), _facts(facts), briefing))
    return Html("\n").join(out)


def _endings(book: Book) -> Html:
    out = []
    if book.endings:
        out.append(Html("<p>Early endings, checked after every resolution and after each turn's shocks:</p>"))
        out.append(
            html_table(
                [("Ending", ""), ("When", ""), ("Outcome", "")],
                [(end.title, end.when, end.outcome) for end in book.endings],
            )
        )
    if not book.mechanics:
        out.append(Html("<p>The white cell holds what decides the outcome; these are the outcomes:</p>"))
    else:
        out.append(Html("<p>Otherwise the game runs to its last turn. The outcome is the first of these that holds:</p>"))
    out += [
        Html('<div class="outcome tone-{}"><div class="title">{} {}</div>{}{}</div>').format(
            o.tone,
            o.title,
            _code(o.id),
            Html('<p class="small">When {}.</p>').format(o.when) if o.when else "",
            Html("<p>{}</p>").format(o.description) if o.description else "",
        )
        for o in book.outcomes
    ]
    return Html("\n").join(out)


def render_html(book: Book) -> str:
    """The whole briefing book as one HTML document."""
    has_briefing = bool(book.briefing.strip())
    briefing = (
        _section("briefing", Html('<div class="briefing">{}</div>').format(html_blocks(blocks(book.briefing), shift=2)))
        if has_briefing
        else Html()
    )
    footer = Html(
        "Written by whitecell {} from scenario <code>{}</code>{}. For the white cell: it includes what players do not see."
        if not book.edition
        else "Written by whitecell {} from scenario <code>{}</code>{}. This reader's pack: what it may know before play."
    )
    left_out = ({"events"} if book.edition and not book.events else set()) | (set() if book.mechanics else {"rules"})
    shown = {anchor for anchor, _ in SECTIONS} - left_out
    page = html_page(
        title=f"Briefing pack for {book.edition}: {book.title}" if book.edition else f"Briefing book: {book.title}",
        generator=__version__,
        styles=STYLES,
        cover=_cover(book),
        contents=[
            (anchor, title)
            for anchor, title in SECTIONS
            if (anchor != "briefing" or has_briefing)
            and (anchor != "phases" or book.phases)
            and (anchor != "training" or book.training)
            and anchor in shown
        ],
        main=[
            briefing,
            _section("phases", _phases(book)) if book.phases else Html(),
            _section("training", training_html(book.training)) if book.training else Html(),
            _section("roles", Html("\n").join(_role(role, book.turn_label) for role in book.roles)),
            _section("variables", _variables(book)),
            _section(
                "actions",
                Html("\n").join(_action(action, book.mechanics) for action in book.actions)
                or Html('<p class="muted">No actions.</p>'),
            ),
            _section("events", _events(book)) if "events" in shown else Html(),
            _section("rules", _rules(book)) if "rules" in shown else Html(),
            _section("endings", _endings(book)),
        ],
        footer=footer.format(__version__, book.id, _version(book.version)),
    )
    return str(page)
