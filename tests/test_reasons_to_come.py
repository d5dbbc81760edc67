"""Why an action is locked, as a team or the room reads it: a shock that opens the action is named
only once it has fired, since what is still to come is the white cell's (issue 12's hide-mode and
seat checks; the white cell always reads the shock's title)."""

from __future__ import annotations

from engine.audience.console import role_views
from engine.audience.observation import observe
from engine.audience.reasons import HIDDEN_SHOCK
from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.core.commands import Resolve
from engine.core.view import View
from engine.journal.session import Session
from tests.helpers import action, doc, load, shock

DOCUMENT = doc(
    turns={"count": 5},
    actions=[action("accept", ("seoul",), [{"add": {"trust": 1}}], label="Accept the offer", unlockedBy=["offer"])],
    shocks=[shock("offer", title="Zqx offer from abroad", trigger={"atTurn": 2}, duration=1)],
)


def _reasons(session: Session) -> dict[str, str | None]:
    seen = observe(View(session.game, session.state), session.events(), "seoul").actions[0].reason
    by_audience: dict[str, str | None] = {"seoul seat": seen}
    for name, audience in (("white cell", WHITE_CELL), ("room", ROOM), ("seoul", Audience.team("seoul"))):
        seoul = next(view for view in role_views(session, audience) if view.id == "seoul")
        by_audience[name] = seoul.options[0].reason
    return by_audience


def test_a_shock_still_to_come_is_not_named_and_one_that_fired_is() -> None:
    session = Session.new(load(DOCUMENT), 1)
    before = _reasons(session)
    assert before["white cell"] == "only while Zqx offer from abroad is in progress"
    for name in ("seoul seat", "room", "seoul"):
        assert before[name] == f"only while {HIDDEN_SHOCK} is in progress", name
    session.apply(Resolve())  # month 2 opens: the offer fires, and the action is open
    assert all(reason is None for reason in _reasons(session).values())
    session.apply(Resolve())  # over: locked again, and now everyone has met the offer
    after = _reasons(session)
    assert set(after.values()) == {"only while Zqx offer from abroad is in progress"}
