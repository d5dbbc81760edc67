"""The bot registry: built-in bots, a program's own, and a package's declared under entry points."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.bots import registry
from engine.bots.registry import BUILT_IN, UnknownBot, bot_names, make_bot, register_bot
from engine.bots.simulate import play
from engine.core.rules import compile_scenario
from engine.core.view import View
from engine.journal.codes import JournalError
from engine.journal.format import Settings
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario


class FirstAvailable:
    """Orders the first action it may take: a program's own bot."""

    name = "first-available"
    description = "the first available action"

    def choose(self, view: View, role: str) -> tuple[str, ...]:
        from engine.core.availability import action_options

        return next(((option.action,) for option in action_options(view, role) if option.available), ())


@pytest.fixture
def clean_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(registry, "_registered", {})
    registry._declared.cache_clear()
    yield
    registry._declared.cache_clear()


def _package_with_a_bot(folder: Path, body: str) -> None:
    """A package installed on sys.path the way pip leaves one: a module and its dist-info."""
    (folder / "visiting_bots.py").write_text(textwrap.dedent(body), encoding="utf-8")
    info = folder / "visiting_bots-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: visiting-bots\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[whitecell.bots]\ncautious = visiting_bots:Cautious\n", encoding="utf-8")


def test_built_in_bots_come_first_and_each_is_made_by_name(clean_registry: None) -> None:
    assert bot_names()[:3] == ("random", "greedy", "passive") == tuple(BUILT_IN)
    assert [make_bot(name).name for name in BUILT_IN] == list(BUILT_IN)


def test_an_unknown_name_lists_the_bots_there_are(clean_registry: None) -> None:
    with pytest.raises(UnknownBot, match=r"unknown bot 'genius' \(known: random, greedy, passive\)"):
        make_bot("genius")


def test_a_program_registers_its_own_bot_and_plays_with_it(clean_registry: None) -> None:
    register_bot("first-available", FirstAvailable)
    assert "first-available" in bot_names()
    game = compile_scenario(resolve_scenario("seoul-tokyo-2026"))
    record = play(game, 3, {role: make_bot("first-available") for role in game.role_ids})
    assert record.final.ended
    assert sum(map(sum, record.final.uses)) > 0


@pytest.mark.parametrize("name", ["random", "", "two words", "semi;colon"])
def test_a_registered_name_is_new_and_plain(clean_registry: None, name: str) -> None:
    with pytest.raises(ValueError, match=r"built-in|letters"):
        register_bot(name, FirstAvailable)


def test_a_package_adds_a_bot_through_an_entry_point(
    clean_registry: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _package_with_a_bot(
        tmp_path,
        """
        class Cautious:
            name = "cautious"
            description = "never acts"

            def choose(self, view, role):
                return ()
        """,
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "visiting_bots", raising=False)
    assert bot_names() == ("random", "greedy", "passive", "cautious")
    assert make_bot("cautious").name == "cautious"


def test_a_package_whose_bot_fails_to_load_is_named_in_the_error(
    clean_registry: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _package_with_a_bot(tmp_path, "raise RuntimeError('half installed')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "visiting_bots", raising=False)
    with pytest.raises(UnknownBot, match=r"the bot 'cautious' \(visiting_bots:Cautious.*does not load: half installed"):
        make_bot("cautious")


def test_a_journal_played_by_a_bot_this_machine_lacks_replays_but_does_not_resume(
    clean_registry: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register_bot("first-available", FirstAvailable)
    path = tmp_path / "game.jsonl"
    scenario = resolve_scenario("seoul-tokyo-2026")
    session = Session.new(scenario, 2, path, settings=Settings(bots=(("tokyo", "first-available"),)), durable=False)
    session.close()
    monkeypatch.setattr(registry, "_registered", {})
    replayed, problems = Session.replay(open_journal(path))
    assert problems == [] and replayed.settings.bots == (("tokyo", "first-available"),)
    with pytest.raises(JournalError) as raised:
        Session.resume(path)
    [diagnostic] = raised.value.diagnostics
    assert diagnostic.code == "journal-header"
    assert "unknown bot 'first-available' for 'tokyo'" in diagnostic.message
    assert "cannot resume without it" in diagnostic.message
