"""Every diagnostic code in whitecell, gathered from the modules that report them.

Each checking module declares its codes next to its checks (a ``CODES`` tuple of `CodeInfo`);
this module only gathers them, so the documentation generated from them (`engine.documents.format_reference`)
can never drift from what is reported.
"""

from __future__ import annotations

import importlib

from engine.load.diagnostics import CodeInfo

SOURCES: tuple[tuple[str, str], ...] = (
    ("engine.load.jsonpos", "Reading the JSON text"),
    ("engine.load.loader", "Opening the file"),
    ("engine.load.schema_check", "The schema"),
    ("engine.load.semantics", "Meaning: references, ranges and consistency"),
    ("engine.lint.codes", "whitecell lint"),
    ("engine.msel.codes", "Events list (MSEL) import"),
    ("engine.journal.codes", "Journals: replay, verify, resume and report"),
    ("engine.journal.fork", "Forking a journal"),
)
"""The modules that declare codes, with the heading each gets in the reference; extend it for a new checker."""


def catalogue() -> tuple[tuple[str, tuple[CodeInfo, ...]], ...]:
    """Each source's heading and its codes, in the order of SOURCES."""
    return tuple((heading, tuple(importlib.import_module(module).CODES)) for module, heading in SOURCES)


def all_codes() -> dict[str, CodeInfo]:
    """Every code by name; a code declared twice is a bug, reported here rather than documented twice."""
    found: dict[str, CodeInfo] = {}
    for _, infos in catalogue():
        for info in infos:
            if info.code in found:
                raise ValueError(f"diagnostic code {info.code!r} is declared twice")
            found[info.code] = info
    return found
