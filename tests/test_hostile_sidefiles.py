"""Files beside a journal are never written through a planted link (issue 15, findings 6 and 9).

Each test plants something in advance where whitecell will write (a symbolic link to a file of
the user's, a hard link, a file appearing during creation) or stops creation half way, and
checks that the user's file is untouched and that the journal's name is never taken by an
empty or half-written journal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.journal import writer as journal_writer
from engine.journal.format import line_bytes
from engine.journal.reader import read_journal
from engine.journal.session import Session, SessionError
from engine.journal.sidefiles import NotAPlainFile, append_to_plain_file, read_plain_file, write_atomically
from engine.journal.writer import JournalExists, JournalWriter
from engine.seats.codes import JoinCodes, codes_path
from tests.journals import scenario, write_journal

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")

PRECIOUS = b"the user's own file\n"


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "elsewhere" / "precious.txt"
    victim.parent.mkdir()
    victim.write_bytes(PRECIOUS)
    return victim


def _cut_off_journal(path: Path) -> None:
    write_journal(path)
    with path.open("ab") as handle:
        handle.write(b'{"n":99,"at":"2026-')


def test_resuming_never_writes_the_cut_off_line_through_a_planted_dropped_link(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    journal = tmp_path / "game.jsonl"
    _cut_off_journal(journal)
    Path(f"{journal}.dropped").symlink_to(victim)
    session, recovery = Session.resume(journal)
    session.close()
    assert victim.read_bytes() == PRECIOUS
    assert recovery.kept_in is None
    message = recovery.message()
    assert message is not None and "could not be kept" in message
    assert read_journal(journal).dropped_tail == b""  # the journal itself was still repaired


def test_a_hard_link_or_a_folder_named_dropped_is_refused_and_a_plain_one_grows(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    linked = tmp_path / "linked.dropped"
    os.link(victim, linked)
    with pytest.raises(NotAPlainFile):
        append_to_plain_file(linked, b"x\n")
    assert victim.read_bytes() == PRECIOUS
    folder = tmp_path / "folder.dropped"
    folder.mkdir()
    with pytest.raises(OSError):
        append_to_plain_file(folder, b"x\n")
    plain = tmp_path / "plain.dropped"
    append_to_plain_file(plain, b"one\n")
    append_to_plain_file(plain, b"two\n")
    assert plain.read_bytes() == b"one\ntwo\n"
    assert plain.stat().st_mode & 0o777 == 0o600


def test_the_seat_codes_file_replaces_a_planted_link_and_never_reads_through_one(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    journal = tmp_path / "game.jsonl"
    place = codes_path(journal)
    place.symlink_to(victim)
    JoinCodes.fresh(["seoul", "tokyo"]).save(place)
    assert victim.read_bytes() == PRECIOUS
    assert not place.is_symlink() and place.stat().st_mode & 0o777 == 0o600
    assert json.loads(place.read_text(encoding="utf-8"))["codes"].keys() == {"seoul", "tokyo"}

    place.unlink()
    place.symlink_to(victim)
    with pytest.raises(NotAPlainFile):
        JoinCodes.for_journal(journal, ["seoul", "tokyo"], resume=True)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotAPlainFile):
        read_plain_file(fifo)  # a pipe would block forever; it is refused at once


def test_write_atomically_leaves_no_temporary_file_and_can_refuse_to_replace(tmp_path: Path) -> None:
    target = tmp_path / "side.json"
    write_atomically(target, b"1")
    write_atomically(target, b"2")
    assert target.read_bytes() == b"2"
    with pytest.raises(FileExistsError):
        write_atomically(target, b"3", replace=False)
    assert target.read_bytes() == b"2"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["side.json"]


def test_a_new_journal_never_replaces_a_planted_link_or_a_file_that_appears_while_it_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = _victim(tmp_path)
    dangling = tmp_path / "dangling.jsonl"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(SessionError, match="already exists"):
        Session.new(scenario(), 1, dangling).close()
    assert not (tmp_path / "nowhere").exists()

    raced = tmp_path / "raced.jsonl"
    from engine.journal.sidefiles import move_into_place as real_move

    def another_process_first(temporary: Path, target: Path, *, replace: bool) -> None:
        target.symlink_to(victim)  # appears after the check, before the journal takes the name
        real_move(temporary, target, replace=replace)

    monkeypatch.setattr(journal_writer, "move_into_place", another_process_first)
    with pytest.raises(JournalExists):
        JournalWriter.create(raced, {"journal": "whitecell"})
    assert victim.read_bytes() == PRECIOUS
    assert raced.is_symlink()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dangling.jsonl", "elsewhere", "raced.jsonl"]


def test_a_failure_before_the_header_is_on_disk_leaves_the_name_free(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "game.jsonl"

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        JournalWriter.create(path, {"journal": "whitecell"})
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
    Session.new(scenario(), 1, path).close()
    assert read_journal(path).header["journal"] == "whitecell"


def test_a_kill_while_a_journal_is_created_leaves_no_empty_journal(tmp_path: Path) -> None:
    """Finding 9: the process is killed after writing the header, before the journal takes its name."""
    path = tmp_path / "game.jsonl"
    program = (
        "import os, signal, sys\n"
        "from engine.journal import writer\n"
        "def killed(temporary, target, *, replace):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "writer.move_into_place = killed\n"
        "writer.JournalWriter.create(sys.argv[1], {'journal': 'whitecell'})\n"
    )
    root = Path(__file__).parent.parent
    done = subprocess.run([sys.executable, "-c", program, str(path)], cwd=root, timeout=60, check=False)
    assert done.returncode == -9
    assert not path.exists()
    leftovers = list(tmp_path.iterdir())
    assert [item.name.startswith(".game.jsonl.") for item in leftovers] == [True]
    assert leftovers[0].read_bytes() == line_bytes({"journal": "whitecell"})  # the header was whole, the name free
    Session.new(scenario(), 1, path).close()
    assert read_journal(path).header["journal"] == "whitecell"


@pytest.mark.parametrize("planted", ["link", "damaged"])
def test_serve_says_what_is_wrong_with_a_planted_or_damaged_codes_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, planted: str
) -> None:
    from tests.test_cli import run_here

    victim = _victim(tmp_path)
    journal = tmp_path / "duel.jsonl"
    write_journal(journal, ())
    place = codes_path(journal)
    if planted == "link":
        place.symlink_to(victim)
    else:
        place.write_text("{not json", encoding="utf-8")
    result = run_here(capsys, "serve", "--resume", str(journal))
    assert result.returncode == 1, result.stderr
    assert "cannot use the seats' files beside the journal" in result.stderr
    assert "Traceback" not in result.stderr
    assert victim.read_bytes() == PRECIOUS


def test_a_report_written_over_a_planted_link_replaces_the_link_never_the_file_behind_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.test_cli import run_here

    victim = _victim(tmp_path)
    journal = tmp_path / "game.jsonl"
    write_journal(journal)
    output = tmp_path / "aar.md"
    output.symlink_to(victim)
    refused = run_here(capsys, "report", str(journal), "-o", str(output))
    assert refused.returncode == 1 and "add --force" in refused.stderr
    written = run_here(capsys, "report", str(journal), "-o", str(output), "--force")
    assert written.returncode == 0, written.stderr
    assert victim.read_bytes() == PRECIOUS
    assert not output.is_symlink() and output.read_text(encoding="utf-8").startswith("# After-action report")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["aar.md", "elsewhere", "game.jsonl"]
