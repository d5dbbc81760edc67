"""The document kit: escaping carried by the type, the stylesheets as package data, and a kit
that the report and the briefing book import, never the other way round."""

from __future__ import annotations

import ast
import html
from importlib.resources import files
from pathlib import Path

import pytest
from markupsafe import Markup

from engine.documents.briefing import briefing_book
from engine.documents.briefing import html as briefing_html
from engine.documents.kit.html import Html, html_blocks, html_page, html_section, html_table, stylesheet
from engine.documents.kit.text import blocks
from engine.documents.report import html as report_html
from engine.templates import build
from tests.helpers import load

KIT = Path(__file__).resolve().parent.parent / "engine" / "documents" / "kit"
HOSTILE = "<script>alert(1)</script> & \"quotes\" 'single' <b>"


# --- escaping in the type -----------------------------------------------------------------------


def test_plain_text_is_escaped_as_html_escape_does_and_markup_passes() -> None:
    assert Html.escape(HOSTILE) == html.escape(HOSTILE, quote=True)
    assert "&quot;" in Html.escape(HOSTILE) and "&#x27;" in Html.escape(HOSTILE)
    assert Html.escape(Html("<b>bold</b>")) == "<b>bold</b>"
    assert Html.escape(Markup("<i>from markupsafe</i>")) == "<i>from markupsafe</i>"
    assert isinstance(Html.escape("x"), Html)


def test_templates_joins_and_sums_escape_text_once() -> None:
    once = html.escape(HOSTILE, quote=True)
    assert Html("<p>{}</p>").format(HOSTILE) == f"<p>{once}</p>"
    # markup made from text is not escaped again when it goes into another template
    inner = Html("<em>{}</em>").format(HOSTILE)
    assert Html("<p>{}</p>").format(inner) == f"<p><em>{once}</em></p>"
    assert Html(", ").join([HOSTILE, inner]) == f"{once}, <em>{once}</em>"
    assert Html("<br>") + HOSTILE == f"<br>{once}"
    assert HOSTILE + Html("<br>") == f"{once}<br>"
    # text that merely looks escaped is text: its & is escaped
    assert Html("{}").format("&amp;") == "&amp;amp;"
    assert Html("{}").format(Markup("&amp;")) == "&amp;"


def test_the_kit_escapes_str_and_passes_markup() -> None:
    section = html_section("part", "Risks & <costs>", Markup("<p>trusted</p>"))
    assert section == '<section id="part" class="major">\n<h2>Risks &amp; &lt;costs&gt;</h2>\n<p>trusted</p>\n</section>'
    assert html_section("part", Markup("<em>T</em>"), "a<b", major=False) == (
        '<section id="part">\n<h2><em>T</em></h2>\na&lt;b\n</section>'
    )
    table = html_table([("A & B", ""), (Markup("<abbr>N</abbr>"), "num")], [(HOSTILE, Markup("<b>1</b>"))], css="plain")
    assert table == (
        '<table class="plain"><thead><tr><th>A &amp; B</th><th class="num"><abbr>N</abbr></th></tr></thead>'
        f'<tbody><tr><td>{html.escape(HOSTILE)}</td><td class="num"><b>1</b></td></tr></tbody></table>'
    )
    assert html_blocks(blocks("## A <b> **bold & brave**\n\n- x < y\n- *it's*"), shift=1) == (
        "<h3>A &lt;b&gt; <strong>bold &amp; brave</strong></h3>\n<ul><li>x &lt; y</li><li><em>it&#x27;s</em></li></ul>"
    )
    for made in (section, table, html_blocks(blocks("x"))):
        assert isinstance(made, Html)


def test_a_page_escapes_its_title_and_inlines_the_stylesheets_in_order() -> None:
    page = html_page(
        title=HOSTILE,
        generator='1.0 "beta"',
        styles=("report.css", "briefing.css"),
        cover=Markup("<header>cover</header>"),
        contents=[("one", "One & only")],
        main=[Markup("<section>main</section>"), Html()],
        footer="<footer text>",
    )
    assert isinstance(page, Html) and page.endswith("</html>\n")
    assert f"<title>{html.escape(HOSTILE)}</title>" in page
    assert '<meta name="generator" content="whitecell 1.0 &quot;beta&quot;">' in page
    assert '<li><a href="#one">One &amp; only</a></li>' in page
    assert "<header>cover</header>\n<nav" in page and "<section>main</section>\n</main>" in page
    assert "<footer>&lt;footer text&gt;</footer>" in page
    assert f"<style>\n{stylesheet('report.css')}\n{stylesheet('briefing.css')}</style>" in page


# --- the stylesheets are package data -----------------------------------------------------------


@pytest.mark.parametrize("name", ["report.css", "briefing.css"])
def test_the_stylesheets_are_found_through_importlib_resources(name: str) -> None:
    resource = files("engine.documents.kit").joinpath("styles").joinpath(name)
    assert resource.is_file()
    text = resource.read_text(encoding="utf-8")
    assert stylesheet(name) == text and text.endswith("}\n")
    assert stylesheet(name) is stylesheet(name), "read once per process"
    assert "</style" not in text.lower(), "inlined as it is: it must not close its own element"


def test_every_stylesheet_a_document_names_is_shipped() -> None:
    shipped = {path.name for path in (KIT / "styles").glob("*.css")}
    assert set(report_html.STYLES) | set(briefing_html.STYLES) == shipped
    book = briefing_book(load(build("minimal", "probe")), "html")
    assert stylesheet("briefing.css") in book and stylesheet("report.css") in book
    assert "@media print" in stylesheet("report.css")


def test_the_package_data_names_the_stylesheets() -> None:
    pyproject = (KIT.parent.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"documents/kit/styles/*.css"' in pyproject
    assert '"markupsafe>=' in pyproject


# --- the kit knows neither document -------------------------------------------------------------


def test_the_kit_imports_neither_the_report_nor_the_briefing() -> None:
    for path in KIT.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("engine.documents.report", "engine.documents.briefing")), f"{path.name}: {name}"


def test_no_document_module_escapes_by_hand() -> None:
    """Only the kit's Html type calls the standard library's escape."""
    documents = KIT.parent
    for path in documents.rglob("*.py"):
        if path == KIT / "html.py":
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "html":
                pytest.fail(f"{path.relative_to(documents)} imports from html")
            if isinstance(node, ast.Import):
                assert "html" not in [alias.name for alias in node.names], path
