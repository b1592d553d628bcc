"""The public API is small and pinned (a change here is a release note)."""

from __future__ import annotations

import eventwire


def test_public_api_names_are_pinned() -> None:
    assert sorted(eventwire.__all__) == [
        "Actor",
        "Article",
        "Attribution",
        "Event",
        "EventwireError",
        "InputError",
        "Place",
        "Rejection",
        "Result",
        "Settings",
        "Span",
        "__version__",
        "extract",
        "extract_many",
        "load_pipeline",
    ]


def test_public_api_import_loads_no_model() -> None:
    import subprocess
    import sys

    code = "import eventwire, sys; print('spacy' in sys.modules, 'lingua' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
