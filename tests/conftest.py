"""Shared fixtures: the bundled examples and, when present, ../shared beside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The run-to-run cache (newsdesk.cache) is off unless a test turns it on with a file of its own
# (test_cache, test_language, test_golden's cold then warm runs): tests that compare two ways of
# computing (workers, seeds, input orders) must compute both, not read the first one's results;
# and no test writes to the user's cache folder.  Set before anything runs, so subprocesses inherit it.
os.environ["NEWSDESK_CACHE"] = "off"
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))


def _shared_or_skip() -> Path:
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("NEWSDESK_REQUIRE_SHARED") == "1":
        pytest.fail(f"{SHARED} is missing but NEWSDESK_REQUIRE_SHARED=1 (CI needs ../shared)")
    pytest.skip(f"{SHARED} not found: the corpus tests need ../shared beside the project")


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
