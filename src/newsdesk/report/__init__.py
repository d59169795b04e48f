"""Reports of a ``Digest``: JSON (schema newsdesk/2), Markdown and the terminal view."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.models import Digest


def write_json(d: Digest, path: str | Path) -> None:
    Path(path).write_text(json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
