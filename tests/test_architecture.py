"""The shape DESIGN asks for: a pure engine core that knows nothing of the UI, the disk or the clock."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "engine"
CORE = tuple(sorted(path.stem for path in (ENGINE / "core").glob("*.py") if path.stem != "__init__"))
IMPURE_MODULES = {"os", "time", "datetime", "random", "pathlib", "io", "sys", "subprocess", "socket", "shutil"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_engine_never_imports_the_ui() -> None:
    """Every module of the engine, its subpackages (engine/report, engine/schema) included, and
    imports inside functions too (ast.walk sees them): none reaches for textual, rich or tui."""
    paths = list(ENGINE.rglob("*.py"))
    scanned = {path.relative_to(ENGINE).parts[0] for path in paths if len(path.relative_to(ENGINE).parts) > 1}
    assert {"core", "documents", "schema"} <= scanned, "the check must also cover the engine's subpackages"
    for path in paths:
        for name in _imports(path):
            root = name.split(".")[0]
            assert root not in ("textual", "tui", "rich"), f"{path.name} imports {name}"


def test_core_modules_do_no_io_and_read_no_clock() -> None:
    for module in CORE:
        path = ENGINE / "core" / f"{module}.py"
        imported = {name.split(".")[0] for name in _imports(path)}
        assert not imported & IMPURE_MODULES, f"{module} imports {imported & IMPURE_MODULES}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert not calls & {"open", "print", "input", "eval", "exec", "compile", "__import__"}, module


def test_nothing_in_the_engine_evaluates_text() -> None:
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert not calls & {"eval", "exec", "compile"}, path.name


def test_every_built_in_bot_is_made_by_its_name() -> None:
    from engine.bots.registry import BUILT_IN, bot_names, make_bot

    assert bot_names()[: len(BUILT_IN)] == tuple(BUILT_IN)
    for name in BUILT_IN:
        assert make_bot(name).name == name


DATA_TABLES = {"engine/templates/full.py"}
"""Modules that are data written as code (a template scenario), exempt from the length limit."""


def test_no_module_is_over_450_lines_outside_data_tables() -> None:
    root = ENGINE.parent
    long = {
        str(path.relative_to(root)): count
        for folder in ("engine", "tui")
        for path in (root / folder).rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert set(long) <= DATA_TABLES, f"split these by job: {long}"


def test_the_engine_shows_its_layers_as_packages_each_saying_what_it_may_import() -> None:
    loose = sorted(path.name for path in ENGINE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "exercise.py", "version.py"]
    layers = ("core", "prose", "load", "bots", "journal", "audience", "lint", "msel", "templates", "documents", "seats", "cli")
    for layer in layers:
        doc = ast.get_docstring(ast.parse((ENGINE / layer / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, f"engine/{layer} must say its job and what it may import"
