"""What a new session is called and seeded with when the facilitator does not say.

Shared by the console (`play`) and the headless referee (`serve`), so that both name their
journals and seeds alike.
"""

from __future__ import annotations

import datetime
from pathlib import Path

__all__ = ["default_journal_path", "default_seed"]


def default_journal_path(folder: Path, scenario_id: str, now: datetime.datetime | None = None) -> Path:
    """A fresh, dated journal name in a folder, e.g. ``seoul-tokyo-2026-2026-03-01-0900.jsonl``."""
    moment = now or datetime.datetime.now()
    stem = f"{scenario_id}-{moment:%Y-%m-%d-%H%M}"
    candidate = folder / f"{stem}.jsonl"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{counter}.jsonl"
        counter += 1
    return candidate


def default_seed(now: datetime.datetime | None = None) -> int:
    """A seed for a new session when none is given: the date and time, readable in the journal."""
    moment = now or datetime.datetime.now()
    return int(f"{moment:%Y%m%d%H%M}")
