"""The report's building blocks: the format by file name, the tiny Markdown subset, escaping,
sparklines and the SVG charts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from engine.documents.kit.html import html_blocks
from engine.documents.kit.markdown import escape, markdown_blocks
from engine.documents.kit.text import BulletList, Heading, Paragraph, Span, blocks, plain, spans
from engine.documents.report import UnknownReportFormat, report_format_for
from engine.documents.report.markdown import sparkline
from engine.documents.report.model import BandSpan, Series
from engine.documents.report.svg import line_chart

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("aar.md", "markdown"),
        ("out/AAR.MD", "markdown"),
        ("aar.markdown", "markdown"),
        ("aar.html", "html"),
        ("/tmp/x.HTM", "html"),
    ],
)
def test_the_format_follows_the_extension(path: str, expected: str) -> None:
    assert report_format_for(path) == expected


@pytest.mark.parametrize("path", ["aar.pdf", "aar", "aar.md.txt", ".html.bak"])
def test_any_other_extension_is_a_usage_error(path: str) -> None:
    with pytest.raises(UnknownReportFormat, match=r"\.md .*\.html"):
        report_format_for(path)


def test_the_markdown_subset_reads_headings_paragraphs_lists_and_emphasis() -> None:
    text = "# Title\n\nA *quiet* start,\nthen **more**.\n\n- one\n  continued\n- two\n\n## Next\nEnd."
    assert blocks(text) == (
        Heading(1, (Span("Title"),)),
        Paragraph((Span("A "), Span("quiet", "italic"), Span(" start, then "), Span("more", "bold"), Span("."))),
        BulletList(((Span("one continued"),), (Span("two"),))),
        Heading(2, (Span("Next"),)),
        Paragraph((Span("End."),)),
    )
    assert spans("2 * 3 * 4") == (Span("2 * 3 * 4"),)
    assert plain("**Bold** and *it*") == "Bold and it"


def test_anything_outside_the_subset_stays_literal_and_escaped() -> None:
    hostile = blocks('<img src=x onerror="alert(1)"> [link](javascript:alert(1)) `code` | pipe')
    html = html_blocks(hostile)
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    markdown = "\n".join(markdown_blocks(hostile))
    assert "\\<img" in markdown and "\\[link\\](javascript:alert(1))" in markdown and "\\`code\\`" in markdown
    assert "\\| pipe" in markdown


def test_markdown_escaping_keeps_structure_out_of_text() -> None:
    assert escape("a | b") == "a \\| b"
    assert escape("line\nbreak") == "line break"
    assert escape("&amp; and & alone") == "\\&amp; and & alone"
    assert "\n".join(markdown_blocks(blocks("# not a heading? no: a heading"))).startswith("# ")
    paragraph = "\n".join(markdown_blocks((Paragraph((Span("# looks like a heading"),)),)))
    assert paragraph.startswith("\\# looks")
    numbered = "\n".join(markdown_blocks((Paragraph((Span("1. not a list"),)),)))
    assert numbered.startswith("1\\. not")


def _series(values: tuple[int, ...], low: int = 0, high: int = 100, label: str = "Trust") -> Series:
    return Series(
        id="trust",
        label=label,
        description="",
        unit="",
        min=low,
        max=high,
        visibility="everyone",
        facilitator_only=False,
        polarity="higher-is-better",
        bands=(
            BandSpan("Crisis <&>", low, 39, "critical"),
            BandSpan("A very long band name indeed", 40, high, "good"),
        ),
        values=values,
    )


def test_sparklines_show_real_swings_and_not_wobbles() -> None:
    assert len(set(sparkline(_series((50, 50, 50))))) == 1
    wobble = sparkline(_series((50, 51, 50, 51)))
    assert "▁" not in wobble and "█" not in wobble
    swing = sparkline(_series((10, 90, 50)))
    assert swing[0] == "▁" and swing[1] == "█" and len(swing) == 3
    assert len(sparkline(_series((0,)))) == 1


def test_a_chart_is_well_formed_svg_with_escaped_text() -> None:
    svg = line_chart(
        _series((10, 90, 50, 60), label="Trust <&>"), ["start", "1", "2", "3"], title="Trust <&>: a title", highlight=1
    )
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Trust <&>: a title"
    texts = [node.text for node in root.iter(f"{SVG}text")]
    assert "Crisis <&>" in texts
    assert "A very long…" in texts  # long band labels are shortened to fit the margin
    assert [text for text in texts if text in ("start", "1", "2", "3")] == ["start", "1", "2", "3"]
    assert len(root.findall(f"{SVG}circle")) == 4
    assert "<script" not in svg and "href" not in svg


def test_a_chart_of_one_point_and_many_points_still_draws() -> None:
    one = ET.fromstring(line_chart(_series((40,)), ["start"], title="t"))
    assert len(one.findall(f"{SVG}circle")) == 1
    many = line_chart(_series(tuple(range(0, 60, 2))), [str(i) for i in range(30)], title="t")
    labels = [node.text for node in ET.fromstring(many).iter(f"{SVG}text") if node.text and node.text.isdigit()]
    assert "29" in labels and len(labels) < 30 + 6  # thinned, the last one kept
