"""The report's evaluation of the exercise objectives laid out in Markdown and in HTML (see `evaluation`).

Every text from the scenario or the journal goes through the kits' escaping, as everywhere in the report.
"""

from __future__ import annotations

from engine.documents.kit.html import Html, Text, html_section, html_table
from engine.documents.kit.markdown import escape, markdown_table
from engine.documents.report.evaluation import InjectEvaluation, ObjectiveEvaluation, TeamResponse
from engine.documents.report.phrases import TAG_TITLES

__all__ = ["TITLE", "evaluation_html", "evaluation_markdown", "evaluation_section", "section_title"]

TITLE = "Evaluation of the exercise objectives"
EDITION_TITLE = "Exercise objectives"
INTRO = (
    "Each training objective with the injects that test it: for every time an inject fired, whether each team it "
    "concerns took the inject's expected actions in the turn it fired or the next (met: all of them; partly: some; "
    "not: none), then the white cell's notes tied to the objective and its rating."
)
VERDICTS = {"met": "met", "partly": "partly met", "not": "not met", "pending": "not yet resolved"}


def title_of(items: tuple[ObjectiveEvaluation, ...]) -> str:
    return TITLE if any(item.evaluated for item in items) else EDITION_TITLE


def section_title(items: tuple[ObjectiveEvaluation, ...], anchor: str, title: str) -> str:
    """A report section's title in the contents: the evaluation's says whether it evaluates or only lists."""
    return title_of(items) if anchor == "evaluation" else title


def evaluation_section(items: tuple[ObjectiveEvaluation, ...]) -> Html:
    """The whole HTML section (empty when the scenario has no exercise objectives)."""
    return html_section("evaluation", title_of(items), evaluation_html(items)) if items else Html()


def _response_text(response: TeamResponse) -> str:
    words = VERDICTS[response.verdict]
    if response.verdict in ("partly", "not") and response.missed:
        words += f" (did not take: {', '.join(response.missed)})"
    if response.verdict == "partly":
        words += f"; took {', '.join(response.taken)}"
    return words


def _never_tested(item: ObjectiveEvaluation) -> str:
    if not item.injects:
        return "No inject in the scenario tests this objective."
    return "Never tested in this game: none of the injects that test it fired."


def _facts(item: ObjectiveEvaluation) -> list[str]:
    facts = [f"Concerns: {item.teams}"]
    if item.capability:
        facts.insert(0, f"Capability: {item.capability}")
    return facts


# --- Markdown ------------------------------------------------------------------------------------


def evaluation_markdown(items: tuple[ObjectiveEvaluation, ...]) -> list[str]:
    """The section in Markdown (nothing when the scenario has no exercise objectives)."""
    if not items:
        return []
    out = [f"## {title_of(items)}", ""]
    if any(item.evaluated for item in items):
        out += [escape(INTRO), ""]
    for item in items:
        out += [f"### {escape(item.title)}", "", escape(item.description), ""]
        out += [f"*{escape(fact)}*  " for fact in _facts(item)] + [""]
        if item.criteria:
            out += ["What good performance looks like:", "", *(f"- {escape(line)}" for line in item.criteria), ""]
        if item.evaluated:
            out += _markdown_evaluation(item)
    return out


def _markdown_evaluation(item: ObjectiveEvaluation) -> list[str]:
    out: list[str] = []
    if not item.tested:
        out += [f"**{escape(_never_tested(item))}**", ""]
    for inject in item.injects:
        out += _markdown_inject(inject)
    for tag, notes in item.notes:
        out += [f"**{TAG_TITLES[tag]}**", "", *(f"- {escape(note.text)} *({escape(note.turn_name)})*" for note in notes), ""]
    if item.rating is not None:
        reason = f": {escape(item.rating.reason)}" if item.rating.reason else ""
        out += [f"**Rating: {item.rating.code}** ({item.rating.words}, {escape(item.rating.turn_name)}){reason}", ""]
    else:
        out += ["*Not rated.*", ""]
    return out


def _markdown_inject(inject: InjectEvaluation) -> list[str]:
    looks_for = "; ".join(inject.expected_actions) or "no expected action listed"
    out = [f"#### Inject: {escape(inject.title)}", "", f"Expected actions: {escape(looks_for)}", ""]
    if inject.expected_response:
        out += [f"Expected response: {escape(inject.expected_response)}", ""]
    if not inject.firings:
        return [*out, "*It never fired.*", ""]
    rows = [
        (escape(firing.turn_name), escape(response.team), escape(_response_text(response)))
        for firing in inject.firings
        for response in firing.responses
    ]
    if not rows:
        return [*out, f"*Fired in {escape(', '.join(firing.turn_name for firing in inject.firings))}; no team it "
                      "concerns could take its expected actions.*", ""]  # fmt: skip
    return out + markdown_table(("Fired", "Team", "Expected actions taken"), "lll", rows)


# --- HTML ----------------------------------------------------------------------------------------


def evaluation_html(items: tuple[ObjectiveEvaluation, ...]) -> Html:
    """The section's body in HTML (empty when the scenario has no exercise objectives)."""
    if not items:
        return Html()
    parts: list[Text] = [Html("<p>{}</p>").format(INTRO)] if any(item.evaluated for item in items) else []
    for item in items:
        parts.append(_html_objective(item))
    return Html().join(parts)


def _html_objective(item: ObjectiveEvaluation) -> Html:
    parts: list[Text] = [
        Html("<h3>{}</h3><p>{}</p>").format(item.title, item.description),
        Html('<p class="muted small">{}</p>').format("; ".join(_facts(item))),
    ]
    if item.criteria:
        criteria = Html().join(Html("<li>{}</li>").format(line) for line in item.criteria)
        parts.append(Html("<p>What good performance looks like:</p><ul>{}</ul>").format(criteria))
    if item.evaluated:
        if not item.tested:
            parts.append(Html("<p><strong>{}</strong></p>").format(_never_tested(item)))
        parts += [_html_inject(inject) for inject in item.injects]
        for tag, notes in item.notes:
            listed = Html().join(
                Html('<li>{} <span class="muted small">({})</span></li>').format(note.text, note.turn_name) for note in notes
            )
            parts.append(Html('<h5>{}</h5><ul class="notes">{}</ul>').format(TAG_TITLES[tag], listed))
        if item.rating is not None:
            rating = item.rating
            parts.append(
                Html("<p><strong>Rating: {}</strong> ({}, {}){}</p>").format(
                    rating.code, rating.words, rating.turn_name, f": {rating.reason}" if rating.reason else ""
                )
            )
        else:
            parts.append(Html('<p class="muted">Not rated.</p>'))
    return Html('<div class="objective-evaluation">{}</div>').format(Html().join(parts))


def _html_inject(inject: InjectEvaluation) -> Html:
    looks_for = "; ".join(inject.expected_actions) or "no expected action listed"
    head = Html("<h4>Inject: {}</h4><p>Expected actions: {}</p>").format(inject.title, looks_for)
    if inject.expected_response:
        head += Html("<p>Expected response: {}</p>").format(inject.expected_response)
    if not inject.firings:
        return head + Html('<p class="muted">It never fired.</p>')
    rows = [
        (firing.turn_name, response.team, _response_text(response)) for firing in inject.firings for response in firing.responses
    ]
    if not rows:
        fired = ", ".join(firing.turn_name for firing in inject.firings)
        return head + Html('<p class="muted">Fired in {}; no team it concerns could take its expected actions.</p>').format(fired)
    return head + html_table([("Fired", ""), ("Team", ""), ("Expected actions taken", "")], rows)
