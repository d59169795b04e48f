"""Reports of a ``Digest``: JSON (schema newsdesk/2), Markdown and the terminal view."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.models import Digest
from newsdesk.report.files import check_outputs, write_atomic

__all__ = ["check_outputs", "to_json", "write_atomic", "write_json"]


def to_json(d: Digest) -> str:
    """The JSON report; a path's bytes that are not UTF-8 stay lone surrogates (``\\udc80``-``\\udcff``),
    which ``write_atomic`` writes as JSON escapes (see docs/schema.md)."""
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"


def write_json(d: Digest, path: str | Path) -> None:
    write_atomic(path, to_json(d))
