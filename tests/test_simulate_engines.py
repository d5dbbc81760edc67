"""`whitecell simulate --engine auto|scalar|batch`: either engine gives the same report and rows.

The reports differ in the engine's line alone (text) and the ``engine`` key (JSON); ``auto``
takes the batch where it can play the scenario and bots and says why where it does not, and
``--engine batch`` where it cannot is a usage error that names the reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.batch.engines import EngineRefused, choose_engine, simulate_with
from engine.batch.known import KNOWN, unknown_form
from engine.batch.play import results
from engine.batch.state import Batch
from engine.bots import registry
from engine.bots.policies import GreedyPolicy, PassivePolicy, Policy, RandomPolicy
from engine.bots.report import format_report, report_json
from engine.bots.simulate import GameResult
from engine.core import model as m
from engine.core.rules import Game, compile_scenario
from engine.load.catalog import resolve_scenario
from tests.helpers import BUNDLED, game_of
from tests.strategies import scenario_documents
from tests.test_cli import run_here, usage_error


class OwnRandom(RandomPolicy):
    """A bot of one's own (a subclass of a built-in one): the batch plays built-in bots only."""

    name = "own-random"


@pytest.fixture
def own_bot(monkeypatch: pytest.MonkeyPatch) -> None:
    """``own-random`` registered for the test alone."""
    monkeypatch.setattr(registry, "_registered", {"own-random": OwnRandom})


def _without_engine(text: str) -> list[str]:
    lines = text.splitlines()
    engine = [n for n, line in enumerate(lines) if line.startswith(("Engine: ", '  "engine": '))]
    assert len(engine) == 1, "exactly one line names the engine"
    return lines[: engine[0]] + lines[engine[0] + 1 :]


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("policy", ["random", "passive", "seoul=passive"])
def test_both_engines_print_the_same_report_but_for_the_engine_line(
    capsys: pytest.CaptureFixture[str], name: str, policy: str
) -> None:
    for form in ([], ["--json"]):
        common = ["simulate", name, "--games", "150", "--seed", "3", "--policy", policy, *form]
        batch = run_here(capsys, *common, "--engine", "batch")
        scalar = run_here(capsys, *common, "--engine", "scalar")
        auto = run_here(capsys, *common)
        assert batch.returncode == scalar.returncode == auto.returncode == 0, batch.stderr + scalar.stderr
        assert auto.stdout == batch.stdout, "auto plays the batch when it can"
        assert _without_engine(batch.stdout) == _without_engine(scalar.stdout)
        assert batch.stdout != scalar.stdout
    assert json.loads(batch.stdout)["engine"] == "batch"
    assert json.loads(scalar.stdout)["engine"] == "scalar"
    assert json.loads(batch.stdout)["partial"] is False


@given(scenario_documents(), st.integers(0, 2**64 - 1), st.sampled_from(["random", "passive"]), st.integers(1, 7))
def test_generated_scenarios_give_the_same_report_text_from_either_engine(
    document: dict[str, Any], seed: int, bot: str, chunk: int
) -> None:
    game = game_of(document)
    policies: dict[str, Policy] = {role: RandomPolicy() if bot == "random" else PassivePolicy() for role in game.role_ids}
    batch = choose_engine(game, policies, "batch", chunk=chunk)
    scalar = choose_engine(game, policies, "scalar")
    assert (batch.engine, scalar.engine) == ("batch", "scalar")
    rows = {"batch": Results(), "scalar": Results()}
    texts = {}
    for choice in (batch, scalar):
        report = simulate_with(choice, game, 15, seed, policies, rows=rows[choice.engine])
        texts[choice.engine] = format_report(game, report, choice.run(15)) + report_json(report, choice.run(15))
    assert _lines_apart(texts["batch"], texts["scalar"]) == 2, "the text's engine line and the JSON's"
    assert rows["batch"].games == rows["scalar"].games
    assert len(rows["batch"].games) == 15 and rows["scalar"].chunks == 0 < rows["batch"].chunks


class Results:
    """A run's games as `GameResult`s, whichever engine hands them over (`simulate_with`'s ``rows``)."""

    def __init__(self) -> None:
        self.games: list[GameResult] = []
        self.chunks = 0

    def chunk(self, batch: Batch, first: int) -> None:
        assert first == len(self.games), "chunks come in order"
        self.chunks += 1
        self.games.extend(results(batch, first))

    def game(self, result: GameResult) -> None:
        self.games.append(result)


def _lines_apart(first: str, second: str) -> int:
    one, two = first.splitlines(), second.splitlines()
    assert len(one) == len(two)
    return sum(a != b for a, b in zip(one, two, strict=True))


