"""How long `msel import` takes on a 10,000-row events list (goal, issue 14: under 2 s, and its dry run too).

Run: python tests/benchmark_msel.py [ROWS]. Builds lists in memory (default 10,000 rows) and prints
the best of three in-process timings for each (import, its dry run, and import of the clean list
saved as an XLSX workbook, which needs openpyxl): a clean list (answered by the cap on shocks a
scenario holds) and a list where every row names a variable and a follow-up that do not exist
(every name gets its "did you mean", which once compared each with every row: 21 s at 8,000).
Not a test: timings on a shared machine vary too much to assert on.
"""

from __future__ import annotations

import csv
import functools
import io
import sys
import time
from collections.abc import Callable

from engine.cli.msel import report
from engine.load.diagnostics import InputError
from engine.msel.dryrun import dry_run, dry_run_text
from engine.msel.importer import Reading, import_events
from engine.msel.sources import read_events
from engine.msel.table import read_table
from engine.msel.template import template
from engine.msel.workbook import workbook_bytes

HEADER = ["Serial", "Turn", "Inject ID", "Inject Title", "Description", "Category", "Trigger", "Effects", "Follow-ups"]


def events_list(rows: int, *, typos: bool) -> bytes:
    """A CSV events list of ``rows`` injects; with ``typos`` every row misspells a variable and a shock."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    variable, shock = ("trst", "injct") if typos else ("trust", "inject")
    for index in range(rows):
        follow = f"{shock}-{(index + 1) % rows} after 1" if index % 3 == 0 else ""
        cells = [str(index + 1), str(index % 8 + 1), f"inject-{index}", f"Inject {index}", "Something happens.", "other"]
        writer.writerow([*cells, f"{variable} >= 10", "trust +1; tension -1", follow])
    return buffer.getvalue().encode("utf-8")


def best_of(runs: int, action: Callable[[], object]) -> float:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - began)
    return min(seconds)


def import_once(data: bytes) -> int:
    """Import the list; the number of problems reported (0 when it imported)."""
    try:
        import_events(read_table(data, "events.csv"), template(), "out.json")
    except InputError as error:
        return len(error.diagnostics)
    return 0


def dry_run_once(data: bytes) -> int:
    """The dry run of the list, as `msel import --dry-run` prints it; the length of its text."""
    reading = Reading()
    try:
        diagnostics = import_events(read_table(data, "events.csv"), template(), "out.json", reading=reading).warnings
    except InputError as error:
        diagnostics = error.diagnostics
    return len(dry_run_text(dry_run(reading, diagnostics)) + report(diagnostics))


def workbook_once(data: bytes) -> int:
    """Import the list saved as an XLSX workbook (read through openpyxl); the number of problems."""
    try:
        import_events(read_events(data, "events.xlsx"), template(), "out.json")
    except InputError as error:
        return len(error.diagnostics)
    return 0


def as_workbook(data: bytes) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    return workbook_bytes(rows[0], rows[1:])


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    for name, typos in (("clean", False), ("a typo in every row", True)):
        data = events_list(rows, typos=typos)
        problems = import_once(data)
        seconds = best_of(3, functools.partial(import_once, data))
        print(f"import, {rows:,} rows, {name}: {seconds:.2f} s ({problems:,} problems reported)")
        size = dry_run_once(data)
        seconds = best_of(3, functools.partial(dry_run_once, data))
        print(f"dry run, {rows:,} rows, {name}: {seconds:.2f} s ({size:,} characters of text)")
    book = as_workbook(events_list(rows, typos=False))
    problems = workbook_once(book)
    seconds = best_of(3, functools.partial(workbook_once, book))
    print(f"import of an XLSX workbook, {rows:,} rows, clean: {seconds:.2f} s ({problems:,} problems reported)")


if __name__ == "__main__":
    main()
