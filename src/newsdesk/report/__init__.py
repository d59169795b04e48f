"""Reports of a ``Digest``: JSON (schema newsdesk/2), Markdown and the terminal view."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsdesk.models import Digest
from newsdesk.report.files import check_outputs, write_atomic

__all__ = ["check_outputs", "json_chunks", "to_json", "write_atomic", "write_json"]


def to_json(d: Digest) -> str:
    """The JSON report; a path's bytes that are not UTF-8 stay lone surrogates (``\\udc80``-``\\udcff``),
    which ``write_atomic`` writes as JSON escapes (see docs/schema.md)."""
    return "".join(json_chunks(d))


def json_chunks(d: Digest) -> Iterator[str]:
    """``json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\\n"`` an article or a story at a
    time: a large digest's report is never whole in memory, as a tree of dicts or as text."""
    for n, (key, value) in enumerate(d.parts().items()):
        yield ("{" if n == 0 else ",") + f"\n  {json.dumps(key, ensure_ascii=False)}: "
        if isinstance(value, str):
            yield json.dumps(value, ensure_ascii=False)
            continue
        empty = True
        for item in value:  # an item at depth 2: its lines indented by four more spaces
            text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            yield ("[" if empty else ",") + "\n    " + text
            empty = False
        yield "[]" if empty else "\n  ]"
    yield "\n}\n"


def write_json(d: Digest, path: str | Path) -> None:
    write_atomic(path, json_chunks(d))
