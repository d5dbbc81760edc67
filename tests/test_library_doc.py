"""The library's documentation runs: every example in docs/library.md and the README is a doctest."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from engine.bots import registry

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", ["docs/library.md", "README.md"])
def test_the_examples_in_the_documentation_run_as_written(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_registered", {})  # the examples register a bot: keep it out of other tests
    result = doctest.testfile(
        str(ROOT / name), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} fail (run: python -m doctest -v {name})"
    if name == "docs/library.md":
        assert result.attempted >= 40


def test_the_face_exports_what_the_documentation_names() -> None:
    import engine

    assert set(engine.__all__) == {"__version__", *engine._FACE}, "__all__ and the lazy table must list the same names"
    for name in engine.__all__:
        assert getattr(engine, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        _ = engine.nonsense
