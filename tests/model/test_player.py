"""The player's state machine, without Qt."""

import pytest

from convviz.model.player import Player


def test_stepping_and_bounds():
    p = Player(3)
    seen = []
    p.events.changed.connect(lambda: seen.append(p.index))
    assert p.forward() and p.forward()
    assert p.index == 2
    assert not p.forward() and p.index == 2  # no loop: stays at the end
    p.back()
    assert p.index == 1
    p.home()
    assert p.index == 0
    p.end()
    assert p.index == 2
    assert seen[:2] == [1, 2]


def test_loop_and_play():
    p = Player(2, loop=True)
    p.play()
    p.tick()
    p.tick()
    assert p.index == 0 and p.playing
    p.toggle()
    assert not p.playing


def test_play_stops_at_end_and_restarts():
    p = Player(2)
    p.play()
    p.tick()
    p.tick()
    assert not p.playing and p.index == 1
    p.play()
    assert p.index == 0 and p.playing


def test_speed_steps_and_limits():
    p = Player(5, speed=2)
    p.faster()
    assert p.speed == 3 and p.interval_ms == 333
    for _ in range(20):
        p.faster()
    assert p.speed == 60
    for _ in range(20):
        p.slower()
    assert p.speed == 0.5
    with pytest.raises(ValueError):
        p.set_speed(100)


def test_quiz_pauses_before_each_value():
    p = Player(3, quiz=True)
    assert not p.revealed
    p.play()
    p.tick()  # hidden value: pause and wait
    assert not p.playing and p.index == 0 and not p.revealed
    p.forward()  # a key press reveals the products, the sum still hidden
    assert p.stage == 1 and not p.revealed and p.index == 0
    p.forward()  # the next reveals the sum
    assert p.revealed and p.index == 0
    p.forward()  # next press moves on, hidden again
    assert p.index == 1 and not p.revealed and p.stage == 0
    p.back()  # back from a hidden step: the previous one, already revealed
    assert p.index == 0 and p.revealed
    p.back()  # back again hides the sum, then the products (the question can be asked again)
    assert p.index == 0 and not p.revealed and p.stage == 1
    p.back()
    assert p.index == 0 and p.stage == 0


def test_seek_pin_and_new_length():
    p = Player(10)
    p.play()
    p.seek(7, pin=True)
    assert p.index == 7 and p.pinned == 7 and not p.playing
    p.set_length(5)
    assert p.index == 4
    p.set_length(0)
    assert p.index == 0 and not p.forward()
