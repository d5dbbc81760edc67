"""Where journals live when no path is given: a per-user data folder, not the folder run from.

``WHITECELL_HOME`` names the folder outright (tests and CI set it, so nothing is written into the
real home folder); otherwise it is the platform's user data folder for whitecell, e.g.
``~/.local/share/whitecell/journals`` on Linux (which honours ``XDG_DATA_HOME``). Journals of
earlier versions, written in the folder whitecell ran from, are still found there.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_VARIABLE = "WHITECELL_HOME"


def journal_home() -> Path:
    """The folder new journals go to (not created: `ensure_journal_home` does that)."""
    named = os.environ.get(HOME_VARIABLE, "").strip()
    if named:
        return Path(named).expanduser()
    return platformdirs.user_data_path("whitecell", appauthor=False) / "journals"


def ensure_journal_home() -> Path:
    """The journal folder, made (owner-only) if it does not exist yet."""
    home = journal_home()
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return home


def find_journal(name: Path) -> Path:
    """A journal named on the command line: the path as given when it exists (an old journal in the
    folder run from), else the same name in the journal folder when that exists, else as given
    (for the caller's 'no such file')."""
    if name.exists() or name.is_absolute() or len(name.parts) != 1:
        return name
    kept = journal_home() / name
    return kept if kept.exists() else name
