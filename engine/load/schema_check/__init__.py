"""Check a parsed scenario against its JSON Schema and say what is wrong in plain words.

A quick checker reading the same schema answers "valid or not" first (`quick_check`), since
most documents are valid and importing jsonschema costs more than checking a whole scenario;
jsonschema then finds what is wrong (`explain`) and each error is put in an author's words
(`wording`), under the codes of `codes`. `prepared` is the schema as both checkers read it.
"""

from __future__ import annotations

from engine.load.schema_check.codes import CODES
from engine.load.schema_check.explain import MAX_COUNTED, SchemaProblems, schema_findings, schema_problems
from engine.load.schema_check.prepared import _validation_schema as _validation_schema
from engine.load.schema_check.quick_check import schema_valid
from engine.load.schema_check.wording import _HANDLERS as _HANDLERS
from engine.load.schema_check.wording import _translate as _translate

# The three private names are exported for the tests, which check through this package that
# every keyword the schema validates with has its own words.
__all__ = ["CODES", "MAX_COUNTED", "SchemaProblems", "schema_findings", "schema_problems", "schema_valid"]
