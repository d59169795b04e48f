"""Shared fixtures: the bundled examples and, when present, ../shared beside the project."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The run-to-run cache (newsdesk.cache) of this test session: a fresh file in a temporary folder,
# never the user's; set before anything runs, so subprocesses the tests start inherit it too.
_CACHE_DIR = Path(tempfile.mkdtemp(prefix="newsdesk-test-cache-"))
os.environ["NEWSDESK_CACHE"] = str(_CACHE_DIR / "cache.db")
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))


def _shared_or_skip() -> Path:
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("NEWSDESK_REQUIRE_SHARED") == "1":
        pytest.fail(f"{SHARED} is missing but NEWSDESK_REQUIRE_SHARED=1 (CI needs ../shared)")
    pytest.skip(f"{SHARED} not found: the corpus tests need ../shared beside the project")


@pytest.fixture(scope="session", autouse=True)
def _session_cache() -> Iterator[None]:
    yield
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder (seeds and data sets); skips with a reason when absent."""
    return _shared_or_skip()


@pytest.fixture(scope="session")
def seeds(shared: Path) -> Path:
    return shared / "seeds"


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def examples_digest():  # type: ignore[no-untyped-def]
    """``digest`` of examples/, made once per test session (read-only: a frozen Digest)."""
    from newsdesk import digest

    return digest([str(EXAMPLES)])