@given(scenario_documents(formats=(2,)))
def test_format_2_is_batched_and_a_format_the_batch_does_not_know_goes_to_the_scalar_engine(document: dict[str, Any]) -> None:
    """Format 2 (its order rule within a turn, its newer forms) is on the batch's whitelist; a later one is not."""
    game = game_of(document)
    policies: dict[str, Policy] = {role: RandomPolicy() for role in game.role_ids}
    assert choose_engine(game, policies).engine == "batch"
    later = compile_scenario(attrs.evolve(game.scenario, format=3))
    choice = choose_engine(later, policies)
    assert choice.engine == "scalar" and choice.detail.endswith("Scenario.format = 3, which the batched engine does not play yet")
    with pytest.raises(EngineRefused, match="does not play yet"):
        choose_engine(later, policies, "batch")


@pytest.mark.parametrize(("name", "games"), [("missile-crisis", "230"), ("seoul-tokyo-2026", "90")])
def test_per_game_rows_are_the_same_from_either_engine(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, games: str
) -> None:
    """The batch writes its chunks from their arrays, the scalar engine game by game: the same file, byte for byte."""
    files = {}
    for engine in ("batch", "scalar"):
        files[engine] = tmp_path / f"{engine}.csv"
        per_game = ["--per-game", str(files[engine]), "--engine", engine]
        result = run_here(capsys, "simulate", name, "--games", games, "--seed", "4", *per_game)
        assert result.returncode == 0, result.stderr
    assert files["batch"].read_bytes() == files["scalar"].read_bytes()
    assert len(files["batch"].read_bytes().split(b"\r\n")) == int(games) + 2, "a header, a line a game, each ending in CRLF"


def test_auto_says_why_it_plays_the_scalar_engine(capsys: pytest.CaptureFixture[str], tmp_path: Path, own_bot: None) -> None:
    own = run_here(capsys, "simulate", "missile-crisis", "--games", "2", "--policy", "seoul=own-random")
    assert own.returncode == 0, own.stderr
    line = next(line for line in own.stdout.splitlines() if line.startswith("Engine: "))
    assert line.startswith("Engine: scalar (one game at a time, because ") and "'own-random'" in line
    greedy = run_here(capsys, "simulate", "missile-crisis", "--games", "2", "--policy", "seoul=greedy", "--json")
    assert greedy.returncode == 0, greedy.stderr
    assert json.loads(greedy.stdout)["engine"] == "batch"
    journaled = run_here(capsys, "simulate", "missile-crisis", "--games", "2", "--journal-dir", str(tmp_path / "j"), "--json")
    assert journaled.returncode == 0, journaled.stderr
    assert json.loads(journaled.stdout)["engine"] == "scalar"
    assert len(list((tmp_path / "j").iterdir())) == 2


def test_engine_batch_where_it_cannot_play_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, own_bot: None
) -> None:
    own = run_here(capsys, "simulate", "missile-crisis", "--games", "2", "--engine", "batch", "--policy", "own-random")
    usage_error(own, "'own-random'")
    journaled = run_here(capsys, "simulate", "--games", "2", "--engine", "batch", "--journal-dir", str(tmp_path / "j"))
    usage_error(journaled, "journaled")
    assert not (tmp_path / "j").exists(), "refused before any journal is opened"
    usage_error(run_here(capsys, "simulate", "--games", "2", "--engine", "numba"), "--engine")


@attrs.frozen
class Phase:
    """A condition form the batch has never heard of."""

    name: str


@attrs.frozen
class LaterAction(m.Action):
    """An action with a field added after the batch was written."""

    phase: str | None = None


def _missile_crisis() -> Game:
    return compile_scenario(resolve_scenario("missile-crisis"))


def test_forms_the_batch_does_not_know_fall_to_the_scalar_engine() -> None:
    """`can_batch` is a whitelist: an unknown class, or a new field in use, goes scalar by construction."""
    game = _missile_crisis()
    scenario = game.scenario
    assert unknown_form(scenario) is None
    first = scenario.actions[0]
    unknown = attrs.evolve(first, requires=m.AllOf((m.TurnTest(m.Comparison(at_least=1)), Phase("night"))))  # type: ignore[arg-type]
    found = unknown_form(attrs.evolve(scenario, actions=(unknown, *scenario.actions[1:])))
    assert found is not None and "Phase" in found
    unused = LaterAction(**attrs.asdict(first, recurse=False))
    later = attrs.evolve(scenario, actions=(unused, *scenario.actions[1:]))
    found = unknown_form(later)
    assert found is not None and "LaterAction" in found, "a class the list does not name"
    known = {**KNOWN, LaterAction: KNOWN[m.Action]}
    assert unknown_form(later, known) is None, "a new field left at its default is not in use"
    found = unknown_form(attrs.evolve(scenario, actions=(attrs.evolve(unused, phase="night"), *scenario.actions[1:])), known)
    assert found is not None and "LaterAction.phase" in found
    checked = attrs.evolve(scenario.roles[0].objectives[0], check="phase")  # type: ignore[arg-type]
    role = attrs.evolve(scenario.roles[0], objectives=(checked, *scenario.roles[0].objectives[1:]))
    found = unknown_form(attrs.evolve(scenario, roles=(role, *scenario.roles[1:])))
    assert found is not None and "'phase'" in found


