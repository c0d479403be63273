"""Stop the background worker that ``make run`` and ``make serve`` start beside the
web server: ``python -m plans.pdf.stop_worker PID``.

PID is the process the Makefile started (with ``setsid``, so it leads a process
group of its own). With DEBUG, that is Django's autoreloader and the worker is its
child. SIGTERM to the autoreloader would make it SIGKILL the worker at once, and a
worker killed so never leaves the embedded PostgreSQL, which then keeps running
after ``make run`` has ended. So SIGTERM goes to the worker alone, which leaves the
database as it exits: without DEBUG it first finishes the render it is doing, if
any (within the PDF's time limit); with DEBUG (the autoreloader's own SIGTERM
handler) it exits at once, and a render it leaves unfinished is queued again by a
later download (see ``tasks``). Its fork server and the autoreloader exit with it.
What is still running after the time limit and a margin is killed. Needs psutil
only, not Django."""

import os
import sys
import time

import psutil


def grace() -> float:
    """Seconds the worker has to stop: a render's time limit, and a margin."""
    return float(os.environ.get("PDF_RENDER_TIMEOUT") or 120) + 30


def stop(pid: int, grace: float) -> None:
    try:
        top = psutil.Process(pid)
        worker = next((child for child in top.children() if _reloaded_worker(child)), top)
        below = top.children(recursive=True)
    except psutil.NoSuchProcess:
        return
    _signal(worker.terminate)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_running(process) for process in [top, *below]):
        time.sleep(0.1)
    for process in [top, *below]:
        if _running(process):
            _signal(process.kill)


def _reloaded_worker(process: psutil.Process) -> bool:
    """The worker that Django's autoreloader runs (it marks its child RUN_MAIN)."""
    try:
        return process.environ().get("RUN_MAIN") == "true"
    except psutil.Error:
        return False


def _running(process: psutil.Process) -> bool:
    """Not gone, nor a zombie waiting for its parent (the Makefile's shell) to reap it."""
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _signal(send) -> None:
    try:
        send()
    except psutil.NoSuchProcess:
        pass


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: python -m plans.pdf.stop_worker PID")
    stop(int(sys.argv[1]), grace())
