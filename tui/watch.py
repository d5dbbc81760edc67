"""Watch a scenario file while its author edits it: say when it has changed, and to what.

The watcher is polled (the app calls `ScenarioWatcher.poll` from an interval timer), so it
needs no thread and no new dependency, and a test drives it by calling `poll` itself. A poll
costs one `stat` unless the file's size or modification time moved (or it moved in the last
two seconds); only then is it read and hashed.

Editors save in more than one way (truncate and write, write a temporary file and rename, or
write in pieces), so a change is acted on only once the content has stayed the same for one
whole poll: a half-written file is seen whole before it is loaded. Touching a file without
changing its bytes, or saving the content the watcher last loaded, is not a change.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from engine.core.model import Scenario
from engine.load.catalog import bundled
from engine.load.diagnostics import Diagnostic, InputError
from engine.load.loader import load_scenario

POLL_SECONDS = 0.5
"""How often the app polls the file."""
RACY_NS = 2_000_000_000
"""How long after a modification the content is hashed on every poll, whatever the file's stamp says."""


@attrs.frozen
class Loaded:
    """The file settled on content that loads: the scenario it now holds."""

    scenario: Scenario


@attrs.frozen
class Broken:
    """The file settled on content that does not load: every problem found in it."""

    diagnostics: tuple[Diagnostic, ...]


Change = Loaded | Broken

_Stamp = tuple[int, int] | None
"""(size, mtime in ns) of the file, or None when it cannot be seen."""


def _stamp(path: Path) -> _Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def _recent(stamp: _Stamp) -> bool:
    """Whether the file was modified so lately that another write may share its timestamp.

    File times move in coarse ticks, so two saves of the same size close together can leave
    the same (size, time): until the time is safely past, the content itself is compared."""
    return stamp is not None and time.time_ns() - stamp[1] < RACY_NS


def _content_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class ScenarioWatcher:
    """Polls one scenario file and reports each settled change once (see the module docstring)."""

    def __init__(self, path: Path, *, load: Callable[[Path], Scenario] = load_scenario) -> None:
        self.path = path
        self._load = load
        self._stamp = _stamp(path)
        self._handled = _content_digest(path)
        """The content last reported (or loaded at the start): saving it again is no change."""
        self._pending: str | None = None
        """Content seen at the last poll and not yet reported, waiting to stay the same for one poll."""
        self._waiting = False

    def poll(self) -> Change | None:
        """What the file settled on since the last poll, or None when there is nothing new to act on."""
        stamp = _stamp(self.path)
        if stamp == self._stamp and not self._waiting and not _recent(stamp):
            return None
        self._stamp = stamp
        digest = _content_digest(self.path)
        if not self._waiting:
            if digest != self._handled:
                self._pending, self._waiting = digest, True  # changed during this interval: wait for it to settle
            return None
        if digest != self._pending:  # still being written
            self._pending = digest
            return None
        self._waiting = False
        if digest == self._handled:  # back to what was last reported: nothing new
            return None
        self._handled = digest
        return self._settled()

    def _settled(self) -> Change:
        try:
            return Loaded(self._load(self.path))
        except InputError as error:
            return Broken(error.diagnostics)


def watch_usage_problem(file: str | None, *, resume: bool) -> str | None:
    """Why ``play --watch`` cannot be given with these arguments, or None when it can.

    Only a file on disk can change under an editor: not a bundled scenario, and not a resumed
    journal, which plays the copy of the scenario it holds."""
    if resume:
        return (
            "--watch reloads a scenario file as it is edited, but --resume plays the copy of the scenario its journal holds; "
            "start a new session with: whitecell play FILE --watch"
        )
    if file is None:
        return "--watch needs the scenario FILE to watch, e.g. whitecell play my-scenario.json --watch"
    if not Path(file).exists() and file in {item.name for item in bundled()}:
        return (
            f"--watch reloads a scenario file as it is edited, but {file!r} is a bundled scenario; "
            "give the path of a scenario file (a copy of it, to edit)"
        )
    return None
