"""Text from a scenario, a journal or the network as Textual content: printable, and never read as markup.

Textual reads a plain ``str`` given to a border title, a `Static`, a `Label` or an `Option` as
markup, so a role named ``[/]`` would crash the console; a `Content` is shown as it is. What
makes the characters safe is `engine.text.terminal`, the one place every surface asks; this is
its adapter for the terminal UI's widgets.
"""

from __future__ import annotations

from textual.content import Content

from engine.text.terminal import printable, printable_lines

__all__ = ["plain", "plain_lines"]


def plain(text: str, limit: int | None = None, style: str = "") -> Content:
    """One line of untrusted text as content: no control character, no markup; at most ``limit`` characters."""
    return Content.styled(printable(text, limit), style) if style else Content(printable(text, limit))


def plain_lines(text: str, style: str = "") -> Content:
    """Several lines of untrusted text as content, the line breaks kept."""
    return Content.styled(printable_lines(text), style) if style else Content(printable_lines(text))
