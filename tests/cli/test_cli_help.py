"""Every command has help that teaches: one line of purpose and an example."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli.main import build_app


def _commands() -> list[tuple[str, ...]]:
    root = typer.main.get_command(build_app())
    found: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, (*path, name))
        else:
            found.append(path)

    walk(root, ())
    return found


COMMANDS = _commands()


def test_cli_has_the_core_commands() -> None:
    assert {("run",), ("extract",), ("export",), ("show",), ("summary",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_cli_help_shows_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(build_app(), [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Example: eventwire " + " ".join(path) in result.output
