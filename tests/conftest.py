"""Test settings: hypothesis profiles (quick by default and in CI, thorough on request).

Set WHITECELL_HYPOTHESIS=thorough for many more examples per property.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("quick", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("WHITECELL_HYPOTHESIS", "quick"))
