"""The diagnostic codes of the schema check, for the format reference and the messages that cite them."""

from __future__ import annotations

from engine.load.diagnostics import CodeInfo

CODES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "missing-property",
        "error",
        "a required property is missing",
        "The object lacks a property the format requires; the message names it.",
    ),
    CodeInfo(
        "unknown-property",
        "error",
        "a property the format does not know",
        "Usually a typo: the message suggests the closest allowed name, or lists the names allowed at that place.",
    ),
    CodeInfo(
        "wrong-type",
        "error",
        "a value of the wrong JSON type",
        "E.g. a string where a number is expected, or a fraction where whitecell wants a whole number. A whole "
        "number written with a decimal point (3.0) is refused too, though JSON Schema alone would take it: write 3.",
    ),
    CodeInfo(
        "not-allowed",
        "error",
        "a value outside a fixed list of choices",
        "Fields such as a shock's category or a variable's polarity take one of a few words; the message lists them.",
    ),
    CodeInfo(
        "out-of-range",
        "error",
        "a number below its minimum or above its maximum",
        "Each number has limits (turn counts, budgets, probabilities from 0 to 1); the message gives the limit.",
    ),
    CodeInfo(
        "bad-id",
        "error",
        "a name that is not a valid id",
        "Ids are lowercase words of letters and digits joined by hyphens, starting with a letter.",
    ),
    CodeInfo(
        "bad-date-format",
        "error",
        "a date not written YYYY-MM-DD",
        "The calendar start date must be written as year, month and day, e.g. 2026-04-01.",
    ),
    CodeInfo(
        "too-few",
        "error",
        "a list or object with too few entries",
        "Some lists must not be empty (roles, variables, outcomes) and comparisons need at least one bound.",
    ),
    CodeInfo(
        "too-many",
        "error",
        "a list with more entries than allowed",
        "Lists have upper limits (e.g. at most 8 roles) that keep a scenario playable around a table.",
    ),
    CodeInfo(
        "too-long", "error", "a text or id longer than allowed", "Ids are at most 64 characters and short texts at most 2,000."
    ),
    CodeInfo(
        "unknown-form",
        "error",
        "a condition or effect that is none of the known forms",
        "A condition or effect is an object picked by one key (var, all... or add, set...); the message lists them.",
    ),
    CodeInfo(
        "several-forms",
        "error",
        "a condition or effect object that has two forms at once",
        "Each condition or effect object holds exactly one form; put several inside a list (all, or an effects list).",
    ),
    CodeInfo(
        "schema-mismatch",
        "error",
        "a schema rule with no more specific code",
        "A fallback for schema rules that whitecell does not yet explain in its own words; the message is the validator's.",
    ),
)
