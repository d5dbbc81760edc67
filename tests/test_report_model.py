"""The report model on tiny inline scenarios, where every number can be worked out by hand."""

from __future__ import annotations

from typing import Any

from engine.core import events as ev
from engine.core.commands import AddNote, AdjustVariable, EndExercise, InjectShock, Redo, Resolve, SubmitOrders, Undo
from engine.documents.report import build_report, render_html, render_markdown
from engine.documents.report.model import ChangeLine, LogLine, Report
from engine.journal.format import Settings
from engine.journal.session import Session
from tests.helpers import action, doc, load, shock, variable

BANDS = [
    {"id": "low", "label": "Low", "from": 0, "tone": "critical"},
    {"id": "ok", "label": "OK", "from": 40, "tone": "good"},
]


def tiny(**parts: Any) -> dict[str, Any]:
    """Trust (0..100 from 50, banded), a facilitator-only 'calm' where lower is better, a
    Seoul-only 'mood'; Seoul boosts trust, Tokyo hits it; a joint summit; a crash in turn 2."""
    document = doc(
        turns={"count": 3},
        roles=[
            {
                "id": "seoul",
                "name": "Seoul",
                "budget": 2,
                "objectives": [
                    {"id": "keep", "description": "Trust at least 40.", "condition": {"var": "trust", "atLeast": 40}},
                    {
                        "id": "high",
                        "description": "Trust at least 90.",
                        "condition": {"var": "trust", "atLeast": 90},
                        "weight": 2,
                    },
                ],
            },
            {"id": "tokyo", "name": "Tokyo", "budget": 2},
        ],
        variables=[
            {"id": "trust", "label": "Trust", "min": 0, "max": 100, "initial": 50, "bands": BANDS},
            variable("calm", 30, visibility="facilitator", polarity="lower-is-better", label="Calm"),
            variable("mood", 50, visibility="seoul", label="Mood"),
        ],
        actions=[
            action("boost", ["seoul"], [{"add": {"trust": 5}}]),
            action("hit", ["tokyo"], [{"add": {"trust": -8, "calm": 3}}]),
            action("dip", ["tokyo"], [{"add": {"trust": -5}}]),
            action("summit", ["seoul", "tokyo"], [{"add": {"trust": 2}}], joint=True, unmatched=[{"add": {"trust": -1}}]),
        ],
        shocks=[
            shock(
                "crash",
                title="Market crash",
                category="economic",
                narrative="Markets *fall* hard.",
                trigger={"atTurn": 2},
                effects=[{"add": {"trust": -10}}],
                expectedActions=["boost", "summit"],
                expectedResponse="Seoul steadies things.",
            ),
            shock("storm", title="Storm", narrative="A storm."),
        ],
    )
    document.update(parts)
    return document


def session_of(document: dict[str, Any], *, settings: Settings | None = None) -> Session:
    return Session.new(load(document), 1, settings=settings, clock=lambda: "2026-02-03T04:05:06Z")


def play(session: Session, turns: list[dict[str, tuple[str, ...]]]) -> None:
    for orders in turns:
        for role, actions in orders.items():
            session.apply(SubmitOrders(role, actions))
        session.apply(Resolve())


def standard() -> tuple[Session, Report]:
    """Turn 1: Seoul boosts (+5). Turn 2: the crash (−10), Seoul boosts (+5), Tokyo hits (−8).
    Turn 3: the facilitator sets trust to 60 (+18), Seoul's summit goes unanswered (−1)."""
    session = session_of(tiny(), settings=Settings(bots=(("tokyo", "greedy"),)))
    play(session, [{"seoul": ("boost",)}, {"seoul": ("boost",), "tokyo": ("hit",)}])
    session.apply(AdjustVariable("trust", 60, "a white cell ruling"))
    session.apply(SubmitOrders("seoul", ("summit",)))
    session.apply(Resolve())
    return session, build_report(session)


