"""Theme-aware styles for what the engine names: band tones, directions of change, categories."""

from __future__ import annotations

from engine.prose.values import signed

TONE_STYLE = {
    "critical": "bold $error",
    "warning": "bold $warning",
    "neutral": "$foreground",
    "good": "bold $success",
}
"""A band's tone as a style that reads on dark and light themes."""

TONE_BAR = {
    "critical": "$error",
    "warning": "$warning",
    "neutral": "$primary",
    "good": "$success",
}
"""The colour of a variable's bar for its band's tone."""


def change_style(change: int, polarity: str) -> str:
    """Green when a change is good news, red when bad, muted when neither or none."""
    if change == 0 or polarity == "neutral":
        return "$text-muted"
    good = change > 0 if polarity == "higher-is-better" else change < 0
    return "$success" if good else "$error"


def arrow(change: int) -> str:
    return "▲" if change > 0 else "▼" if change < 0 else "•"


def change_mark(change: int, states: tuple[str, ...] = ()) -> str:
    """A change as a bar shows it: "▲+3", "▼−12", "•0"; a variable of named states moves by
    positions, which are no amount, so it shows the arrow alone ("▲", "•")."""
    if states:
        return arrow(change)
    return f"{arrow(change)}{signed(change)}" if change else "•0"


def fit(text: str, width: int) -> str:
    """Text cut to a width by dropping its middle, so "Public support in Seoul" and "...in Tokyo"
    stay tell-apart-able: "Public su…n Seoul"."""
    if len(text) <= width:
        return text
    if width <= 4:
        return text[:width]
    tail = (width - 1) // 2
    return text[: width - 1 - tail] + "…" + text[len(text) - tail :]
