"""Every kind of condition, effect, command and event is handled wherever the engine dispatches on kind.

The dispatches are `match` statements ending in ``case _: assert_never(x)``, so mypy strict reports a
kind left out. The first test proves that mechanically: for each of the four unions it writes a
module with one match per kind, that kind left out, and checks that mypy names each missing kind
(and accepts the match that leaves none out). The second keeps the old style from coming back:
no function in the engine tests one value against four or more condition or effect kinds with
``isinstance``, the chain whose silent last branch ("then it must be Not") mypy cannot check.
"""

from __future__ import annotations

import ast
import types
import typing
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import mypy.api
import pytest

from engine.core import commands as cmd
from engine.core import events as ev
from engine.core import model as m

ROOT = Path(__file__).resolve().parent.parent

UNIONS: dict[str, tuple[str, str, types.ModuleType]] = {
    # name: (module alias, union's name in that module, the module)
    "Condition": ("m", "Condition", m),
    "Effect": ("m", "Effect", m),
    "SessionCommand": ("cmd", "SessionCommand", cmd),
    "Event": ("ev", "Event", ev),
}
IMPORTS = {"m": "model", "cmd": "commands", "ev": "events"}


def kinds(union: str) -> tuple[str, ...]:
    """The names of a union's member classes, in declaration order."""
    _, name, module = UNIONS[union]
    return tuple(member.__name__ for member in typing.get_args(getattr(module, name)))


def _probe(union: str) -> tuple[str, dict[int, str]]:
    """A module matching over the union once per kind, with that kind left out, and once with none left out.

    Returns the source and, for each line that must be reported, the kind missing there.
    """
    alias, name, _ = UNIONS[union]
    members = kinds(union)
    lines = [
        "from typing import assert_never",
        "",
        f"from engine.core import {IMPORTS[alias]} as {alias}",
        "",
    ]
    expected: dict[int, str] = {}
    for missing in (*members, None):
        handled = [kind for kind in members if kind != missing]
        lines += [
            "",
            f"def without_{missing or 'none'}(x: {alias}.{name}) -> int:",
            "    match x:",
            "        case " + " | ".join(f"{alias}.{kind}()" for kind in handled) + ":",
            "            return 1",
            "        case _:",
            "            assert_never(x)",
        ]
        if missing is not None:
            expected[len(lines)] = missing
    return "\n".join(lines) + "\n", expected


def test_mypy_names_the_kind_a_match_leaves_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected: dict[tuple[str, int], str] = {}
    files = []
    for union in UNIONS:
        source, missing = _probe(union)
        path = tmp_path / f"probe_{union.lower()}.py"
        path.write_text(source, encoding="utf-8")
        files.append(str(path))
        expected.update({(path.name, line): kind for line, kind in missing.items()})
    assert len(expected) == sum(len(kinds(union)) for union in UNIONS)

    monkeypatch.setenv("MYPYPATH", str(ROOT))
    # the engine's own errors are plain `mypy`'s business: here only the probes' count
    report, errors, status = mypy.api.run(
        ["--strict", "--config-file", "", "--follow-imports", "silent", "--cache-dir", "/dev/null", *files]
    )
    assert not errors, errors

    reported: dict[tuple[str, int], str] = {}
    for line in report.splitlines():
        if ": error: " not in line:
            continue
        where, message = line.split(": error: ", 1)
        file, number = where.rsplit(":", 1)
        reported[(Path(file).name, int(number))] = message
    assert status == 1, report
    assert reported.keys() == expected.keys(), report
    for place, kind in expected.items():
        message = reported[place]
        assert "assert_never" in message and f'"{kind}"' in message, f"{place}: {message}"


# --- no isinstance chains over conditions or effects ----------------------------------------------

