"""`whitecell docs`: the briefing book says everything a facilitator needs, in words, and never lets
scenario text become Markdown structure or HTML."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.core import model as m
from engine.documents.briefing import book_format_for, briefing_book, build_book
from engine.documents.kit.markdown import escape
from engine.load.catalog import bundled
from engine.prose.effects import percent, trigger_phrase
from engine.templates import build
from engine.templates.roles import parse_roles
from tests.helpers import load
from tests.test_cli import run, run_here

BUNDLED = [item.name for item in bundled()]
FULL = load(build("full", "tour", parse_roles("seoul,tokyo")))


@pytest.mark.parametrize("name", BUNDLED)
def test_the_book_names_every_action_shock_variable_and_band(name: str) -> None:
    scenario = next(item for item in bundled() if item.name == name).load()
    markdown = briefing_book(scenario)
    page = briefing_book(scenario, "html")
    names = [action.label for action in scenario.actions] + [shock.title for shock in scenario.shocks]
    names += [var.label for var in scenario.variables] + [band.label for var in scenario.variables for band in var.bands]
    names += [role.name for role in scenario.roles] + [outcome.title for outcome in scenario.outcomes]
    for label in names:
        assert escape(label) in markdown, label
        assert html.escape(label) in page, label
    for shock in scenario.shocks:
        assert f"`{shock.id}`" in markdown
        assert f'id="shock-{shock.id}"' in page


@pytest.mark.parametrize("name", BUNDLED)
def test_the_events_list_has_a_row_per_shock(name: str) -> None:
    scenario = next(item for item in bundled() if item.name == name).load()
    lines = briefing_book(scenario).splitlines()
    header = lines.index("| Turn or window | Shock | Category | Trigger | Expected player actions | Facilitator notes |")
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    assert len(rows) == len(scenario.shocks)
    for row, shock in zip(rows, scenario.shocks, strict=True):
        assert f"`{shock.id}`" in row and f"| {shock.category} |" in row


def test_every_effect_and_trigger_kind_is_put_in_words() -> None:
    markdown = briefing_book(FULL)
    for words in (
        "Bilateral trust +3, Regional tension −2",  # add
        "Alert level set to 3",  # set
        "Alert level moves toward 1 by at most 1",  # drift
        "Seoul's Political capital −1",  # gain
        "with a 70% chance (The summit ends with a joint statement):",  # chance
        "75%: It falls outside both exclusive economic zones",  # pick
        "if Seoul's Political capital below 1:",  # if + resource condition
        "The Security Council votes on new sanctions happens 1 month later",  # schedule
        "may now happen by itself (armed)",  # enable
        "can no longer happen by itself (disarmed)",  # disable
        "ends now, without its effects on expiry",  # endShock
        "the log says: “The missile falls into the open sea.”",  # say
        "at the start of month 2",  # atTurn
        "in months 2 to 5, with a 30% chance each month, and surely by month 5 if not before",  # window, chance, guaranteed
        "in months 3 to 6, when Bilateral trust below 55; up to 2 times",  # when, maxFires
        "disarmed at the start until armed by",  # enabled false
        "follows Ballistic missile launch into the East Sea/Sea of Japan (2 months later, 50% chance)",  # follow-up
        "only while Coast guard standoff near disputed waters is in progress",  # unlockedBy
        "at most once per team in a game",  # limit
        "after use, not again for 2 months",  # cooldown
        "not in the same month as Consult the other capitals before acting",  # excludes
        "2 action points and 2 Political capital",  # cost and spend
        "If the others do not join",  # unmatched
        "It stays in progress for 3 months",  # duration
        "When it runs its course",  # onExpire
        "the facilitator only (hidden from the room)",  # visibility
        "Seoul and the facilitator",  # visibility of a role
        "Crisis 0 to 29 (critical)",  # bands
        "at least once, after any month",  # objective check
    ):
        assert escape(words) in markdown, words


def test_phrases() -> None:
    assert percent(0.3) == "30%"
    assert percent(1 / 3) == "33.3%"
    assert percent(1) == "100%"
    assert trigger_phrase(FULL, m.Trigger(chance=0.25)) == "with a 25% chance each month"
    assert trigger_phrase(FULL, m.Trigger(start=4)) == "in months 4 to 6"


def test_formats_come_from_the_file_name() -> None:
    assert book_format_for(Path("a.md")) == "markdown"
    assert book_format_for(Path("A.HTML")) == "html"
    with pytest.raises(ValueError, match=r"\.md .*\.html"):
        book_format_for(Path("a.pdf"))


def test_the_book_is_deterministic() -> None:
    assert briefing_book(FULL, "html") == briefing_book(FULL, "html")
    assert build_book(FULL) == build_book(FULL)


# --- untrusted text ---------------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=24)
NASTY = st.builds(lambda a, b: f"{a}<{b}", TEXT, st.sampled_from(["script>alert(1)</script>", "b>", "img src=x>", "!--", "a"]))

OUR_TAGS = (
    "!DOCTYPE|html|head|meta|title|style|body|div|header|p|h1|h2|h3|h4|h5|h6|dl|dt|dd|nav|ol|ul|li|a|main|section|"
    "article|code|table|thead|tbody|tr|th|td|span|strong|em|br|footer"
)
OUR_TAG = re.compile(rf"</?(?:{OUR_TAGS})(?=[\s>])[^<>]*>")


def _with_text(texts: list[str]) -> dict[str, Any]:
    """The minimal template with scenario text everywhere a facilitator reads it."""
    document = build("minimal", "probe", parse_roles("seoul,tokyo"))
    t = itertools.cycle(texts)
    document.update(title=next(t), summary=next(t), briefing=f"# {next(t)}\n\n{next(t)}\n\n- {next(t)}\n")
    document["turns"]["label"] = next(t)
    for role in document["roles"]:
        role.update(name=next(t), description=next(t))
        role["objectives"][0]["description"] = next(t)
    variable = document["variables"][0]
    variable.update(label=next(t), description=next(t), unit=next(t))
    variable["bands"] = [{"id": "low", "label": next(t), "from": 0}, {"id": "high", "label": next(t), "from": 50}]
    for action in document["actions"]:
        action.update(label=next(t), description=next(t))
    shock = document["shocks"][0]
    shock.update(title=next(t), narrative=next(t), source=next(t), facilitatorNotes=next(t), expectedResponse=next(t))
    shock["effects"].append({"say": next(t)})
    for outcome in document["outcomes"]:
        outcome.update(title=next(t), description=next(t))
    return document


@given(st.lists(NASTY, min_size=3, max_size=6))
def test_scenario_text_never_becomes_html(texts: list[str]) -> None:
    page = briefing_book(load(_with_text(texts)), "html")
    leftover = OUR_TAG.sub("", page)
    assert "<" not in leftover
    for text in texts:
        # Looked for outside the page's own tags: a text such as "\n<a" is part of our "\n<article>".
        assert text not in leftover


@given(st.lists(NASTY, min_size=3, max_size=6))
def test_scenario_text_never_becomes_markdown_structure(texts: list[str]) -> None:
    markdown = briefing_book(load(_with_text(texts)))
    assert re.search(r"(?<!\\)<", markdown) is None
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)
            assert len(cells) in (5, 6, 7, 8), line  # 3 to 6 columns: no cell adds one of its own


# --- the command ------------------------------------------------------------------------------


def test_docs_prints_markdown_for_a_bundled_name(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_here(capsys, "docs", "missile-crisis")
    assert result.returncode == 0
    assert result.stdout.startswith("# Briefing book: Missile Crisis")
    assert "## Events list" in result.stdout


def test_docs_writes_html_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "book.html"
    assert run_here(capsys, "docs", "history-flare-up", "-o", str(target)).returncode == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "src=" not in page and 'href="http' not in page, "one self-contained page"
    assert "@media print" in page
    refused = run_here(capsys, "docs", "missile-crisis", "-o", str(target))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == page
    assert run_here(capsys, "docs", "missile-crisis", "-o", str(target), "--force").returncode == 0
    assert "Missile Crisis" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "status", "needle"),
    [
        (("missile-crisis", "-o", "{dir}/book.pdf"), 2, "must end in .md"),
        (("missile-crisis", "-o", "{dir}"), 2, "is a directory"),
        (("no-such-scenario",), 1, "no bundled scenario of that name"),
        (("{dir}/missing.json",), 1, "no such file"),
        (("{dir}/broken.json",), 1, "broken.json:1:"),
    ],
)
def test_docs_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], status: int, needle: str
) -> None:
    (tmp_path / "broken.json").write_text('{"format": 1', encoding="utf-8")
    result = run_here(capsys, "docs", *(arg.format(dir=tmp_path) for arg in args))
    assert result.returncode == status
    assert needle in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_docs_end_to_end_from_a_new_scenario(tmp_path: Path) -> None:
    assert run("new", "plan.json", "--template", "full", cwd=tmp_path).returncode == 0
    result = run("docs", "plan.json", "-o", "plan.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert text == run("docs", "plan.json", cwd=tmp_path).stdout
