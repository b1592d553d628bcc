"""The examples in the package's docstrings are run, so they cannot drift from the code.

An example that needs a model, a gazetteer file or the network says ``# doctest: +SKIP`` on
each of its lines; every other one must pass.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import eventwire

#: Alembic's migration environment runs a migration when imported, and ``__main__`` runs the
#: command line; neither holds examples.
_NOT_EXAMPLES = ("eventwire.store.migrations",)


def _modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(eventwire.__path__, prefix="eventwire.")
        if not info.name.startswith(_NOT_EXAMPLES) and not info.name.endswith(".__main__")
    ]
    return sorted(names)


def test_the_walk_finds_the_modules_with_examples() -> None:
    names = _modules()
    assert "eventwire.events.numbers" in names
    assert "eventwire.events.dates" in names
    assert not any(name.startswith("eventwire.store.migrations") for name in names)
    assert "eventwire.cli.__main__" not in names


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_pass(name: str) -> None:
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(module, optionflags=flags, report=False, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples fail in {name}"


def test_a_wrong_example_is_caught() -> None:
    """The harness really runs examples: a docstring with a wrong answer fails."""

    def wrong() -> None:
        """>>> 1 + 1
        3
        """

    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(verbose=False)
    for test in finder.find(wrong, "wrong", globs={}):
        runner.run(test, out=lambda _: None)
    assert runner.failures == 1
