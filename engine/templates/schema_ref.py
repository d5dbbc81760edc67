"""The ``"$schema"`` value written into a new scenario, so that editors find the schema from wherever the file is.

Inside the tree that holds the ``engine`` package (a source checkout, where scenarios sit next to
``engine/``), the reference is a relative path, like the bundled scenarios': it keeps working when
the checkout moves. Anywhere else it is the absolute ``file://`` URI of the installed schema,
which works from any directory of this machine; an author who shares the file elsewhere can
write ``whitecell schema > scenario.schema.json`` beside it and point ``"$schema"`` there.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine import schema as schema_package
from engine.schema import SCENARIO_SCHEMA_FILE


def installed_schema() -> Path:
    """The scenario schema file shipped with this installation."""
    return (Path(schema_package.__file__).parent / SCENARIO_SCHEMA_FILE).resolve()


def schema_reference(target: Path) -> str:
    """What ``"$schema"`` should say in a scenario written to ``target``."""
    schema = installed_schema()
    home = schema.parents[2]  # the directory that holds the engine package
    folder = target.resolve().parent
    if folder == home or home in folder.parents:
        return Path(os.path.relpath(schema, folder)).as_posix()
    return schema.as_uri()
