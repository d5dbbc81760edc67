"""The report's evaluation of each exercise objective: injects and when they fired, met/partly/not, notes, rating."""

from __future__ import annotations

from typing import Any

from engine.audience.visibility import ROOM, Audience
from engine.core.commands import AddNote, Resolve, SubmitOrders
from engine.documents.report import build_report, render_html, render_markdown
from engine.journal.session import Session
from tests.helpers import action, doc, load, shock

PLANT = "PLANTED-INJECT-TITLE"


def drill(**parts: Any) -> dict[str, Any]:
    """Two teams; a launch in turn 2 expects a hotline call and an alert from each (Tokyo may not alert);
    a storm that tests 'resilience' never fires; 'outreach' is tested by nothing."""
    document = doc(
        turns={"count": 4},
        exerciseObjectives=[
            {
                "id": "coordination",
                "title": "Crisis coordination",
                "description": "Consult at once.",
                "capability": "Operational coordination",
                "criteria": ["A call within the month"],
            },
            {"id": "resilience", "title": "Resilience", "description": "Ride out a storm.", "roles": ["seoul"]},
            {"id": "outreach", "title": "Outreach", "description": "Talk to the public."},
        ],
        actions=[
            action("hotline", roles=("seoul", "tokyo"), effects=[{"add": {"trust": 1}}], label="Hotline"),
            action("alert", roles=("seoul",), effects=[{"add": {"trust": 1}}], label="Alert"),
        ],
        shocks=[
            shock("launch", title=PLANT, trigger={"atTurn": 2}, tests=["coordination"], expectedActions=["hotline", "alert"]),
            shock("storm", title="Storm", tests=["resilience"], expectedActions=["alert"]),
        ],
    )
    document.update(parts)
    return document


def played(orders: list[dict[str, tuple[str, ...]]], notes: tuple[AddNote, ...] = ()) -> Session:
    session = Session.new(load(drill()), 1, clock=lambda: "2026-02-03T04:05:06Z")
    for turn_orders in orders:
        for role, actions in turn_orders.items():
            session.apply(SubmitOrders(role, actions))
        session.apply(Resolve())
    for note in notes:
        session.apply(note)
    return session


def test_each_team_is_met_partly_or_not_by_the_turn_it_fired_or_the_next() -> None:
    # turn 2 (the launch): Seoul calls; turn 3: Seoul alerts, Tokyo nothing; turn 4: Tokyo calls (too late)
    session = played([{}, {"seoul": ("hotline",)}, {"seoul": ("alert",)}, {"tokyo": ("hotline",)}])
    coordination = build_report(session).evaluation[0]
    [inject] = coordination.injects
    assert inject.title == PLANT and inject.expected_actions == ("Hotline", "Alert")
    [firing] = inject.firings
    assert firing.turn == 2
    assert [(r.team, r.verdict, r.taken, r.missed) for r in firing.responses] == [
        ("Seoul", "met", ("Hotline", "Alert"), ()),
        ("Tokyo", "not", (), ("Hotline",)),
    ]
    assert coordination.tested and coordination.capability == "Operational coordination"


def test_a_team_that_took_some_expected_actions_partly_met_it() -> None:
    session = played([{}, {"seoul": ("alert",), "tokyo": ("hotline",)}])
    [firing] = build_report(session).evaluation[0].injects[0].firings
    assert [(r.team, r.verdict) for r in firing.responses] == [("Seoul", "partly"), ("Tokyo", "met")]
    text = render_markdown(build_report(session))
    assert "partly met (did not take: Hotline); took Alert" in text


def test_an_inject_that_never_fired_and_an_objective_nothing_tests_are_said_plainly() -> None:
    report = build_report(played([{}, {}, {}, {}]))
    _, resilience, outreach = report.evaluation
    assert resilience.injects[0].firings == () and not resilience.tested
    assert outreach.injects == ()
    text = render_markdown(report)
    assert "Never tested in this game: none of the injects that test it fired." in text
    assert "No inject in the scenario tests this objective." in text
    assert "*It never fired.*" in text
    assert "Never tested in this game" in render_html(report)


