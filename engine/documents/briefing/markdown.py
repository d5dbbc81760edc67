"""The briefing book as GitHub-flavoured Markdown.

Every piece of scenario text goes through the Markdown kit (`engine.documents.kit.markdown`: its
escaping, and its block writer for briefings and narratives), as the report's does, so a scenario
cannot add links, HTML or structure of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from engine.core.nouns import counted
from engine.documents.briefing.book import ActionPart, Book, EventPart, RolePart
from engine.documents.briefing.edition import pack_note
from engine.documents.briefing.training import training_markdown
from engine.documents.kit.markdown import escape, markdown_blocks, markdown_table
from engine.documents.kit.text import blocks
from engine.prose.effects import Phrase


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The report's table with every column left-aligned; cells must be escaped."""
    return markdown_table(header, "l" * len(header), rows)


def _phrases(phrases: Sequence[Phrase], depth: int = 0) -> list[str]:
    out = []
    for phrase in phrases:
        out.append(f"{'  ' * depth}- {escape(phrase.text)}")
        out += _phrases(phrase.children, depth + 1)
    return out


def _code(identifier: str) -> str:
    return f"`{identifier}`"


def _text(text: str, shift: int) -> list[str]:
    return markdown_blocks(blocks(text), shift=shift)


def _cover(book: Book) -> list[str]:
    if book.edition:
        out = [f"# Briefing pack for {escape(book.edition)}: {escape(book.title)}", "", f"*{escape(pack_note(book))}*", ""]
    else:
        out = [f"# Briefing book: {escape(book.title)}", ""]
    if book.summary:
        out += [f"*{escape(book.summary)}*", ""]
    version = f", version {escape(book.version)}" if book.version else ""
    out.append(f"- **Scenario:** {_code(book.id)}{version}")
    if book.author:
        out.append(f"- **Author:** {escape(book.author)}")
    out.append(f"- **Length:** {escape(book.turns)}")
    out.append(f"- **Free-form moves:** {escape(book.free_moves)}")
    out.append(f"- **Teams:** {escape(', '.join(role.name for role in book.roles if not role.actor))}")
    actors = [role.name for role in book.roles if role.actor]
    if actors:
        out.append(f"- **Played by the white cell:** {escape(', '.join(actors))}")
    out.append("")
    if book.briefing.strip():
        out += ["## Briefing", "", *_text(book.briefing, 2)]
    return out


def _role(role: RolePart, turn_label: str) -> list[str]:
    out = [f"### {escape(role.name)} ({_code(role.id)})", ""]
    if role.description:
        out += _text(role.description, 3)
    if role.briefing:
        out += ["**Private briefing** (this team and the white cell only):", "", *_text(role.briefing, 3)]
    out.append(f"- **Action budget:** {counted(role.budget, 'point')} per {escape(turn_label)}")
    out += [f"- **Resource:** {escape(text)}" for text in role.resources]
    out.append("")
    if role.objectives:
        out += _table(
            ("Objective", "Met when", "Judged", "Weight"),
            ((escape(o.description), escape(o.condition), escape(o.judged), str(o.weight)) for o in role.objectives),
        )
    elif not role.objectives_kept:
        out += ["*No objectives.*", ""]
    if role.objectives_kept:
        out += ["*Its other objectives are its own and the white cell's.*", ""]
    return out


def _variables(book: Book) -> list[str]:
    rows = []
    for var in book.variables:
        bands = "; ".join(f"{escape(band.label)} {escape(band.span)} ({band.tone})" for band in var.bands)
        seen = escape(var.visibility) + (" (hidden from the room)" if var.hidden else "")
        label = f"**{escape(var.label)}** {_code(var.id)}" + (f" — {escape(var.description)}" if var.description else "")
        rows.append((label, escape(var.span), escape(var.initial), seen, var.polarity, bands or "—"))
    return ["## Variables", "", *_table(("Variable", "Range", "Starts at", "Seen by", "Better when", "Bands"), rows)]


