"""Writing a journal: one line at a time, each on disk before the command it records counts.

`JournalWriter` appends the lines `engine.journal.format` defines, flushing and fsyncing each
before `write` returns, so a crash loses at most the line being written; it holds an exclusive
lock while open, so two sessions can never interleave lines in one file; and it never
overwrites a journal (an old one is only appended to, after the cut-off tail that a crash may
have left is dropped). A new journal is written under a temporary name beside its place and
takes its own name only once its header is on disk (`engine.journal.sidefiles`: a hard link
that fails when the name is taken, so even a file appearing at that moment is never replaced):
a crash while it is created leaves no empty journal holding the name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from engine.journal.format import line_bytes
from engine.journal.sidefiles import create_temporary, fsync_directory, move_into_place


class JournalExists(Exception):
    """A new journal would overwrite an existing file."""


class JournalInUse(Exception):
    """Another session is writing this journal right now."""


def _lock(handle: BinaryIO, path: Path) -> None:
    """Hold an exclusive lock on the journal while it is open, so two sessions cannot interleave lines."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no advisory locks to take
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise JournalInUse(f"{path} is open in another whitecell session; close that one first") from None


class JournalWriter:
    """Appends lines to a journal, each flushed and fsynced before `write` returns.

    ``durable=False`` skips the per-line fsync (bot batches, where speed matters and nothing is
    lost by redoing a game); the file is still fsynced when closed.
    """

    def __init__(self, handle: BinaryIO, path: Path, *, durable: bool = True) -> None:
        self._handle = handle
        self.path = path
        self.durable = durable

    @classmethod
    def create(cls, path: str | Path, header: Mapping[str, Any], *, durable: bool = True) -> JournalWriter:
        """Start a new journal; refuse to touch a file that exists (JournalExists), even one that appears meanwhile."""
        target = Path(path)
        if os.path.lexists(target):
            raise _exists(target)
        descriptor, temporary = create_temporary(target)
        try:
            handle = os.fdopen(descriptor, "r+b")
            _lock(handle, target)
            writer = cls(handle, target, durable=durable)
            try:
                handle.write(line_bytes(header))
                handle.flush()
                if durable:  # bot batches skip it: a game is redone rather than recovered
                    os.fsync(handle.fileno())
                move_into_place(temporary, target, replace=False)
            except FileExistsError:
                handle.close()
                raise _exists(target) from None
            except BaseException:
                handle.close()
                raise
        finally:
            temporary.unlink(missing_ok=True)
        fsync_directory(target)
        return writer

    @classmethod
    def append_to(cls, path: str | Path, keep_bytes: int) -> JournalWriter:
        """Continue an existing journal after its first ``keep_bytes`` bytes (dropping a cut-off tail)."""
        target = Path(path)
        handle = target.open("r+b")
        _lock(handle, target)
        handle.truncate(keep_bytes)
        handle.seek(keep_bytes)
        if keep_bytes:
            handle.seek(keep_bytes - 1)
            if handle.read(1) != b"\n":
                handle.write(b"\n")
        os.fsync(handle.fileno())
        return cls(handle, target)

    def write(self, data: Mapping[str, Any]) -> None:
        """Write one line (durably, unless the writer was made for speed)."""
        self._handle.write(line_bytes(data))
        self._handle.flush()
        if self.durable:
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        if not self._handle.closed:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()


def _exists(target: Path) -> JournalExists:
    return JournalExists(f"{target} already exists; a journal is never overwritten (resume it, or choose another name)")
