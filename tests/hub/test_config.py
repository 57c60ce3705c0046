"""Settings come from HUB_* variables with working defaults; the README documents every one."""

from pathlib import Path

import pytest

from hub import create_app
from hub.core import config as hub_config
from tests.conftest import app_config

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_work_with_nothing_set(tmp_path):
    settings = hub_config.load({"HUB_INSTANCE_PATH": str(tmp_path)})
    hub_config.finish(settings)
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'hub.db'}"
    assert settings["SEARCH_BACKEND"] == "whoosh"
    assert settings["LANGUAGES"] == ["en", "de"]


def test_development_secret_is_generated_once_and_kept(tmp_path):
    first = hub_config.load({"HUB_INSTANCE_PATH": str(tmp_path)})
    hub_config.finish(first)
    second = hub_config.load({"HUB_INSTANCE_PATH": str(tmp_path)})
    hub_config.finish(second)
    assert first["SECRET_KEY"] == second["SECRET_KEY"] and len(first["SECRET_KEY"]) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_without_secret_refuses_to_start(tmp_path):
    settings = hub_config.load({"HUB_INSTANCE_PATH": str(tmp_path), "HUB_ENV": "production"})
    with pytest.raises(hub_config.ConfigError, match="HUB_SECRET_KEY"):
        hub_config.finish(settings)


def test_malformed_number_names_the_variable(tmp_path):
    with pytest.raises(hub_config.ConfigError, match="HUB_JOB_MAX_ATTEMPTS"):
        hub_config.load({"HUB_INSTANCE_PATH": str(tmp_path), "HUB_JOB_MAX_ATTEMPTS": "many"})


def test_two_instances_side_by_side_share_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("HUB_DATABASE_URL", raising=False)
    one = create_app(app_config(tmp_path / "one", SECRET_KEY=None))
    two = create_app(app_config(tmp_path / "two", SECRET_KEY=None))
    assert one.config["SQLALCHEMY_DATABASE_URI"] != two.config["SQLALCHEMY_DATABASE_URI"]
    assert one.config["SECRET_KEY"] != two.config["SECRET_KEY"]


def test_readme_documents_every_setting():
    readme = README.read_text()
    missing = [s.env for s in hub_config.SETTINGS if f"`{s.env}`" not in readme]
    assert missing == []


def test_malformed_login_limits_name_the_variable(tmp_path):
    with pytest.raises(hub_config.ConfigError, match="HUB_LOGIN_IP_LIMITS"):
        hub_config.load({"HUB_INSTANCE_PATH": str(tmp_path), "HUB_LOGIN_IP_LIMITS": "lots"})
    settings = hub_config.load({"HUB_LOGIN_IP_LIMITS": "100 per minute;1000 per hour"})
    assert settings["LOGIN_IP_LIMITS"] == "100 per minute;1000 per hour"