def test_series_are_the_values_at_the_start_and_at_each_turns_end() -> None:
    _, report = standard()
    trust = report.series[0]
    assert trust.values == (50, 55, 42, 59)
    assert report.point_labels == ("start", "1", "2", "3")
    assert report.point_names == ("the start", "Turn 1", "Turn 2", "Turn 3")
    assert report.series[1].values == (30, 30, 33, 33)


def test_key_moments_are_the_largest_swing_of_each_variable_with_its_main_causes() -> None:
    _, report = standard()
    assert [moment.variable for moment in report.key_moments] == ["trust", "calm"]  # 17/100 before 3/100
    trust, calm = report.key_moments
    assert (trust.turn, trust.before, trust.after, trust.delta, trust.point) == (3, 42, 59, 17, 3)
    assert [(item.cause, item.delta) for item in trust.causes] == [
        ("facilitator: a white cell ruling", 18),
        ("Seoul's unanswered proposal: Action summit", -1),
    ]
    assert trust.direction == "good" and trust.others == 0
    assert (calm.turn, calm.delta, calm.direction) == (2, 3, "bad")  # lower is better
    assert [(item.cause, item.delta) for item in calm.causes] == [("Tokyo's Action hit", 3)]


def test_key_moment_causes_are_ordered_by_size_and_the_rest_counted() -> None:
    session = session_of(tiny())
    play(session, [{"seoul": ("boost",)}, {"seoul": ("boost", "summit"), "tokyo": ("hit",)}])
    moment = build_report(session).key_moments[0]
    assert (moment.turn, moment.delta) == (2, -14)
    assert [(item.cause, item.delta) for item in moment.causes] == [
        ("Market crash", -10),
        ("Tokyo's Action hit", -8),
        ("Seoul's Action boost", 5),
    ]
    assert moment.others == 1  # the unanswered summit (−1)


def test_a_tie_between_swings_goes_to_the_earliest_and_still_variables_have_no_moment() -> None:
    session = session_of(tiny(shocks=[]))
    play(session, [{"seoul": ("boost",)}, {"tokyo": ("dip",)}, {}])
    report = build_report(session)
    assert [(moment.variable, moment.turn, moment.delta) for moment in report.key_moments] == [("trust", 1, 5)]


def test_changes_with_the_same_cause_are_compacted_and_none_is_lost() -> None:
    session, report = standard()
    turn2 = report.turns[1]
    lines = [entry for entry in turn2.log if isinstance(entry, ChangeLine)]
    assert [(line.cause, [change.text for change in line.changes]) for line in lines] == [
        ("Market crash", ["Trust 55 → 45 (−10)"]),
        ("Seoul's Action boost", ["Trust 45 → 50 (+5)"]),
        ("Tokyo's Action hit", ["Trust 50 → 42 (−8)", "Calm 30 → 33 (+3)"]),
    ]
    assert [change.direction for change in lines[2].changes] == ["bad", "bad"]
    every = [event for event in session.events() if isinstance(event, ev.Changed | ev.ResourceChanged)]
    logged = [change for turn in report.turns for line in turn.log if isinstance(line, ChangeLine) for change in line.changes]
    assert len(logged) == len(every)


def test_a_change_held_at_a_bound_is_worded_as_the_log_words_it() -> None:
    document = tiny(shocks=[])
    document["variables"][0]["initial"] = 98
    session = session_of(document)
    play(session, [{"seoul": ("boost",)}])
    line = next(entry for entry in build_report(session).turns[0].log if isinstance(entry, ChangeLine))
    assert line.changes[0].text == "Trust 98 → 100 (+2, +5 asked, held at the bound)"


