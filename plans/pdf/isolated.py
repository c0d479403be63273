"""WeasyPrint in a child process, stopped when it takes too long.

The worker (``tasks``) builds the plan's print HTML itself, from the database, and
hands it to a child process that only lays it out (``render.html_to_pdf``). Why a
child process rather than an alarm signal in the worker:

- Stopping it is certain. SIGKILL stops WeasyPrint wherever it is, inside Pango,
  HarfBuzz or fontconfig as much as in Python. ``signal.alarm`` is only acted on
  between Python bytecodes, only in the main thread (the worker's autoreloader runs
  tasks in another one), and would leave a half-built layout in the worker.
- The worker goes on. Its database connection and task loop are never interrupted:
  it records the time-out and takes the next task.
- Memory is given back. WeasyPrint's caches grow with every render and are never
  freed (see the package's notes); a child's memory goes when it exits.

The children are forked from multiprocessing's fork server, which imports Django and
WeasyPrint once (``plans.pdf.forkserver``): a render starts in milliseconds, where a
fresh interpreter takes seconds to load WeasyPrint, and no child is forked from a
process that has threads."""

import multiprocessing
import signal
import traceback

#: Imported once by the fork server: Django set up, WeasyPrint loaded.
PRELOAD = "plans.pdf.forkserver"

_context = multiprocessing.get_context("forkserver")


class RenderTimeout(Exception):
    """WeasyPrint took longer than it was given, and was stopped (or, given no time
    left, was not started)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"the PDF was not laid out within the {max(seconds, 0):.3g} seconds left to it")


class RenderFailed(Exception):
    """WeasyPrint failed, or its process stopped without a PDF."""


class RenderInterrupted(RenderFailed):
    """The child was stopped from outside (SIGTERM, SIGINT, SIGHUP): the worker and
    its children are being stopped, which says nothing about the PDF."""


#: How a child stopped from outside exits: minus the signal, or 255 when its fork
#: server is gone too (stopping a service can signal all its processes at once).
STOPPED_FROM_OUTSIDE = {-signal.SIGTERM, -signal.SIGINT, -signal.SIGHUP, 255}


def html_to_pdf(html: str, timeout: float) -> bytes:
    """``render.html_to_pdf(html)`` in a child process, killed (SIGKILL) if it has not
    answered within ``timeout`` seconds: then ``RenderTimeout``. Whatever else goes
    wrong in the child is ``RenderFailed``, with the child's traceback."""
    if timeout <= 0:
        raise RenderTimeout(timeout)
    _context.set_forkserver_preload([PRELOAD])  # Heeded when the fork server starts.
    reader, writer = _context.Pipe(duplex=False)
    child = _context.Process(target=_render, args=(html, writer), name="pdf-render", daemon=True)
    answered = False
    try:
        try:
            child.start()
        except Exception as exc:
            raise RenderFailed(f"the PDF renderer could not be started: {exc!r}") from exc
        writer.close()  # The child's copy stays open: EOF means the child is gone.
        if not reader.poll(timeout):
            raise RenderTimeout(timeout)
        try:
            outcome, payload = reader.recv()
        except (EOFError, OSError):
            child.join(5)
            stopped = RenderInterrupted if child.exitcode in STOPPED_FROM_OUTSIDE else RenderFailed
            raise stopped(f"the PDF renderer stopped without a PDF (exit code {child.exitcode})") from None
        answered = True
    finally:
        reader.close()
        writer.close()
        if child.pid is not None:
            if answered:
                child.join(5)  # It exits once it has answered.
            if child.is_alive():
                child.kill()
            child.join()
    if outcome != "pdf":
        raise RenderFailed(payload)
    return payload


def _render(html: str, writer) -> None:
    """In the child: lay out the HTML and send back the PDF, or what went wrong."""
    try:
        from . import render

        message = ("pdf", render.html_to_pdf(html))
    except BaseException as exc:
        message = ("error", "".join(traceback.format_exception(exc)))
    writer.send(message)
    writer.close()
