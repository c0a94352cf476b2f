"""The README and --help stay true: every command is documented, every setting is in the README, every
exporter is documented and has a test."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

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
