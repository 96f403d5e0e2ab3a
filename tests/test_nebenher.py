"""A second process does its parts and sends each result back; where it cannot, the results end
early and the caller does the rest itself."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from luedialog import nebenher
from luedialog.nebenher import Nebenher

pytestmark = pytest.mark.skipif(not nebenher.usable(), reason="braucht Linux mit zwei nutzbaren Kernen")


def test_each_result_comes_back_in_order() -> None:
    with Nebenher(lambda n: [n] * n, [1, 2, 3]) as second:
        assert list(second.results()) == [[1], [2, 2], [3, 3, 3]]


def test_large_results_arrive_whole() -> None:
    """Far more than a pipe holds at once, while this process is busy elsewhere."""
    with Nebenher(lambda n: bytes([n]) * 5_000_000, [1, 2, 3]) as second:
        busy = sum(range(3_000_000))
        assert [(len(r), r[:1], r[-1:]) for r in second.results()] == [
            (5_000_000, b"\x01", b"\x01"),
            (5_000_000, b"\x02", b"\x02"),
            (5_000_000, b"\x03", b"\x03"),
        ]
    assert busy == 4_499_998_500_000


def test_the_reading_thread_gets_its_turn_sooner_while_large_results_come() -> None:
    """Python lets a busy thread keep the global lock for 5 ms; each time the pipe is full the second
    process waited that long for the reading thread here. With large results it is 0.5 ms within the
    block, afterwards what it was; for small results (and when nothing runs there) it stays."""
    before = sys.getswitchinterval()
    with Nebenher(lambda n: n, [1], large=True) as second:
        assert sys.getswitchinterval() == pytest.approx(nebenher.SWITCH_SECONDS)
        assert list(second.results()) == [1]
    assert sys.getswitchinterval() == before
    with Nebenher(lambda n: n, [1]) as second:
        assert sys.getswitchinterval() == before
        assert list(second.results()) == [1]
    nothing: list[int] = []
    with Nebenher(lambda n: n, nothing, large=True):
        assert sys.getswitchinterval() == before


def test_the_switch_interval_comes_back_also_when_ctrl_c_comes_while_ending(monkeypatch: pytest.MonkeyPatch) -> None:
    before = sys.getswitchinterval()

    def interrupted(self: object, timeout: float | None = None) -> None:
        raise KeyboardInterrupt

    second = Nebenher(lambda n: n, [1], large=True)
    with pytest.raises(KeyboardInterrupt), second:
        assert list(second.results()) == [1]
        monkeypatch.setattr(multiprocessing.process.BaseProcess, "join", interrupted)
    monkeypatch.undo()
    assert sys.getswitchinterval() == before
    assert second._process is not None
    second._process.join()


def fails_at_three(n: int) -> int:
    if n == 3:
        raise ValueError("kaputt")
    return n * 10


def test_a_failing_part_ends_the_results_there() -> None:
    with Nebenher(fails_at_three, [1, 2, 3, 4]) as second:
        assert list(second.results()) == [10, 20]


def test_without_a_second_process_there_are_no_results(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_process(self: object) -> None:
        raise OSError("keine Prozesse")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_process)
    with Nebenher(lambda n: n, [1, 2]) as second:
        assert list(second.results()) == []


def test_nothing_to_do_starts_no_process() -> None:
    nothing: list[int] = []
    with Nebenher(lambda n: n, nothing) as second:
        assert multiprocessing.active_children() == []
        assert list(second.results()) == []


def test_leaving_early_stops_the_second_process() -> None:
    def slow(n: int) -> int:
        import time

        time.sleep(30)
        return n

    with Nebenher(slow, [1]):
        assert len(multiprocessing.active_children()) == 1
    assert multiprocessing.active_children() == []


def test_the_second_process_does_not_repeat_this_one_s_output() -> None:
    """What this process had printed but not yet written out is written once, not by the copy too."""
    script = textwrap.dedent(
        """
        import sys
        from luedialog.nebenher import Nebenher
        print("vorher", end="")
        sys.stderr.write("fehler vorher ")
        with Nebenher(lambda n: n + 1, [1, 2]) as second:
            print(list(second.results()))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert (done.stdout, done.stderr) == ("vorher[2, 3]\n", "fehler vorher ")


def _run_until(script: str, pid_file: Path, then: Callable[[subprocess.Popen[str]], None]) -> tuple[str, str]:
    """Run ``script``; once the second process has written its pid, do ``then`` to the first one."""
    first = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), str(pid_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as in a terminal
    )
    try:
        deadline = time.monotonic() + 20
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline, "der zweite Prozess ist nicht angelaufen"
            time.sleep(0.05)
        then(first)
        out, err = first.communicate(timeout=60)  # ends only when no process holds its output
    finally:
        first.kill()
        with contextlib.suppress(ValueError, ProcessLookupError, FileNotFoundError):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)  # what a failing test leaves behind
    return out, err


# The second process's parts take their time, so that a signal sent once it has started comes while
# it works, even on a busy machine. Ctrl-C as in a terminal: a process started in the background by
# a shell without job control (``cmd &`` in a script, as a CI job may be) inherits SIGINT ignored,
# and Python then leaves it so.
SECOND = """
    import os, signal, sys, time
    from pathlib import Path
    from luedialog.nebenher import Nebenher

    signal.signal(signal.SIGINT, signal.default_int_handler)

    def work(n):
        Path(sys.argv[1]).write_text(str(os.getpid()))
        time.sleep(PAUSE)
        return b"x" * 5_000_000  # more than the pipe holds

    try:
        with Nebenher(work, [1, 2, 3]) as second:
            time.sleep(60)
    except KeyboardInterrupt:
        print("abgebrochen")
"""


def test_a_killed_first_process_leaves_no_second_one_behind(tmp_path: Path) -> None:
    """The second process notices at once that nobody reads any more: it does not wait for ever on
    a full pipe, holding the output (and the project's lock) of a process that is gone."""
    pid_file = tmp_path / "zweiter"
    script = SECOND.replace("PAUSE", "1")  # it notices when it sends its first result
    assert _run_until(script, pid_file, lambda first: first.send_signal(signal.SIGKILL)) == ("", "")
    second = int(pid_file.read_text())
    deadline = time.monotonic() + 20
    while Path(f"/proc/{second}").exists() and "Z" not in _state(second):
        assert time.monotonic() < deadline, "der zweite Prozess läuft noch"
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_ctrl_c_stops_both_without_a_traceback(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the terminal's process group: the first one stops the
    second, which leaves it to the first one and prints nothing."""

    def ctrl_c(first: subprocess.Popen[str]) -> None:
        os.killpg(first.pid, signal.SIGINT)

    assert _run_until(SECOND.replace("PAUSE", "15"), tmp_path / "zweiter", ctrl_c) == ("abgebrochen\n", "")


def test_ctrl_c_while_waiting_for_the_second_process(tmp_path: Path) -> None:
    """Waiting for a result of the second process can be interrupted too."""
    waiting = SECOND.replace("PAUSE", "15").replace(
        "            time.sleep(60)", "            print(list(second.results()))"
    )
    assert "results()" in waiting
    assert _run_until(waiting, tmp_path / "zweiter", lambda first: os.killpg(first.pid, signal.SIGINT)) == (
        "abgebrochen\n",
        "",
    )