def test_the_notes_tied_to_an_objective_are_grouped_by_tag_and_the_latest_rating_counts() -> None:
    notes = (
        AddNote("observation", "Tokyo waited for Washington.", objective="coordination"),
        AddNote("strength", "Seoul called within minutes.", objective="coordination"),
        AddNote("improvement", "Not about any objective."),
        AddNote("observation", "First thoughts.", objective="coordination", rating="M"),
        AddNote("observation", "Slow but complete.", 2, "coordination", "S"),
    )
    report = build_report(played([{}, {"seoul": ("hotline",)}], notes))
    coordination = report.evaluation[0]
    assert [(tag, [note.text for note in group]) for tag, group in coordination.notes] == [
        ("strength", ["Seoul called within minutes."]),
        ("observation", ["Tokyo waited for Washington."]),
    ]
    rating = coordination.rating
    assert rating is not None
    assert (rating.code, rating.reason, rating.turn_name) == ("S", "Slow but complete.", "Turn 2")
    text = render_markdown(report)
    assert "**Rating: S** (performed with some challenges, Turn 2): Slow but complete." in text
    assert report.evaluation[1].rating is None and "*Not rated.*" in text
    assert "Rating: S" in render_html(report)


def test_editions_list_the_objectives_but_never_the_injects_that_test_them_nor_the_evaluation() -> None:
    notes = (AddNote("strength", "PLANTED-NOTE", objective="coordination", rating="P"),)
    session = played([{}, {"seoul": ("hotline",)}], notes)
    for audience in (ROOM, Audience.team("seoul"), Audience.team("tokyo")):
        report = build_report(session, audience=audience)
        assert [item.title for item in report.evaluation] == ["Crisis coordination", "Resilience", "Outreach"]
        assert all(not item.evaluated and not item.injects and item.rating is None for item in report.evaluation)
        for text in (render_markdown(report), render_html(report)):
            assert "## Exercise objectives" in text or "Exercise objectives</h2>" in text
            assert "Consult at once." in text and "A call within the month" in text
            assert "Inject:" not in text and "PLANTED-NOTE" not in text and "Rating:" not in text
            assert "Evaluation of the exercise objectives" not in text
    assert "Inject: " + PLANT in render_markdown(build_report(session))


def test_a_scenario_without_exercise_objectives_has_no_such_section() -> None:
    session = Session.new(load(doc()), 1, clock=lambda: "2026-02-03T04:05:06Z")
    session.apply(Resolve())
    report = build_report(session)
    assert report.evaluation == ()
    assert "objectives</h2>" not in render_html(report).replace("Objectives met and missed", "")
    assert "exercise objectives" not in render_markdown(report).lower()


def test_the_facilitators_briefing_book_lists_the_objectives_with_the_injects_that_test_them() -> None:
    from engine.documents.briefing import briefing_book

    scenario = load(drill())
    markdown = briefing_book(scenario, "markdown")
    assert "## Exercise objectives" in markdown and "### Crisis coordination `coordination`" in markdown
    assert f"- **Tested by:** {PLANT} (expects: Hotline, Alert)" in markdown
    assert "- **Capability:** Operational coordination" in markdown and "  - A call within the month" in markdown
    assert "- **Concerns:** Seoul" in markdown  # resilience concerns Seoul alone
    assert "- **Tested by:** no inject: add its id to the tests of the shocks that test it" in markdown
    html = briefing_book(scenario, "html")
    assert 'href="#training"' in html and f"{PLANT} (expects: Hotline, Alert)" in html
    plain = briefing_book(load(doc()), "html")
    assert 'href="#training"' not in plain and "Exercise objectives" not in briefing_book(load(doc()), "markdown")
