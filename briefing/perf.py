"""Small performance helpers shared by the pipeline stages."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a stage builds many small objects.

    Loading and validating a large fact base allocates millions of tuples, dicts and
    models, none of them garbage; each generational collection rescans all of them,
    which made a 10,000-claim load 1.7x slower. Reference counting still frees
    everything as usual; the collector runs again when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
