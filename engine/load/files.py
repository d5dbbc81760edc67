"""Reading an input file whole, but never more than a limit, and never asking for the limit's worth of memory up front.

``stream.read(limit + 1)`` makes CPython allocate the whole limit (16 MiB for a scenario) before
it reads a byte, whatever the file's size: every check of a 200-byte file then peaked at 16 MiB.
"""

from __future__ import annotations

import io
import os
from typing import BinaryIO

PIECE = 1024 * 1024
"""Past what the file's size promised (a file that grows, a pipe), it is read a mebibyte at a time."""


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """The stream's bytes up to ``limit + 1`` (one more than allowed says the input is too long), at most their size in memory."""
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, io.UnsupportedOperation, AttributeError):
        size = 0
    data = stream.read(min(size, limit) + 1)
    if len(data) <= size or len(data) > limit:
        return data  # the whole file (the end came as its size said), or already past the limit
    pieces, total = [data], len(data)
    while total <= limit:
        piece = stream.read(min(PIECE, limit + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)
