"""Faults on demand for the resilience tests: a Redis of the test's own that it stops and starts, Celery pointed
at it, and a Celery worker in a process of its own that a test can SIGKILL."""

import multiprocessing
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import kombu.pools
import pytest
from django.db import connections

from config.celery import app as celery_app


def _free_port() -> int:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """redis-server on a free port, keeping its data in memory only; `stop()` and `start()` it at will."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--daemonize", "yes", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--pidfile", str(self.folder / "redis.pid"),
             "--logfile", str(self.folder / "redis.log")],
            check=True,
        )  # fmt: skip
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("the private Redis did not start")

    def stop(self) -> None:
        pid_file = self.folder / "redis.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text())
        os.kill(pid, signal.SIGKILL)  # as a crash would: no goodbye to the clients
        pid_file.unlink()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.02)


def _point_celery_at(url: str) -> None:
    celery_app.conf.broker_url = url
    # Connections already made keep the old address: drop the pools so the next send connects afresh.
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def private_redis(settings):
    """Celery's broker and Django's cache on a Redis of this test's own, started; put back after."""
    with tempfile.TemporaryDirectory(prefix="redis-") as folder:
        redis = PrivateRedis(Path(folder))
        redis.start()
        previous = celery_app.conf.broker_url
        _point_celery_at(redis.url)
        settings.REDIS_URL = redis.url  # what /healthz/ pings
        settings.CACHES = {
            "default": {**settings.CACHES["default"], "LOCATION": redis.url.replace("/0", "/1")},
        }
        try:
            yield redis
        finally:
            redis.stop()
            _point_celery_at(previous)


def _run_worker() -> None:
    # In the forked child: its own broker connections and database connections (the parent closed its own).
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    worker = celery_app.Worker(
        pool="solo", without_gossip=True, without_mingle=True, without_heartbeat=True, loglevel="WARNING", quiet=True
    )
    worker.start()


@pytest.fixture
def worker_process(transactional_db):
    """Start a Celery worker in a process of its own (forked from this one, so it starts at once and uses the test
    database and broker): start() -> the process, which a test may SIGKILL."""
    started: list[multiprocessing.process.BaseProcess] = []

    def start() -> multiprocessing.process.BaseProcess:
        connections.close_all()  # a forked child must not share the parent's database socket
        process = multiprocessing.get_context("fork").Process(target=_run_worker, daemon=True)
        process.start()
        started.append(process)
        return process

    yield start
    for process in started:
        if process.is_alive():
            process.kill()
        process.join(timeout=10)
