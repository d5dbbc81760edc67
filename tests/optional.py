"""Tests that need an optional extra (numba, distributed): skipped where it is missing, but never in CI.

CI installs the test extra, which holds every optional package, so a missing one there is a
broken install and must fail rather than pass by skipping.
"""

from __future__ import annotations

import importlib.util
import os

import pytest


def need(module: str, extra: str) -> None:
    """Skip the calling test when ``module`` is not installed, unless running in CI (then fail)."""
    if importlib.util.find_spec(module) is not None:
        return
    message = f"{module} is not installed (pip install '.[{extra}]' or '.[test]')"
    if os.environ.get("CI"):
        pytest.fail(f"CI must install every optional extra the tests use: {message}")
    pytest.skip(message)
