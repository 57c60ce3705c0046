"""The in-process job worker: a daemon thread per app, started on its first request."""

import threading
from dataclasses import dataclass

from flask import Flask

from hub.outbox import runner


@dataclass
class WorkerThread:
    thread: threading.Thread
    stopping: threading.Event

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to stop after its current job, and wait for it."""
        self.stopping.set()
        self.thread.join(timeout)


_EXTENSION = "hub.outbox.jobs.worker"
_start_lock = threading.Lock()


def start_thread(app: Flask, poll_seconds: float = 1.0) -> WorkerThread:
    """Start a daemon thread running the worker for `app`; a second call returns the same one."""
    with _start_lock:
        worker = app.extensions.get(_EXTENSION)
        if worker is not None and worker.thread.is_alive():
            return worker
        stopping = threading.Event()
        thread = threading.Thread(
            target=runner.run_forever,
            args=(app, stopping, poll_seconds),
            name="hub-job-worker",
            daemon=True,
        )
        worker = app.extensions[_EXTENSION] = WorkerThread(thread, stopping)
        thread.start()
        return worker


def stop_thread(app: Flask, timeout: float = 10.0) -> None:
    worker = app.extensions.pop(_EXTENSION, None)
    if worker is not None:
        worker.stop(timeout)


def init_app(app: Flask) -> None:
    """With WORKER=thread, start the worker thread on the first request.

    Not at startup: CLI commands such as `flask db upgrade` build the app too, and a server that
    forks its workers must start the thread in each child, after the fork.
    """
    if app.config["WORKER"] != "thread" or app.config.get("TESTING"):
        return

    @app.before_request
    def _start_job_worker() -> None:
        if app.extensions.get(_EXTENSION) is None:
            start_thread(app)
