"""Test settings: hypothesis profiles (quick by default and in CI, thorough on request).

Set WHITECELL_HYPOTHESIS=thorough for many more examples per property. Journals written without a
path go to a folder of the test run's own (WHITECELL_HOME), never into the real home folder.
"""

from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, settings

from tests.settling import install as install_settling

settings.register_profile("quick", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("WHITECELL_HYPOTHESIS", "quick"))

os.environ["WHITECELL_HOME"] = tempfile.mkdtemp(prefix="whitecell-home-")  # inherited by the commands tests run

install_settling()  # Pilot waits for the app's messages, not for a quiet CPU (tests/settling.py says why)