def _action(action: ActionPart, mechanics: bool) -> list[str]:
    out = [f"### {escape(action.label)} ({_code(action.id)})", ""]
    if action.description:
        out += [escape(action.description), ""]
    out.append(f"- **Who:** {escape(action.who)}")
    out.append(f"- **Cost:** {escape(action.cost)}")
    if action.tags:
        out.append(f"- **Tags:** {', '.join(_code(tag) for tag in action.tags)}")
    limits = "; ".join(action.limits) if action.limits else "whenever the team can pay for it"
    out.append(f"- **Available:** {escape(limits)}")
    if not mechanics:
        return [*out, ""]
    out.append("- **Effects:**")
    out += _phrases(action.effects, 1)
    if action.unmatched:
        out.append("- **If the others do not join, for each team that chose it:**")
        out += _phrases(action.unmatched, 1)
    return [*out, ""]


def _event(event: EventPart) -> list[str]:
    out = [f"### {escape(event.title)} ({_code(event.id)})", ""]
    facts = [event.category, f"to {event.audience}"] + ([f"from {event.source}"] if event.source else [])
    out += [f"*{escape(' · '.join(facts))}*", ""]
    out += [f"> {line}" if line else ">" for line in _text(event.narrative, 3)[:-1]]
    out.append("")
    out += _phrases(event.details)
    return [*out, ""]


def render_markdown(book: Book) -> str:
    """The whole briefing book as one Markdown document."""
    out = _cover(book)
    if book.phases:
        out += ["## Phases", ""]
        for phase in book.phases:
            out += [f"### {escape(phase.title)} {_code(phase.id)}", "", f"- **Turns:** {escape(phase.turns)}"]
            out += [f"- **Timing:** {escape(phase.notes)}"] if phase.notes else []
            out += ["", *_text(phase.briefing, 3)] if phase.briefing.strip() else [""]
    out += training_markdown(book.training)
    out += ["## Roles and objectives", ""]
    for role in book.roles:
        out += _role(role, book.turn_label)
    out += _variables(book)
    out += ["## Actions", ""]
    for action in book.actions:
        out += _action(action, book.mechanics)
    if not book.actions:
        out += ["*None for this reader.*", ""]
    if book.edition and not book.events:
        return "\n".join(out + _outcomes_only(book)).rstrip("\n") + "\n"
    out += ["## Events list", ""]
    if book.events:
        out += _table(
            ("Turn or window", "Shock", "Category", "Trigger", "Expected player actions", "Facilitator notes"),
            (
                (
                    escape(ev.when),
                    f"{escape(ev.title)} {_code(ev.id)}",
                    ev.category,
                    escape(ev.trigger),
                    escape(ev.expected),
                    escape(ev.notes),
                )
                for ev in book.events
            ),
        )
        for event in book.events:
            out += _event(event)
    else:
        out += ["*This scenario has no shocks.*", ""]
    out += ["## Standing rules", ""]
    if book.rules:
        for rule in book.rules:
            out.append(f"- **{escape(rule.title)}** ({_code(rule.id)}), {escape(rule.when)}:")
            out += _phrases(rule.effects, 1)
        out.append("")
    else:
        out += ["*None: only actions and shocks change the state.*", ""]
    out += ["## How the game ends", ""]
    if book.endings:
        out += ["Early endings, checked after every resolution and after each turn's shocks:", ""]
        out += _table(
            ("Ending", "When", "Outcome"), ((escape(end.title), escape(end.when), escape(end.outcome)) for end in book.endings)
        )
    out += ["Otherwise the game runs to its last turn. The outcome is the first of these that holds:", ""]
    out += _table(
        ("Outcome", "Tone", "When", "What it means"),
        ((f"**{escape(o.title)}** {_code(o.id)}", o.tone, escape(o.when), escape(o.description)) for o in book.outcomes),
    )
    return "\n".join(out).rstrip("\n") + "\n"


def _outcomes_only(book: Book) -> list[str]:
    """A pack's ending: the outcomes a game can have, without what decides them."""
    out = ["## How the game can end", "", "The white cell holds what decides the outcome; these are the outcomes:", ""]
    return out + _table(
        ("Outcome", "Tone", "What it means"),
        ((f"**{escape(o.title)}** {_code(o.id)}", o.tone, escape(o.description)) for o in book.outcomes),
    )
