"""Writing the seat files beside a journal (codes, certificate, key): whole or not at all, with chosen permissions.

The file is created with its final permissions from the start (never readable by others for a
moment), under a temporary name beside its place that no link can stand for, and moved into
place atomically: `engine.journal.sidefiles`, which every file beside a journal goes through.
"""

from __future__ import annotations

from pathlib import Path

from engine.journal.sidefiles import write_atomically

__all__ = ["write_private"]


def write_private(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` atomically, created with ``mode`` (owner-only by default); OSError on failure.

    A link planted at ``path`` is replaced by the file, never written through.
    """
    write_atomically(path, data, mode)
