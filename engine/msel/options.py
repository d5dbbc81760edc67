"""How to read one events list: which header is which field, defaults, recipients, and how to add its injects.

Planners keep their own headers and words, so the import takes a mapping: from a file (TOML or
JSON, docs/events-list.md shows one) and from the command line (``--column title=Subject``),
the command line winning. A mapping file is untrusted text too: every mistake in it is a
diagnostic at the file, never a traceback.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from typing import Any

import attrs

from engine.load.diagnostics import Diagnostic, InputError
from engine.msel.columns import FIELDS, field_key

SECTIONS = ("columns", "defaults", "recipients", "categories", "import")
IMPORT_KEYS = ("append", "new-roles", "keep-columns", "header-row", "sheet")


@attrs.frozen
class ImportOptions:
    """Everything the import is told besides the file: the mapping and the switches."""

    columns: Mapping[str, str] = attrs.field(factory=dict)
    """Field key -> the header (or column letter) that holds it."""
    category: str | None = None
    """The category of injects whose row gives none (or when the list has no category column)."""
    recipients: Mapping[str, str] = attrs.field(factory=dict)
    """A recipient as the list writes it (lower case) -> a role id, or ``all`` for every team."""
    categories: Mapping[str, str] = attrs.field(factory=dict)
    """A category as the list writes it (lower case) -> one of the schema's categories."""
    append: bool = False
    new_roles: bool = False
    keep_columns: bool | None = None
    """Keep unknown columns in the facilitator notes; None: only when a mapping was given."""
    header_row: int | None = None
    sheet: str | None = None

    @property
    def keeps_columns(self) -> bool:
        """Whether columns no field takes go into the facilitator notes rather than being dropped."""
        if self.keep_columns is not None:
            return self.keep_columns
        return bool(self.columns or self.recipients or self.categories or self.category)


def _fail(label: str, message: str) -> InputError:
    return InputError([Diagnostic(label, 1, 1, "", "msel-bad-mapping", message)])


def _strings(label: str, section: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise _fail(label, f'[{section}] must map names to text, e.g. title = "Subject"')
    return dict(value)


def parse_mapping(text: str, label: str) -> dict[str, Any]:
    """The mapping file's tables: TOML, or JSON when the file is JSON; raise InputError (msel-bad-mapping)."""
    try:
        data: object = json.loads(text) if label.lower().endswith(".json") else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as error:
        raise _fail(label, f"the mapping file cannot be read: {error}") from None
    if not isinstance(data, dict):
        raise _fail(label, "the mapping file must be a table of sections (columns, defaults, recipients...)")
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise _fail(label, f"unknown section {unknown[0]!r}; the sections are {', '.join(SECTIONS)}")
    return data


def mapping_options(text: str, label: str, base: ImportOptions | None = None) -> ImportOptions:
    """Options from a mapping file's text, over ``base`` (the file's values win over the base's)."""
    data = parse_mapping(text, label)
    options = base or ImportOptions()
    columns = {**options.columns}
    for name, header in _strings(label, "columns", data.get("columns", {})).items():
        columns[column_field(name, label)] = header
    defaults = _strings(label, "defaults", data.get("defaults", {}))
    if set(defaults) - {"category"}:
        raise _fail(label, "[defaults] takes: category")
    recipients = {k.strip().lower(): v.strip() for k, v in _strings(label, "recipients", data.get("recipients", {})).items()}
    categories = {k.strip().lower(): v.strip() for k, v in _strings(label, "categories", data.get("categories", {})).items()}
    switches = data.get("import", {})
    if not isinstance(switches, dict) or set(switches) - set(IMPORT_KEYS):
        raise _fail(label, f"[import] takes: {', '.join(IMPORT_KEYS)}")
    flags = {key: switches[key] for key in ("append", "new-roles", "keep-columns") if key in switches}
    if not all(isinstance(value, bool) for value in flags.values()):
        raise _fail(label, "[import] append, new-roles and keep-columns are true or false")
    header_row = switches.get("header-row", options.header_row)
    if header_row is not None and (not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1):
        raise _fail(label, "[import] header-row is a row number from 1")
    sheet = switches.get("sheet", options.sheet)
    if sheet is not None and not isinstance(sheet, str):
        raise _fail(label, "[import] sheet is the sheet's name")
    return attrs.evolve(
        options,
        columns=columns,
        category=defaults.get("category", options.category),
        recipients={**options.recipients, **recipients},
        categories={**options.categories, **categories},
        append=flags.get("append", options.append),
        new_roles=flags.get("new-roles", options.new_roles),
        keep_columns=flags.get("keep-columns", options.keep_columns),
        header_row=header_row,
        sheet=sheet,
    )


def column_field(name: str, label: str = "--column") -> str:
    """The field key a mapping names (its key, e.g. ``title``, or its export header, e.g. ``Inject Title``)."""
    key = field_key(name)
    if key is None:
        raise _fail(label, f"unknown field {name!r}; the fields are {', '.join(FIELDS)}")
    return key


def column_flag(text: str) -> tuple[str, str]:
    """``FIELD=HEADER`` from the command line as (field key, header); raise InputError when it is not one."""
    name, equals, header = text.partition("=")
    if not equals or not name.strip() or not header.strip():
        raise _fail("--column", f"expected FIELD=HEADER (e.g. title=Subject), found {text!r}")
    return column_field(name.strip()), header.strip()


def recipient_flag(text: str) -> tuple[str, str]:
    """``NAME=ROLE`` from the command line as (the recipient in lower case, the role); raise InputError when it is not one."""
    name, equals, role = text.rpartition("=")
    if not equals or not name.strip() or not role.strip():
        raise _fail("--recipient", f"expected NAME=ROLE (e.g. 'IT Department=it'), found {text!r}")
    return name.strip().lower(), role.strip()
