"""The environment of a child Python process that runs this checkout's newsdesk (CLI or code)."""

from __future__ import annotations

import os
from pathlib import Path

import newsdesk

SRC = str(Path(newsdesk.__file__).resolve().parents[1])


def child_env(**extra: str) -> dict[str, str]:
    """This process's environment, newsdesk's source first on the path, then ``extra``."""
    return {**os.environ, "PYTHONPATH": SRC, **extra}
