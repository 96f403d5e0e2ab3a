"""A second process does its parts and sends each result back; where it cannot, the results end
early and the caller does the rest itself."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import subprocess
import sys
import textwrap

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


def test_the_second_process_does_not_repeat_this_one_s_output(tmp_path: object) -> None:
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
