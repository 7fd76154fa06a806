"""Pausing Python's cyclic garbage collector while the knowledge base is loaded and its pages made.

Reading ten thousand entries keeps millions of small objects alive, and each time the
collector runs it walks all of them again: a fifth to a quarter of the time of a check
went there. What loading and page making create is freed by reference counting (plain
dicts, lists, strings and entries hold no cycles); the collector runs again, once, at the end.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Run the block with the cyclic garbage collector off (nested uses are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
