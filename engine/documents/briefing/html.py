"""The briefing book as one self-contained, printable HTML page, in the after-action report's style.

The page is built from the document kit, as the report is: the same stylesheet (with a few rules
of its own), the same page, tables and blocks, and the same escaping carried by the `Html` type,
so both documents look alike and a scenario's text is escaped once, the same way, everywhere. It
has no script and loads nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.documents.briefing.book import ActionPart, Book, EventPart, RolePart
from engine.documents.kit.html import Html, Text, html_blocks, html_page, html_section, html_table
from engine.documents.kit.text import blocks
from engine.prose.effects import Phrase
from engine.version import __version__

STYLES = ("report.css", "briefing.css")

SECTIONS = (
    ("briefing", "Briefing"),
    ("roles", "Roles and objectives"),
    ("variables", "Variables"),
    ("actions", "Actions"),
    ("events", "Events list"),
    ("rules", "Standing rules"),
    ("endings", "How the game ends"),
)


def _code(identifier: str) -> str:
    return f"<code>{e(identifier)}</code>"


def _phrases(phrases: Sequence[Phrase]) -> str:
    if not phrases:
        return ""
    items = "".join(f"<li>{e(phrase.text)}{_phrases(phrase.children)}</li>" for phrase in phrases)
    return f'<ul class="effects">{items}</ul>'


def _section(anchor: str, body: str) -> str:
    return html_section(anchor, dict(SECTIONS)[anchor], body)


def _facts(pairs: Sequence[tuple[str, str]]) -> str:
    """A definition list; values must already be HTML."""
    return '<dl class="facts">' + "".join(f"<dt>{e(name)}</dt><dd>{value}</dd>" for name, value in pairs) + "</dl>"


def _cover(book: Book) -> str:
    out = ["<header>", '<p class="kicker">Facilitator\'s briefing book</p>', f"<h1>{e(book.title)}</h1>"]
    if book.summary:
        out.append(f'<p class="summary">{e(book.summary)}</p>')
    facts = [("Scenario", _code(book.id) + (f", version {e(book.version)}" if book.version else ""))]
    if book.author:
        facts.append(("Author", e(book.author)))
    facts += [("Length", e(book.turns)), ("Teams", e(", ".join(role.name for role in book.roles)))]
    out += [_facts(facts), "</header>"]
    return "\n".join(out)


def _role(role: RolePart, turn_label: str) -> str:
    out = [f'<article class="entry"><h3>{e(role.name)} {_code(role.id)}</h3>']
    if role.description:
        out.append(html_blocks(blocks(role.description), shift=3))
    facts = [("Action budget", f"{role.budget} point{'s' if role.budget != 1 else ''} per {e(turn_label)}")]
    facts += [("Resource", e(text)) for text in role.resources]
    out.append(_facts(facts))
    if role.objectives:
        out.append(
            html_table(
                [("Objective", ""), ("Met when", ""), ("Judged", ""), ("Weight", "num")],
                [(e(o.description), e(o.condition), e(o.judged), str(o.weight)) for o in role.objectives],
            )
        )
    else:
        out.append('<p class="muted">No objectives.</p>')
    out.append("</article>")
    return "\n".join(out)


def _variables(book: Book) -> str:
    rows = []
    for var in book.variables:
        bands = "".join(f'<span class="badge tone-{band.tone}">{e(band.label)}</span> {e(band.span)}<br>' for band in var.bands)
        seen = e(var.visibility) + (' <span class="badge facilitator">hidden from the room</span>' if var.hidden else "")
        label = f"<strong>{e(var.label)}</strong> {_code(var.id)}"
        if var.description:
            label += f'<br><span class="small muted">{e(var.description)}</span>'
        rows.append((label, e(var.span), e(var.initial), seen, e(var.polarity), bands or "—"))
    head = [
        ("Variable", ""),
        ("Range", "nowrap"),
        ("Starts at", "num"),
        ("Seen by", ""),
        ("Better when", ""),
        ("Bands", "nowrap"),
    ]
    return html_table(head, rows)


def _action(action: ActionPart) -> str:
    out = [f'<article class="entry"><h3>{e(action.label)} {_code(action.id)}</h3>']
    if action.description:
        out.append(f"<p>{e(action.description)}</p>")
    facts = [("Who", e(action.who)), ("Cost", e(action.cost))]
    if action.tags:
        facts.append(("Tags", ", ".join(_code(tag) for tag in action.tags)))
    limits = "; ".join(action.limits) if action.limits else "whenever the team can pay for it"
    facts += [("Available", e(limits)), ("Effects", _phrases(action.effects))]
    if action.unmatched:
        facts.append(("If the others do not join", _phrases(action.unmatched)))
    out += [_facts(facts), "</article>"]
    return "\n".join(out)


def _events(book: Book) -> str:
    if not book.events:
        return '<p class="muted">This scenario has no shocks.</p>'
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
            e(ev.when),
            f'<a href="#shock-{e(ev.id)}">{e(ev.title)}</a>',
            f'<span class="badge category">{e(ev.category)}</span>',
            e(ev.trigger),
            e(ev.expected),
            e(ev.notes),
        )
        for ev in book.events
    ]
    return html_table(head, rows, css="events") + "\n<h3>Shocks in detail</h3>\n" + "\n".join(_event(ev) for ev in book.events)


def _event(event: EventPart) -> str:
    facts = [event.category, f"to {event.audience}"] + ([f"from {event.source}"] if event.source else [])
    return (
        f'<div class="shock" id="shock-{e(event.id)}"><h4>{e(event.title)} {_code(event.id)}</h4>'
        f'<p class="small muted">{e(" · ".join(facts))}</p>'
        f'<div class="narrative">{html_blocks(blocks(event.narrative), shift=4)}</div>'
        f"{_phrases(event.details)}</div>"
    )


def _rules(book: Book) -> str:
    if not book.rules:
        return '<p class="muted">None: only actions and shocks change the state.</p>'
    items = "".join(
        f"<li><strong>{e(rule.title)}</strong> {_code(rule.id)}, {e(rule.when)}:{_phrases(rule.effects)}</li>"
        for rule in book.rules
    )
    return f'<ul class="plain">{items}</ul>'


def _endings(book: Book) -> str:
    out = []
    if book.endings:
        out.append("<p>Early endings, checked after every resolution and after each turn's shocks:</p>")
        out.append(
            html_table(
                [("Ending", ""), ("When", ""), ("Outcome", "")],
                [(e(end.title), e(end.when), e(end.outcome)) for end in book.endings],
            )
        )
    out.append("<p>Otherwise the game runs to its last turn. The outcome is the first of these that holds:</p>")
    out += [
        f'<div class="outcome tone-{o.tone}"><div class="title">{e(o.title)} {_code(o.id)}</div>'
        f'<p class="small">When {e(o.when)}.</p>' + (f"<p>{e(o.description)}</p>" if o.description else "") + "</div>"
        for o in book.outcomes
    ]
    return "\n".join(out)


def render_html(book: Book) -> str:
    """The whole briefing book as one HTML document."""
    has_briefing = bool(book.briefing.strip())
    briefing = (
        _section("briefing", f'<div class="briefing">{html_blocks(blocks(book.briefing), shift=2)}</div>') if has_briefing else ""
    )
    return html_page(
        title=f"Briefing book: {book.title}",
        generator=__version__,
        style=STYLE + BOOK_STYLE,
        cover=_cover(book),
        contents=[(anchor, title) for anchor, title in SECTIONS if anchor != "briefing" or has_briefing],
        main=[
            briefing,
            _section("roles", "\n".join(_role(role, book.turn_label) for role in book.roles)),
            _section("variables", _variables(book)),
            _section("actions", "\n".join(_action(action) for action in book.actions) or '<p class="muted">No actions.</p>'),
            _section("events", _events(book)),
            _section("rules", _rules(book)),
            _section("endings", _endings(book)),
        ],
        footer=f"Written by whitecell {e(__version__)} from scenario <code>{e(book.id)}</code>"
        + (f", version {e(book.version)}" if book.version else "")
        + ". For the white cell: it includes what players do not see.",
    )