def test_choosing_the_engine() -> None:
    game = _missile_crisis()
    random: dict[str, Policy] = {role: RandomPolicy() for role in game.role_ids}
    greedy: dict[str, Policy] = {role: GreedyPolicy() for role in game.role_ids}
    own: dict[str, Policy] = {role: OwnRandom() for role in game.role_ids}
    assert choose_engine(game, random).engine == "batch"
    assert choose_engine(game, greedy).engine == "batch"
    assert choose_engine(game, random, journaled=True).engine == "scalar"
    fallback = choose_engine(game, own)
    assert fallback.engine == "scalar" and fallback.detail.startswith("one game at a time, because ")
    assert choose_engine(game, random, "scalar").engine == "scalar"
    with pytest.raises(EngineRefused, match="own-random"):
        choose_engine(game, own, "batch")
    with pytest.raises(ValueError, match="unknown engine"):
        choose_engine(game, random, "fast")


def test_a_run_stopped_early_reports_the_games_finished() -> None:
    """Asked to stop, each engine ends after the game or chunk in hand; the report says so."""
    game = _missile_crisis()
    policies: dict[str, Policy] = {role: RandomPolicy() for role in game.role_ids}
    for choice, played in ((choose_engine(game, policies, "scalar"), 1), (choose_engine(game, policies, chunk=40), 40)):
        report = simulate_with(choice, game, 100, 5, policies, stop=lambda: True)
        assert report.games == played
        assert report == simulate_with(choose_engine(game, policies, "scalar"), game, played, 5, policies)
        text = format_report(game, report, choice.run(100))
        assert f"Stopped early (Ctrl-C): {played} of 100 games finished" in text
        data = json.loads(report_json(report, choice.run(100)))
        assert (data["games"], data["partial"], data["gamesRequested"]) == (played, True, 100)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads through /proc")
def test_simulate_pins_numpy_to_one_blas_thread() -> None:
    """numpy's OpenBLAS starts its threads as numpy loads; simulate sets the variables before it does."""
    code = (
        "import os, sys; from engine.cli.main import main; status = main(['simulate', '--games', '3']);"
        "assert 'numpy' in sys.modules; print('threads', len(os.listdir('/proc/self/task')), os.environ['OPENBLAS_NUM_THREADS'])"
    )
    env = {key: value for key, value in os.environ.items() if not key.endswith("NUM_THREADS")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True, env=env)
    assert done.stdout.splitlines()[-1] == "threads 1 1"


def test_workers_give_the_same_report() -> None:
    """Chunks played in two processes merge to the report of one, whatever order they finish in."""
    game = _missile_crisis()
    policies: dict[str, Policy] = {game.role_ids[0]: RandomPolicy(), game.role_ids[1]: PassivePolicy()}
    alone = simulate_with(choose_engine(game, policies, chunk=40), game, 230, 8, policies)
    together = choose_engine(game, policies, chunk=40, workers=2)
    assert together.detail == "numpy arrays, 40 games at a time, in 2 processes"
    assert simulate_with(together, game, 230, 8, policies) == alone


def test_workers_on_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, own_bot: None) -> None:
    one = run_here(capsys, "simulate", "missile-crisis", "--games", "300", "--json")
    two = run_here(capsys, "simulate", "missile-crisis", "--games", "300", "--json", "--workers", "2")
    assert two.returncode == 0, two.stderr
    assert _without_engine(two.stdout) == _without_engine(one.stdout)
    assert json.loads(two.stdout)["engine"] == "batch"
    own = run_here(capsys, "simulate", "missile-crisis", "--games", "2", "--workers", "2", "--policy", "seoul=own-random")
    usage_error(own, "--workers plays the batched engine's chunks at once; this run is the scalar one's")
    rows = run_here(capsys, "simulate", "--games", "2", "--workers", "2", "--per-game", str(tmp_path / "rows.csv"))
    usage_error(rows, "--per-game rows come from one process")


def test_phases_change_nothing_so_the_batch_plays_a_phased_scenario() -> None:
    """Phases are for the people running a game (docs/scenario-guide.md): the batch plays a phased
    format 1 scenario game for game as the scalar engine does, and as it plays the scenario without them."""
    from engine import simulate
    from engine.load.loader import parse_document, scenario_from_parsed
    from tests.helpers import text_of

    document = json.loads(json.dumps(resolve_scenario("missile-crisis").document))
    document["phases"] = [
        {"id": "first", "title": "The crisis breaks", "from": 1, "to": 3, "briefing": "Launches.", "hotwash": True},
        {"id": "second", "title": "Pressure", "from": 4, "to": document["turns"]["count"]},
    ]
    scenario = scenario_from_parsed(parse_document(text_of(document), "phased.json"), "phased.json")
    assert scenario.phases and unknown_form(scenario) is None
    batch = list(simulate(scenario, games=200, seed=4, engine="batch"))
    scalar = list(simulate(scenario, games=200, seed=4, engine="scalar"))
    assert batch == scalar
    assert batch == list(simulate("missile-crisis", games=200, seed=4)), "the same games as without phases"
