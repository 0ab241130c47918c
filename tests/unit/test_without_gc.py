"""The build turns Python's garbage collector off while it loads the data and while a worker builds
a language (build.without_gc), and back as it was after, also when what it wraps fails."""
import gc

import pytest

from trmkb.build import without_gc


def test_the_collector_is_off_inside_and_on_again_after_a_failure():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with without_gc():
            assert not gc.isenabled()
            raise ValueError("a language's build failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with without_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
