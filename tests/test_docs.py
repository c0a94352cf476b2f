"""The README and --help stay true: every command is documented, every setting is in the README, every
exporter is documented and has a test."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.config import Settings, settings_from
from kg.export import EXPORTERS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 3
    assert f"`kg {command}" in README


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_every_setting_is_in_the_readme(name: str) -> None:
    env = "PORT" if name == "port" else f"KG_{name.upper()}"
    assert f"`{env}`" in README


def test_settings_from_the_environment() -> None:
    s = settings_from({"PORT": "9000", "KG_QUERY_TIMEOUT": "2.5", "KG_UPDATE_TOKEN": "t0k"})
    assert (s.port, s.query_timeout) == (9000, 2.5)
    assert "t0k" not in repr(s)
    from kg.config import ConfigError

    with pytest.raises(ConfigError):
        settings_from({"KG_STORE": "mysql"})
    with pytest.raises(ConfigError):
        settings_from({"KG_MAX_ROWS": "many"})


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_exporter_is_documented_and_tested(fmt: str) -> None:
    assert f"`{fmt}`" in README
    tests = (Path(__file__).parent / "test_export.py").read_text() + \
        (Path(__file__).parent / "api" / "test_ui_api.py").read_text()
    assert f'"{fmt}"' in tests


def _python_names(text: str) -> set[str]:
    """Dotted Python names the text calls: `kg.qa.answer(`, `api.main.create_app(`."""
    import re

    return set(re.findall(r"\b((?:kg|api)(?:\.\w+)+)\(", text))


@pytest.mark.parametrize("name", sorted(_python_names(README) | {
    n for c in cli.commands.values() for n in _python_names(c.help or "")}))
def test_python_names_in_the_readme_and_help_exist(name: str) -> None:
    """Each name the README's Python column or a command's help gives is one the package has."""
    import importlib

    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):  # the longest importable module, then attributes
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        assert callable(obj), name
        return
    pytest.fail(f"no module for {name}")


def test_format_and_build_dir_options_have_help() -> None:
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and {"--format", "--build-dir"} & set(param.opts):
                assert param.help, f"kg {name} {param.opts[0]} has no help text"
