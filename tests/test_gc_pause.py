"""The cyclic collector is paused while a collection is processed, and comes back as it was, also when
the work fails."""

from __future__ import annotations

import gc
import weakref

import pytest

from perfsheet.collection.gc_pause import paused_gc


def test_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_when_the_work_fails() -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_work_allocated_counts_as_old_and_its_cycles_are_still_freed() -> None:
    class Node:
        pass

    with paused_gc():
        kept = Node()
        cycle = Node()
        cycle.self = cycle  # type: ignore[attr-defined]
        gone = weakref.ref(cycle)
        del cycle
    assert gc.get_freeze_count() == 0
    assert any(obj is kept for obj in gc.get_objects(generation=2))
    assert not any(obj is kept for obj in gc.get_objects(generation=0))
    gc.collect()
    assert gone() is None
