"""With no DATABASE_URL the app starts its own PostgreSQL in a folder of the repo."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _env(pgdata: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {**env, "DEBUG": "1", "EMBEDDED_PGDATA": str(pgdata)}


def _postmaster_pid(pgdata: Path) -> int | None:
    pid_file = pgdata / "postmaster.pid"
    return int(pid_file.read_text().split()[0]) if pid_file.exists() else None


@pytest.fixture
def pgdata(tmp_path_factory):
    # Under /tmp, where the embedded server's own system user can reach it.
    folder = Path(tmp_path_factory.mktemp("embedded", numbered=True)) / "pgdata"
    os.chmod(folder.parent, 0o755)  # noqa: S103 (the server runs as its own user)
    yield folder
    subprocess.run([sys.executable, "embedded_db.py", "stop"], cwd=ROOT, env=_env(folder), timeout=60)


def test_the_embedded_database_starts_migrates_answers_and_stops(pgdata):
    env = _env(pgdata)
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
    query = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from plans.models import Plan; from django.db import connection; "
            "print(connection.vendor, connection.pg_version >= 150000, Plan.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert query.stdout.split() == ["postgresql", "True", "0"], query.stderr
    # The last process to use the server stopped it on its way out.
    assert _postmaster_pid(pgdata) is None


def test_the_embedded_database_recovers_after_its_user_was_killed(pgdata):
    env = _env(pgdata)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import embedded_db, time; embedded_db.database_settings(); print('up', flush=True); time.sleep(600)",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "up"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    holder.stdout.close()
    # The killed process never deregistered: its pid is stale in the handle file.
    assert str(holder.pid) in (pgdata / ".handle_pids.json").read_text()

    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.db import connection; connection.ensure_connection(); print('ok')",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "ok", result.stderr
    assert time.monotonic() - started < 60
    # The stale pid was cleared, so the last real user stopped the server cleanly.
    assert _postmaster_pid(pgdata) is None or not psutil.pid_exists(_postmaster_pid(pgdata))
