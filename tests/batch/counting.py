"""A pipeline factory that counts its builds: one line per build, with the building process's
id, in the file named by ``EVENTWIRE_TEST_BUILDS`` (worker processes inherit it)."""

from __future__ import annotations

import os
from pathlib import Path

from eventwire.config import Settings
from eventwire.pipeline import Pipeline
from tests.reliability.failing import Boom

BUILDS_ENV = "EVENTWIRE_TEST_BUILDS"


def counting_pipeline(settings: Settings) -> Pipeline:
    """A module-level factory (it pickles): one harmless Boom stage, its build recorded."""
    with Path(os.environ[BUILDS_ENV]).open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    return Pipeline([Boom()], batch_size=settings.batch_size)
