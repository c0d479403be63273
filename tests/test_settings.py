"""Settings come from the environment and refuse bad values at start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from saferbucks import settings as project_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("helper", "value", "expected"),
    [
        (project_settings.env_bool, "yes", True),
        (project_settings.env_bool, "0", False),
        (project_settings.env_int, "42", 42),
        (project_settings.env_list, "a.example, b.example ,", ["a.example", "b.example"]),
    ],
)
def test_helpers_read_good_values(monkeypatch, helper, value, expected):
    monkeypatch.setenv("SAFERBUCKS_TEST_VALUE", value)
    assert helper("SAFERBUCKS_TEST_VALUE") == expected


@pytest.mark.parametrize(
    ("helper", "value"), [(project_settings.env_bool, "maybe"), (project_settings.env_int, "ten")]
)
def test_helpers_refuse_bad_values_with_a_message(monkeypatch, helper, value):
    monkeypatch.setenv("SAFERBUCKS_TEST_VALUE", value)
    with pytest.raises(ImproperlyConfigured, match="SAFERBUCKS_TEST_VALUE"):
        helper("SAFERBUCKS_TEST_VALUE")


def test_a_value_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SAFERBUCKS_TEST_VALUE_FILE", str(secret))
    assert project_settings.env_str("SAFERBUCKS_TEST_VALUE") == "from-a-file"


def test_a_database_url_that_is_not_postgres_is_refused(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///db.sqlite3")
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL"):
        project_settings.database_from_env(debug=True)


def test_production_keeps_database_connections_and_checks_them_before_reuse(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5432/plans")
    monkeypatch.delenv("DB_CONN_MAX_AGE", raising=False)
    production = project_settings.database_from_env(debug=False)
    assert (production["CONN_MAX_AGE"], production["CONN_HEALTH_CHECKS"]) == (60, True)
    assert project_settings.database_from_env(debug=True)["CONN_MAX_AGE"] == 0


def _manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_debug_a_missing_secret_key_stops_start_up_with_a_clear_message():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 60 + "-production-like-secret",
        ALLOWED_HOSTS="plans.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wildcard_allowed_host_is_refused():
    result = _manage("check", DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="*")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
