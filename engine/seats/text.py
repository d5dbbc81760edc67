"""The seats' name for the terminal-safe text helpers, which live in `engine.text.terminal` (the one place for every surface)."""

from __future__ import annotations

from engine.text.terminal import REPLACEMENT, printable, printable_lines

__all__ = ["REPLACEMENT", "printable", "printable_lines"]
