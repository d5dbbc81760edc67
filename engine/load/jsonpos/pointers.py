"""JSON pointers (RFC 6901): how every check names the place in a document it is talking about."""

from __future__ import annotations


def escape_pointer_token(token: str | int) -> str:
    """Escape one reference token of a JSON pointer (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_of(path: list[str | int] | tuple[str | int, ...]) -> str:
    """The JSON pointer for a path of keys and indexes."""
    return "".join("/" + escape_pointer_token(token) for token in path)
