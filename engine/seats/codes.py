"""Join codes: one secret per team, easy to read aloud, kept beside the journal and never in it.

A code is 16 characters of Crockford's base32 (digits and capitals without I, L, O and U), 80
bits from `secrets`, written in four groups: ``7KQM-2XRD-PJ4W-9HTN``. What a person types is
forgiven: case, spaces and dashes do not matter, and O, I and L read as 0, 1 and 1. A code is
matched against every team's in constant time (`hmac.compare_digest`), so the time taken says
nothing about how near a guess was.

A new session gets a fresh set; a resumed one reads the set it had, so the teams' seats reconnect
with the codes they were given. The set lives in ``<journal>.seats.json``, created owner-only
(0600) and replaced atomically; a session without a journal keeps its codes in memory.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

from engine.journal.sidefiles import read_plain_file
from engine.seats.files import write_private

__all__ = ["ALPHABET", "CODE_BITS", "JoinCodes", "codes_path", "new_code", "normalise"]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: 32 symbols, none easily mistaken for another."""

_LENGTH = 16
CODE_BITS = _LENGTH * 5
"""The secret in one code, in bits."""

_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_FORMAT = 1


def new_code() -> str:
    """A fresh code from `secrets`, in groups of four."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(_LENGTH))
    return "-".join(symbols[i : i + 4] for i in range(0, _LENGTH, 4))


def normalise(text: str) -> str:
    """A code as typed, in the form codes are compared in: capitals, no spaces or dashes, O/I/L as 0/1/1."""
    kept = "".join(char for char in text.upper() if char not in " -\t")
    return kept.translate(_READ_AS)


def codes_path(journal: str | os.PathLike[str]) -> Path:
    """Where a journal's codes are kept: ``game.jsonl`` → ``game.jsonl.seats.json``."""
    path = Path(journal)
    return path.with_name(path.name + ".seats.json")


class JoinCodes:
    """Each team's code, by role id; `role_for` finds whose a typed code is."""

    def __init__(self, codes: Mapping[str, str]) -> None:
        self._codes = dict(codes)
        self._keys = {role: normalise(code).encode("ascii") for role, code in self._codes.items()}

    @classmethod
    def fresh(cls, roles: Iterable[str]) -> JoinCodes:
        """A new code for every role (all different)."""
        roles = list(roles)
        while True:
            codes = {role: new_code() for role in roles}
            if len(set(codes.values())) == len(codes):
                return cls(codes)

    @classmethod
    def for_journal(cls, journal: str | os.PathLike[str], roles: Iterable[str], *, resume: bool) -> JoinCodes:
        """The codes of a journal's session: read back when resuming (and they cover its roles), else
        fresh and saved beside the journal. OSError or ValueError when they cannot be kept or read."""
        roles = list(roles)
        path = codes_path(journal)
        if resume and path.exists():
            kept = cls.read(path)
            if sorted(kept.roles) == sorted(roles):
                return kept
        codes = cls.fresh(roles)
        codes.save(path)
        return codes

    @classmethod
    def read(cls, path: Path) -> JoinCodes:
        """Codes saved by `save`; ValueError when the file is not such a set."""
        data = json.loads(read_plain_file(path).decode("utf-8"))  # never through a planted link or pipe
        codes = data.get("codes") if isinstance(data, dict) and data.get("format") == _FORMAT else None
        if not isinstance(codes, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in codes.items()):
            raise ValueError(f"{path} is not a whitecell seat-codes file")
        return cls(codes)

    def save(self, path: Path) -> None:
        """Write the codes owner-only (0600), atomically: a temporary file beside it, then moved into place."""
        text = json.dumps({"format": _FORMAT, "codes": self._codes}, indent=2) + "\n"
        write_private(path, text.encode("utf-8"))

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self._codes)

    def code(self, role: str) -> str:
        """A team's code as it is shown and read out."""
        return self._codes[role]

    def as_dict(self) -> dict[str, str]:
        return dict(self._codes)

    def role_for(self, typed: str) -> str | None:
        """The role whose code this is, or None; every code is compared, each in constant time."""
        given = normalise(typed).encode("ascii", "replace")
        found = None
        for role, key in self._keys.items():
            if hmac.compare_digest(given, key):
                found = role
        return found