def test_shocks_carry_their_narrative_and_who_took_the_expected_actions() -> None:
    _, report = standard()
    (card,) = report.turns[1].shocks
    assert (card.title, card.category, card.why, card.injected) == ("Market crash", "economic", None, False)
    assert card.expected_response == "Seoul steadies things."
    boost, summit = card.expected_actions
    assert [(taker.role, taker.turn) for taker in boost.taken_by] == [("Seoul", "Turn 2")]
    assert summit.taken_by == ()
    markdown, html = render_markdown(report), render_html(report)
    assert "Action boost (taken by Seoul in Turn 2)" in markdown
    assert "Action summit (not taken)" in markdown
    assert "Markets *fall* hard." in markdown and "Markets <em>fall</em> hard." in html


def test_decisions_are_the_orders_resolved_and_joint_results_are_listed() -> None:
    _, report = standard()
    first = {decision.role: (decision.actions, decision.submitted) for decision in report.turns[0].decisions}
    assert first == {"seoul": (("Action boost",), True), "tokyo": ((), False)}
    assert [decision.played_by for decision in report.turns[0].decisions] == ["players", "greedy bot"]
    assert report.turns[2].joint == ("Seoul proposes Action summit, unanswered",)
    assert report.turns[2].facilitator == ("Set Trust to 60 (was 42): a white cell ruling",)
    assert report.turns[2].ending == "The game ends: Done (after the last turn)"
    assert all(turn.resolved for turn in report.turns)


def test_objectives_are_met_or_missed_and_scored() -> None:
    _, report = standard()
    seoul = report.objectives[0]
    assert [(item.description, item.met, item.weight, item.check) for item in seoul.objectives] == [
        ("Trust at least 40.", True, 1, "at the end"),
        ("Trust at least 90.", False, 2, "at the end"),
    ]
    assert (seoul.score, seoul.max_score) == (1, 3)
    team = report.overview.teams[0]
    assert (team.score, team.max_score, team.met, team.objectives) == (1, 3, 1, 2)
    assert report.overview.outcome is not None and report.overview.outcome.title == "Done"


def test_notes_go_to_their_sections_and_improvements_to_the_plan() -> None:
    session = session_of(tiny())
    session.apply(AddNote("strength", "Quick consultation."))
    session.apply(AddNote("improvement", "Slow press line."))
    play(session, [{}])
    session.apply(AddNote("observation", "Teams argued."))
    session.apply(AddNote("lesson", "Talk early."))
    play(session, [{}, {}])
    session.apply(AddNote("improvement", "Hotwash: clearer injects."))
    report = build_report(session)
    assert [note.text for note in report.notes_tagged("strength")] == ["Quick consultation."]
    assert [(note.text, note.turn, note.after_end) for note in report.notes_tagged("improvement")] == [
        ("Slow press line.", 1, False),
        ("Hotwash: clearer injects.", 3, True),
    ]
    assert [(row.number, row.issue, row.turn_name, row.action, row.owner, row.due) for row in report.plan] == [
        (1, "Slow press line.", "Turn 1", "", "", ""),
        (2, "Hotwash: clearer injects.", "Turn 3", "", "", ""),
    ]
    assert [note.text for note in report.turns[1].notes] == ["Teams argued.", "Talk early."]
    assert report.record is not None
    assert dict(report.record.notes_by_tag) == {"observation": 1, "strength": 1, "improvement": 2, "lesson": 1}


def test_the_session_record_counts_undos_and_lists_the_facilitators_interventions() -> None:
    session = session_of(tiny())
    session.apply(SubmitOrders("seoul", ("boost",)))
    session.apply(Undo())
    session.apply(InjectShock("storm", "to see what they do"))
    session.apply(AdjustVariable("trust", 70, "ruling"))
    session.apply(Undo())
    session.apply(Redo())
    session.apply(AdjustVariable("calm", 10, "thrown away"))
    session.apply(Undo())
    session.apply(Resolve())
    report = build_report(session)
    record = report.record
    assert record is not None
    assert (record.journaled, record.in_effect, record.undos, record.redos, record.taken_back) == (9, 3, 3, 1, 2)
    assert [(item.variable, item.before, item.after, item.reason) for item in record.overrides] == [("Trust", 50, 70, "ruling")]
    assert [(item.shock, item.reason, item.turn_name) for item in record.injections] == [
        ("Storm", "to see what they do", "Turn 1")
    ]
    card = report.turns[0].shocks[0]
    assert (card.title, card.injected, card.why) == ("Storm", True, "facilitator: to see what they do")
    assert report.turns[0].facilitator == ("Injected Storm: to see what they do", "Set Trust to 70 (was 50): ruling")
    assert report.turns[0].decisions[0].submitted is False  # the undone orders are not a decision
    assert "thrown away" not in render_markdown(report) and "thrown away" not in render_html(report)


