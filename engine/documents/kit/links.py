"""Markdown links, images and numbered lists in scenario text, as words every document can show.

Events lists and scenarios written elsewhere carry Markdown the book's small reader
(`engine.documents.kit.text`) leaves literal: ``[the ministry's statement](https://...)`` and
``![map](map.png)`` printed as typed. A book is printed and read in the room, so a link becomes
its words with the address after them, an image its description, and a numbered list a list that
keeps its numbers. Nothing here makes markup: the result is plain text, escaped as all text is.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_NUMBERED = re.compile(r"^(\s{0,3})(\d{1,3})[.)]\s+", re.MULTILINE)
_ADDRESS = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


def _link(match: re.Match[str]) -> str:
    words, address = match.group(1).strip(), match.group(2)
    if _ADDRESS.match(address) and address != words:
        return f"{words} ({address})"
    return words


def _image(match: re.Match[str]) -> str:
    description = match.group(1).strip()
    return f"(image: {description})" if description else "(image)"


def as_text(text: str) -> str:
    """Scenario Markdown with links as 'words (address)', images as their description and numbered items as bullets."""
    text = _IMAGE.sub(_image, text)
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(r"\1", text)
    return _NUMBERED.sub(r"\1- \2. ", text)
