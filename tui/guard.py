"""Actions that cannot end the session: whatever goes wrong in one becomes a notification."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def guarded(method: Callable[..., T]) -> Callable[..., T | None]:
    """Run an action so that an unexpected error becomes a notification, not the end of the session.

    Once the app is leaving (q was pressed), keys still queued do nothing: a dialog opened while
    the screens are being taken down would fail to build."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> T | None:
        if self.leaving:
            return None
        try:
            return method(self, *args, **kwargs)
        except Exception as error:  # the session must survive anything a screen does
            self.notify(
                f"{type(error).__name__}: {error}. The session goes on; the journal is safe.",
                title="Something went wrong",
                severity="error",
                timeout=15,
            )
            return None

    return wrapper
