"""Files written beside a journal or a report, never through a link someone planted there.

A journal's folder may be shared, and a name beside it (`JOURNAL.dropped`, `JOURNAL.seats.json`,
a draft) may already be a symbolic link to a file of the user's: opening it the ordinary way
would write there. Every side file is therefore made here: created with O_CREAT|O_EXCL (which
never follows a link, and fails on any existing name) under a temporary name and moved into
place, or, for the one file that grows (`.dropped`), opened with O_NOFOLLOW and used only if it
is a plain file with one name. A file takes the place of another only by `os.replace` (which
replaces a link itself, never its target) or, where nothing may be replaced, by a hard link
that fails when the name is taken, so a race cannot replace a file either.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from engine.load.files import read_at_most

__all__ = [
    "NotAPlainFile",
    "append_to_plain_file",
    "create_temporary",
    "fsync_directory",
    "move_into_place",
    "read_plain_file",
    "write_atomically",
    "written_atomically",
]

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Refuse to open through a symbolic link, where the platform can say so (POSIX)."""
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class NotAPlainFile(OSError):
    """The name beside the journal is a link, a folder, a device or a file with more than one name."""


def create_temporary(place: Path, mode: int = 0o644) -> tuple[int, Path]:
    """A new empty file beside ``place`` with a name no one has, open for writing: (descriptor, path)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | _CLOEXEC | _BINARY
    for _ in range(16):
        temporary = place.with_name(f".{place.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, mode), temporary
        except FileExistsError:
            continue  # someone has that name (a planted link, say): draw another
    raise FileExistsError(f"no free temporary name beside {place}")


def move_into_place(temporary: Path, target: Path, *, replace: bool) -> None:
    """Give the file at ``temporary`` the name ``target``; FileExistsError when it is taken and not ``replace``.

    Without ``replace`` the file is hard-linked to its name (which fails if the name exists, even
    if it appeared a moment ago) and its temporary name removed; on a file system without hard
    links it is renamed only where a rename never replaces (Windows), else refused.
    """
    if replace:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        if os.name != "nt":
            raise
        os.rename(temporary, target)  # on Windows a rename never replaces an existing name
        return
    os.unlink(temporary)


def write_atomically(path: Path, data: bytes, mode: int = 0o644, *, replace: bool = True) -> None:
    """The whole of ``data`` at ``path`` or nothing, created with ``mode`` from the start; OSError on failure.

    The file has exactly ``mode`` (the umask narrows only the first moment's), FileExistsError
    when ``path`` is taken and not ``replace``.
    """
    with written_atomically(path, mode, replace=replace) as stream:
        stream.write(data)


@contextlib.contextmanager
def written_atomically(path: Path, mode: int = 0o644, *, replace: bool = True) -> Iterator[BinaryIO]:
    """`write_atomically` for a file written piece by piece: the stream to write, under a temporary name beside ``path``.

    The file takes ``path``'s name only when the block ends without an exception; one raised in it
    (an error, a Ctrl-C) removes the file, so ``path`` is the old file or the whole new one, never
    a half-written one. OSError on failure, FileExistsError when ``path`` is taken and not ``replace``.
    """
    handle, temporary = create_temporary(path, mode)
    try:
        with os.fdopen(handle, "wb") as stream:
            os.chmod(temporary, mode)
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        move_into_place(temporary, path, replace=replace)
        fsync_directory(path)
    finally:
        temporary.unlink(missing_ok=True)


def append_to_plain_file(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Append ``data`` to ``path`` (created with ``mode`` if missing), refusing anything but a plain file with one name."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY
    try:
        handle = os.open(path, flags, mode)
    except OSError as error:
        if path.is_symlink():
            raise NotAPlainFile(f"{path} is a link; nothing is written through it") from None
        raise error
    with os.fdopen(handle, "ab") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            raise NotAPlainFile(f"{path} is not a plain file of its own; nothing is written to it")
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def read_plain_file(path: Path, limit: int = 1024 * 1024) -> bytes:
    """The bytes of a side file, read only if it is a plain file (not a link, a pipe or a device) of at most ``limit`` bytes."""
    try:
        handle = os.open(path, os.O_RDONLY | NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY)
    except OSError as error:
        if path.is_symlink():
            raise NotAPlainFile(f"{path} is a link; it is not read") from None
        raise error
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotAPlainFile(f"{path} is not a plain file; it is not read")
        data = read_at_most(stream, limit)
    if len(data) > limit:
        raise NotAPlainFile(f"{path} is larger than {limit:,} bytes; it is not read")
    return data


def fsync_directory(path: Path) -> None:
    """Make a new name in ``path``'s folder durable (a crash right after keeps it); best effort."""
    try:
        descriptor = os.open(path.parent if str(path.parent) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
