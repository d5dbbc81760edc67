"""The roles a new scenario is written for: ids checked up front, names and descriptions made from them.

A bad role list is a usage mistake (the user typed it), so it is reported before anything is
written, with what is wrong and what would be accepted.
"""

from __future__ import annotations

import re

import attrs

ROLE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
MAX_ROLES = 8
MAX_ROLE_ID = 32
"""Ids made from a role's id (``seoul-support``, ``seoul-domestic-speech``) must stay within the
schema's 64 characters."""
MAX_ROLE_NAME = 64
RESERVED = ("public", "facilitator")
"""Visibility words: a role with one of these ids could not be told apart in ``visibility``."""

DEFAULT_ROLES = ("seoul", "tokyo")

_KNOWN = {
    "seoul": (
        "Seoul",
        "The government of the Republic of Korea: the National Security Office, the defence ministry and the "
        "foreign ministry. It wants deterrence that is credible without being reckless, and a public at home "
        "that backs cooperation with Tokyo.",
    ),
    "tokyo": (
        "Tokyo",
        "The government of Japan: the Prime Minister's office, the defence ministry and the foreign ministry. "
        "It wants partners who share warning data and stand together in public, and a free hand in its own "
        "defence posture.",
    ),
}


class RoleListError(ValueError):
    """The role list given on the command line cannot be used."""


@attrs.frozen
class RoleSpec:
    """A role of the new scenario: its id, the name shown to the room, and who it stands for."""

    id: str
    name: str
    description: str


def title_from_id(identifier: str) -> str:
    """A readable name from an id: ``new-delhi`` becomes ``New Delhi``; a word without a vowel reads as an
    acronym (``japan-nsc`` becomes ``Japan NSC``, not ``Japan Nsc``)."""
    return " ".join(_word(word) for word in identifier.split("-"))


def _word(word: str) -> str:
    if len(word) > 1 and word.isalpha() and not set(word) & set("aeiouy"):
        return word.upper()
    return word.capitalize()


def parse_roles(text: str) -> tuple[RoleSpec, ...]:
    """Roles from a comma-separated list of ids, each with its name as written if given (``it=IT Department,pr=PR``)."""
    parts = [part.partition("=") for part in text.split(",")]
    ids = [role_id.strip() for role_id, _, _ in parts]
    if ids == [""]:
        raise RoleListError("the role list is empty; give role ids separated by commas, e.g. seoul,tokyo")
    names = {role_id.strip(): name.strip() for role_id, equals, name in parts if equals and name.strip()}
    return roles_from_ids(ids, names)


def roles_from_ids(ids: list[str] | tuple[str, ...], names: dict[str, str] | None = None) -> tuple[RoleSpec, ...]:
    """Roles from their ids, checked: valid, not reserved, short enough, no repeats, one to eight; ``names`` as written."""
    if not ids:
        raise RoleListError("a scenario needs at least one role")
    if len(ids) > MAX_ROLES:
        raise RoleListError(f"{len(ids)} roles given; a scenario has at most {MAX_ROLES}")
    seen: set[str] = set()
    specs = []
    for position, role_id in enumerate(ids, start=1):
        if not role_id:
            raise RoleListError(f"role {position} is empty; remove the extra comma")
        if not ROLE_ID.match(role_id):
            raise RoleListError(
                f"{role_id!r} is not a valid role id: use lowercase letters and digits in words joined by single "
                "hyphens, starting with a letter (e.g. seoul, new-delhi); give a name as written after it, e.g. it=IT Department"
            )
        if len(role_id) > MAX_ROLE_ID:
            raise RoleListError(f"role id {role_id!r} is {len(role_id)} characters long; keep it to {MAX_ROLE_ID}")
        if role_id in RESERVED:
            raise RoleListError(f"{role_id!r} cannot be a role id: it is a visibility word ({' and '.join(RESERVED)})")
        if role_id in seen:
            raise RoleListError(f"role {role_id!r} is listed twice")
        seen.add(role_id)
        written = (names or {}).get(role_id, "")
        if len(written) > MAX_ROLE_NAME or not written.isprintable():
            raise RoleListError(f"the name of role {role_id!r} must be printable and at most {MAX_ROLE_NAME} characters")
        name, description = _KNOWN.get(role_id, (None, None))
        title = written or name or title_from_id(role_id)
        specs.append(
            RoleSpec(
                role_id,
                title,
                description or f"The {title} team. Say here whom it represents and what it wants; players read this.",
            )
        )
    return tuple(specs)