def test_an_exercise_ended_by_the_facilitator_says_so() -> None:
    session = session_of(tiny())
    play(session, [{"seoul": ("boost",)}])
    session.apply(EndExercise("out of time"))
    report = build_report(session)
    assert report.record is not None and report.record.ended_by_facilitator == "out of time"
    assert report.turns[-1].facilitator == ("Ended the exercise: out of time",)
    assert report.overview.outcome is not None
    assert report.overview.outcome.reason == "The facilitator ended the game: out of time."
    assert not report.turns[-1].resolved and report.turns[-1].decisions == ()
    assert "This turn was not resolved." in render_markdown(report)


def test_a_session_still_in_progress_reports_what_happened_so_far() -> None:
    session = session_of(tiny())
    play(session, [{"seoul": ("boost",)}])
    session.apply(SubmitOrders("tokyo", ("hit",)))
    report = build_report(session)
    assert not report.overview.ended and report.overview.outcome is None
    assert report.overview.turns_played == 2
    turn = report.turns[-1]
    assert not turn.resolved
    assert [(decision.role, decision.actions, decision.submitted) for decision in turn.decisions] == [
        ("seoul", (), False),
        ("tokyo", ("Action hit",), True),
    ]
    markdown, html = render_markdown(report), render_html(report)
    assert "Orders waiting to be resolved" in markdown and "Orders waiting to be resolved" in html
    assert "not decided: the game had not ended" in markdown and "Not decided" in html
    assert "2 of 3 turns (in progress when the report was written)" in markdown


def test_who_saw_each_variable_is_recorded() -> None:
    _, report = standard()
    assert [(series.visibility, series.facilitator_only) for series in report.series] == [
        ("everyone", False),
        ("facilitator only", True),
        ("Seoul only", False),
    ]
    html = render_html(report)
    assert "facilitator only during play" in html and "Seoul only during play" in html


def test_the_overview_shows_only_the_time_the_journal_recorded() -> None:
    session, report = standard()
    assert report.overview.created == "2026-02-03T04:05:06Z"
    assert "3 February 2026, 04:05 UTC" in render_markdown(report)
    session.header["created"] = {"not": "text"}  # an untrusted header
    assert build_report(session).overview.created == "not recorded"


def test_log_lines_keep_other_events_in_order() -> None:
    document = tiny()
    document["shocks"][0]["effects"] = [{"say": "Brokers <panic>."}, {"add": {"trust": -10}}]
    session = session_of(document)
    play(session, [{}, {}])
    report = build_report(session)
    lines = report.turns[1].log
    assert isinstance(lines[0], LogLine) and lines[0].kind == "narrated" and lines[0].text == "Brokers <panic>."
    assert "Brokers &lt;panic&gt;." in render_html(report)
    assert "Brokers \\<panic\\>." in render_markdown(report)


def test_notices_are_shown_at_the_top_of_both_formats() -> None:
    session, _ = standard()
    report = build_report(session, notices=["the journal stops at line 9: <damaged>"])
    assert report.notices == ("the journal stops at line 9: <damaged>",)
    markdown, html = render_markdown(report), render_html(report)
    assert "> **Note:** the journal stops at line 9: \\<damaged\\>" in markdown
    assert "the journal stops at line 9: &lt;damaged&gt;" in html
    assert markdown.index("**Note:**") < markdown.index("## Overview")
