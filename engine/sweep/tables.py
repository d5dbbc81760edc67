"""A sweep as a table: one row per setting, as text for a terminal or CSV for pandas and spreadsheets.

Each row has the setting's values, then how the games ended (the share of each outcome), each
role's mean score and the mean game length; the CSV adds every variable's mean at the end and
how many games each shock fired in, with counts rather than shares so rows add up exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from engine.core.nouns import counted
from engine.sweep.run import Sweep
from engine.sweep.vary import Number

Guard = Callable[[str], str]
"""Makes a text cell safe to open in a spreadsheet (the CLI passes the events list's guard)."""


def _value(value: Number) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def sweep_text(sweep: Sweep) -> str:
    """The table for a terminal: a header, then one line per setting."""
    scenario = sweep.scenario
    bots = ", ".join(f"{role}: {bot}" for role, bot in sweep.policies.items())
    lines = [
        f"{scenario.title} ({scenario.id})",
        f"{counted(len(sweep.rows), 'setting')} of {counted(sweep.games, 'game')} each, seed {sweep.seed}; {bots}",
        "",
    ]
    columns = [vary.path for vary in sweep.varies]
    columns += [outcome.title for outcome in scenario.outcomes]
    columns += [f"{role.name} score" for role in scenario.roles]
    columns.append("length")
    cells = []
    for row in sweep.rows:
        report = row.report
        n = report.games
        line = [_value(value) for value in row.setting.values]
        line += [f"{100 * report.outcomes[outcome.id] / n:.1f}%" for outcome in scenario.outcomes]
        line += [f"{report.scores[role.id].mean:g}" for role in scenario.roles]
        line.append(f"{report.turns.mean:g}")
        cells.append(line)
    widths = [max([len(column), *(len(line[n]) for line in cells)]) for n, column in enumerate(columns)]
    lines.append("  ".join(column.rjust(width) for column, width in zip(columns, widths, strict=True)).rstrip())
    for line in cells:
        lines.append("  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)))
    lines += ["", "Outcome columns: the share of the setting's games that ended so; score: each role's mean objective score."]
    return "\n".join(lines) + "\n"


def sweep_csv(sweep: Sweep, guard: Guard) -> str:
    """One CSV row per setting: values by path, then counts and means by id (``pandas.read_csv`` reads numbers)."""
    scenario = sweep.scenario
    header = [vary.path for vary in sweep.varies]
    header += ["games", "engine"]
    header += [f"outcome.{outcome.id}" for outcome in scenario.outcomes]
    header += [f"score.{role.id}.mean" for role in scenario.roles]
    header.append("end_turn.mean")
    header += [f"var.{var.id}.mean" for var in scenario.variables]
    header += [f"shock.{shock.id}" for shock in scenario.shocks]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([guard(cell) for cell in header])
    for row in sweep.rows:
        report = row.report
        cells: list[object] = [*row.setting.values, report.games, guard(row.engine)]
        cells += [report.outcomes[outcome.id] for outcome in scenario.outcomes]
        cells += [report.scores[role.id].mean for role in scenario.roles]
        cells.append(report.turns.mean)
        cells += [report.variables[var.id].mean for var in scenario.variables]
        cells += [report.shocks[shock.id] for shock in scenario.shocks]
        writer.writerow(cells)
    return out.getvalue()