MODEL_KINDS = frozenset(kinds("Condition") + kinds("Effect"))
LONGEST_CHAIN = 3
"""The most ``isinstance`` tests of one value against condition or effect kinds a function may make."""


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _absolute(module: str | None, level: int, importer: str, is_package: bool) -> str:
    """The absolute name of a module imported as ``from <level dots><module> import ...``."""
    if level == 0:
        return module or ""
    parts = importer.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _model_bindings(tree: ast.Module, importer: str, is_package: bool) -> tuple[set[str], dict[str, str]]:
    """The local names a module gives to `engine.core.model` and to its condition and effect classes."""
    modules = {"engine.core.model"}
    classes: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.asname for alias in node.names if alias.name == "engine.core.model" and alias.asname)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node.module, node.level, importer, is_package)
            for alias in node.names:
                if source == "engine.core" and alias.name == "model":
                    modules.add(alias.asname or alias.name)
                elif source == "engine.core.model" and alias.name in MODEL_KINDS:
                    classes[alias.asname or alias.name] = alias.name
    return modules, classes


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        value = _dotted(node.value)
        return None if value is None else f"{value}.{node.attr}"
    return None


def _classes_named(node: ast.expr) -> Iterator[ast.expr]:
    """The class expressions in isinstance's second argument: a class, a tuple of them or an ``A | B`` union."""
    if isinstance(node, ast.Tuple):
        for item in node.elts:
            yield from _classes_named(item)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from _classes_named(node.left)
        yield from _classes_named(node.right)
    else:
        yield node


def _own_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of a function's body, not those of the functions and classes defined inside it."""
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
                pending.append(child)


def isinstance_chains(source: str, module: str, is_package: bool = False) -> list[tuple[str, int, int]]:
    """(function, line, count) for each function testing one value against more than LONGEST_CHAIN model kinds."""
    tree = ast.parse(source)
    modules, classes = _model_bindings(tree, module, is_package)

    def is_kind(node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            return node.id in classes
        if isinstance(node, ast.Attribute):
            return node.attr in MODEL_KINDS and _dotted(node.value) in modules
        return False

    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        tests: Counter[str] = Counter()
        for node in _own_nodes(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "isinstance"
                and len(node.args) == 2
                and any(is_kind(item) for item in _classes_named(node.args[1]))
            ):
                tests[ast.dump(node.args[0])] += 1
        longest = max(tests.values(), default=0)
        if longest > LONGEST_CHAIN:
            found.append((function.name, function.lineno, longest))
    return found


OLD_STYLE = """
from engine.core import model as m
from engine.core.model import AllOf as Every

def describe(cond):
    if isinstance(cond, m.VarTest):
        return "var"
    if isinstance(cond, (m.InBand, m.ResourceTest)):
        return "number"
    if isinstance(cond, Every):
        return "all"
    def helper(other):
        return isinstance(other, m.AnyOf)
    if isinstance(cond, m.AnyOf | m.ChoseTest):
        return "any"
    return "not"

def walk(effect):
    if isinstance(effect, m.Chance):
        pass
    elif isinstance(effect, m.Pick):
        pass
    elif isinstance(effect, m.If):
        pass
    elif isinstance(effect, ast.Not):
        pass
"""


def test_the_chain_finder_finds_the_old_style() -> None:
    # four tests of ``cond`` (the nested helper's is its own); ``walk`` has three, ast.Not is not the model's
    assert isinstance_chains(OLD_STYLE, "engine.example") == [("describe", 5, 4)]
    relative = OLD_STYLE.replace("from engine.core import model as m", "from . import model as m")
    assert isinstance_chains(relative, "engine.core.example") == [("describe", 5, 4)]


def test_no_isinstance_chains_over_conditions_or_effects() -> None:
    found = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        module = _module_name(path)
        for function, line, count in isinstance_chains(path.read_text(encoding="utf-8"), module, path.name == "__init__.py"):
            found.append(f"{path.relative_to(ROOT)}:{line} {function}: {count} isinstance tests of one value")
    assert not found, "dispatch over conditions or effects with `match` and `assert_never` instead:\n" + "\n".join(found)
