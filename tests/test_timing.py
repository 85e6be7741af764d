"""The timing helper of chapter 2, with a fake clock: nothing here sleeps or measures real time."""

import pytest

from lessons_src.timing import (
    Timings,
    _timing_advice,
    check_timing,
    interleave,
    time_interleaved,
)


class FakeClock:
    """A clock that each candidate advances by the seconds it is scripted to take."""

    def __init__(self):
        self.now = 0.0
        self.calls: list[str] = []

    def __call__(self) -> float:
        return self.now

    def work(self, name: str, seconds: list[float]):
        def run():
            self.calls.append(name)
            self.now += seconds.pop(0)

        return run


def test_repeats_run_in_turn_and_every_repeat_is_kept():
    clock = FakeClock()
    timings = time_interleaved(
        {
            "loop": clock.work("loop", [2.0, 9.0, 2.2]),
            "vectorized": clock.work("vectorized", [0.1, 0.3, 0.12]),
        },
        repeats=3,
        clock=clock,
    )
    assert clock.calls == ["loop", "vectorized"] * 3
    assert timings.seconds["loop"] == pytest.approx([2.0, 9.0, 2.2])
    assert timings.seconds["vectorized"] == pytest.approx([0.1, 0.3, 0.12])


def test_the_fastest_repeat_ignores_a_burst_of_load():
    timings = Timings({"loop": [2.0, 9.0, 2.2], "vectorized": [0.1, 0.3, 0.12]})
    assert timings.best("loop") == 2.0 and timings.best("vectorized") == 0.1
    assert timings.best("loop") / timings.best("vectorized") == pytest.approx(20)


def test_a_measurement_can_report_its_own_seconds():
    reported = iter([5.0, 2.6, 4.0, 2.5])
    timings = interleave(
        {"1 process": lambda: next(reported), "2 processes": lambda: next(reported)}, repeats=2
    )
    assert timings.seconds == {"1 process": [5.0, 4.0], "2 processes": [2.6, 2.5]}


def test_at_least_one_repeat():
    with pytest.raises(ValueError, match="at least 1"):
        interleave({"a": lambda: 1.0}, repeats=0)


def test_a_timing_in_range_prints_the_same_line_as_check_range(capsys, monkeypatch):
    monkeypatch.setenv("COURSE_QUICK", "1")
    check_timing("speed-up", 20.0, Timings({"a": [1.0]}), quick=(3, 500), full=(3, 500))
    assert capsys.readouterr().out == "OK: speed-up = 20 (quick-mode range 3 to 500)\n"


def test_a_timing_out_of_range_shows_every_repeat_and_blames_the_load_not_the_code(monkeypatch):
    monkeypatch.setenv("COURSE_QUICK", "1")
    timings = Timings({"0 workers": [0.52, 2.8, 0.5], "2 workers": [0.49, 0.47, 0.5]})
    with pytest.raises(AssertionError) as failure:
        check_timing("speed-up of 2 workers", 5.31, timings, quick=(0, 1.3), full=(0, 1.3))
    message = str(failure.value)
    assert message.startswith(
        "speed-up of 2 workers = 5.31 is outside its expected quick-mode range [0, 1.3]."
    )
    assert "0 workers: 0.52, 2.8, 0.5 s (fastest 0.5 s)" in message
    assert "2 workers: 0.49, 0.47, 0.5 s (fastest 0.47 s)" in message
    assert "depend on the machine" in message and "Run this cell again" in message
    assert "check the code you changed" not in message


def test_a_loss_out_of_range_keeps_its_message(monkeypatch):
    from lessons_src import check_range

    monkeypatch.setenv("COURSE_QUICK", "1")
    with pytest.raises(AssertionError, match="check the code you changed above"):
        check_range("loss", 9.0, quick=(0, 1), full=(0, 1))


def test_a_failed_timing_check_shows_every_repeat_and_says_what_to_do():
    timings = Timings({"one": [1.25, 1.5], "two": [2.75, 3.0]})
    advice = _timing_advice(timings)
    assert timings.describe() in advice
    assert "Run this cell again" in advice and "your code is not the cause" in advice
