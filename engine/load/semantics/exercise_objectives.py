"""Exercise objectives (training objectives) and the shocks' tests that name them.

The report evaluates each objective from the injects that test it, so a test naming an
objective that does not exist would evaluate nothing: it is an error, with the closest id.
"""

from __future__ import annotations

from typing import Any

from engine.load.diagnostics import closest
from engine.load.semantics.context import Check
from engine.load.semantics.reading import entries, ident
from engine.load.semantics.references import ref, unique_ids


def exercise_objectives(check: Check) -> None:
    """Check each exercise objective's id and roles, and every shock's tests."""
    listed = entries(check.document, "exerciseObjectives")
    unique_ids(check, listed, "exercise objective")
    for pointer, objective in listed:
        roles = objective.get("roles")
        if isinstance(roles, list):
            for index, role in enumerate(roles):
                ref(check, f"{pointer}/roles/{index}", role, check.declared.roles, "role")
    known = {objective_id for _, objective in listed if (objective_id := ident(objective.get("id"))) is not None}
    for pointer, shock in entries(check.document, "shocks"):
        tests = shock.get("tests")
        if isinstance(tests, list):
            seen: set[str] = set()
            for index, value in enumerate(tests):
                _tested(check, f"{pointer}/tests/{index}", value, known)
                name = ident(value)
                if name is not None and name in seen:
                    check.report(f"{pointer}/tests/{index}", "duplicate-test", f"exercise objective {name!r} is listed twice")
                if name is not None:
                    seen.add(name)


def _tested(check: Check, pointer: str, value: Any, known: set[str]) -> None:
    """Report a test naming an exercise objective the scenario does not declare."""
    name = ident(value)
    if name is None or name in known:
        return
    if not check.suggesting():
        check.report(pointer, "unknown-exercise-objective", f"unknown exercise objective {name!r}")
        return
    guess = closest(name, sorted(known))
    if guess:
        message = f"unknown exercise objective {name!r} (did you mean {guess!r}?)"
    elif known:
        message = f"unknown exercise objective {name!r}; known: {', '.join(sorted(known)[:12])}"
    else:
        message = f"unknown exercise objective {name!r}: the scenario declares no exerciseObjectives (add them at the top level)"
    check.report(pointer, "unknown-exercise-objective", message, suggestion=guess)
