"""Test helper: a folder of inputs -> a reading room served on a free loopback port, stopped after."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 120.0  # seconds for the server to answer


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    db: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def newsdesk(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsdesk.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@contextmanager
def start_server(inputs: Path, folder: Path) -> Iterator[Server]:
    """``newsdesk ingest INPUTS --db`` into a fresh library, then ``newsdesk serve`` on it."""
    db = folder / "library.db"
    done = newsdesk("ingest", str(inputs), "--db", str(db))
    assert db.exists(), done.stdout + done.stderr
    port = free_port()
    log = (folder / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, proc, folder / "serve.log")
        yield Server(url, port, db)
    finally:
        log.close()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def _wait(url: str, proc: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"serve exited: {log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(url + "/api/stories?limit=1", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"serve did not answer at {url} within {START_TIMEOUT:.0f} s")
