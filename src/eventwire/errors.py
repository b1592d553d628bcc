"""The errors eventwire raises on purpose; anything else is a bug and keeps its traceback.

    EventwireError                 base; the CLI prints ``Error: <message>`` and exits 1
    ├── InputError                 an input file, line or field is unreadable or invalid
    ├── GazetteerError             the gazetteer is missing, corrupt or cannot be imported
    ├── StoreError                 the database cannot be opened, migrated or written
    ├── ModelError                 a spaCy model is not installed or cannot be loaded
    └── EvaluationError            a gold corpus cannot be read

Every message names the file (and line or field), what was wrong and what was expected.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input could not be read, decoded or parsed.

    ``origin`` is ``file`` or ``file:line``; ``str(err)`` is ``origin: problem``.
    """

    def __init__(self, origin: str, problem: str) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {problem}")


class GazetteerError(EventwireError):
    """The gazetteer is missing, corrupt or cannot be imported."""


class StoreError(EventwireError):
    """The database cannot be opened, migrated or written."""


class ModelError(EventwireError):
    """A spaCy model is not installed or cannot be loaded."""


class EvaluationError(EventwireError):
    """A gold corpus or evaluation input cannot be read."""
