"""Another distribution's `engine` (or `scenarios`) hiding whitecell's: the entry point says so in one
paragraph, with the other package's path and the fix, and exits 1, instead of failing with a traceback.

Each case runs the real entry point in a fresh Python with a fake package first on PYTHONPATH and the
project after it, so that `tui` is whitecell's while the fake package wins.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tui.main
from engine.version import __version__

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "from tui.main import run; run()"
SCRIPT = Path(sys.executable).parent / "whitecell"


def _package(folder: Path, name: str, source: str, *parts: str) -> Path:
    """Write a package ``name`` in ``folder`` whose __init__ is ``source``, with empty subpackages ``parts``."""
    package = folder / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(source, encoding="utf-8")
    for part in parts:
        (package / part).mkdir()
        (package / part / "__init__.py").write_text("", encoding="utf-8")
    return package


def _run(command: list[str], path: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(entry) for entry in path)}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False)


def _entry_point(fake: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-c", ENTRY, *args], [fake, ROOT], fake)


def _refused(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Exit 1, nothing on stdout, one paragraph on stderr naming the fix; the paragraph with its lines joined."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("\n")
    assert "\n\n" not in result.stderr, "one paragraph"
    paragraph = " ".join(result.stderr.split())
    assert paragraph.startswith("whitecell: error: ")
    assert "'pipx install .'" in paragraph
    assert "'uv tool install .'" in paragraph
    for needle in needles:
        assert needle in paragraph, needle
    return paragraph


def test_whitecell_installed_as_it_should_be_passes_the_check() -> None:
    assert tui.main.installation_problem() is None


def test_the_entry_point_runs_as_usual_without_a_clash(tmp_path: Path) -> None:
    result = _entry_point(tmp_path, "--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"whitecell {__version__}\n", "")


def test_another_engine_first_on_the_path_is_named_with_its_path(tmp_path: Path) -> None:
    fake = _package(tmp_path, "engine", '"""Some other game engine."""\n')
    paragraph = _refused(
        _entry_point(tmp_path, "list"), f"the package 'engine' that Python imports, at {fake}, is not whitecell's"
    )
    assert "Another installed distribution ships a top-level package of the same name" in paragraph


def test_another_engine_that_fails_to_import_is_reported_the_same_way(tmp_path: Path) -> None:
    fake = _package(tmp_path, "engine", 'raise RuntimeError("this engine needs a GPU")\n')
    _refused(_entry_point(tmp_path, "validate", "x.json"), f"at {fake}, does not import (this engine needs a GPU)")


def test_an_engine_marked_as_whitecells_but_missing_its_parts_is_reported(tmp_path: Path) -> None:
    """Two distributions installed into one folder: whitecell's marker, another's files."""
    fake = _package(tmp_path, "engine", "IS_WHITECELL = True\n", "cli")
    _refused(_entry_point(tmp_path), f"the package 'engine' that Python imports, at {fake}, does not import", "engine.cli.main")


def test_another_scenarios_package_is_reported(tmp_path: Path) -> None:
    fake = _package(tmp_path, "scenarios", '"""Someone else\'s scenarios."""\n')
    _refused(
        _entry_point(tmp_path, "list"), f"the package 'scenarios' that Python imports, at {fake}, does not import", "DEFAULT"
    )


def test_no_engine_at_all_says_whitecell_is_not_completely_installed(tmp_path: Path) -> None:
    """Without site-packages (-S) and with only a copy of `tui` on the path, no `engine` can be found."""
    shutil.copytree(ROOT / "tui", tmp_path / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    result = _run([sys.executable, "-S", "-c", ENTRY, "list"], [tmp_path], tmp_path)
    _refused(result, "finds no package 'engine'", "whitecell is not completely installed")


def test_a_missing_dependency_is_not_disguised_as_a_clash(tmp_path: Path) -> None:
    """An import error about a package that is not whitecell's is raised as it is: the check only speaks of clashes."""
    _package(tmp_path, "engine", "IS_WHITECELL = True\n", "cli")
    (tmp_path / "engine" / "cli" / "main.py").write_text("import no_such_dependency_of_whitecell\n", encoding="utf-8")
    result = _entry_point(tmp_path, "list")
    assert result.returncode == 1
    assert "ModuleNotFoundError: No module named 'no_such_dependency_of_whitecell'" in result.stderr


@pytest.mark.skipif(not SCRIPT.exists(), reason="the whitecell script is not installed beside this Python")
def test_the_installed_script_reports_a_clash(tmp_path: Path) -> None:
    fake = _package(tmp_path, "engine", '"""Some other game engine."""\n')
    _refused(_run([str(SCRIPT), "--help"], [tmp_path], tmp_path), f"at {fake}, is not whitecell's")
