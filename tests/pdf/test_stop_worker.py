"""`make run` and `make serve` stop the worker with plans.pdf.stop_worker: SIGTERM to
the worker itself, never to Django's autoreloader above it (which would SIGKILL it)."""

import subprocess
import sys
import time

from plans.pdf.stop_worker import stop

# Exits 0 on SIGTERM, as the worker does when it is stopped between tasks.
WORKER = "import signal, sys, time; signal.signal(signal.SIGTERM, lambda *a: sys.exit(0)); time.sleep(60)"

# Runs the worker as Django's autoreloader does (its child, marked RUN_MAIN) and, as
# it does, exits with the worker's code, or with 99 if it is sent SIGTERM itself.
AUTORELOADER = f"""
import os, signal, subprocess, sys
signal.signal(signal.SIGTERM, lambda *a: sys.exit(99))
worker = subprocess.run([sys.executable, "-c", {WORKER!r}], env={{**os.environ, "RUN_MAIN": "true"}})
sys.exit(worker.returncode)
"""


def started(code: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", code])
    time.sleep(1)  # Its handlers set, its child started.
    return process


def test_with_an_autoreloader_the_worker_alone_is_sent_sigterm():
    autoreloader = started(AUTORELOADER)
    stop(autoreloader.pid, grace=20)
    assert autoreloader.wait(5) == 0  # Its worker stopped, and then it did.


def test_without_one_the_worker_is_sent_sigterm():
    worker = started(WORKER)
    stop(worker.pid, grace=20)
    assert worker.wait(5) == 0


def test_a_worker_that_does_not_stop_is_killed():
    stubborn = started("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)")
    begun = time.monotonic()
    stop(stubborn.pid, grace=1)
    assert stubborn.wait(5) == -9
    assert time.monotonic() - begun < 5


def test_a_worker_already_gone_is_left_alone():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stop(gone.pid, grace=1)
