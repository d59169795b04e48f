"""Golden outputs: `digest` of examples/ and of ../shared/seeds as canonical JSON (timings excluded).

    python scripts/golden.py          # rewrite tests/golden/*.json from the current code
    python scripts/golden.py --check  # exit 1 and name the first difference when the output moved

The seeds are third-party text, so their golden keeps the structure (ids, sources, offsets, counts)
and replaces every string by a short hash of it: a change is detected without copying the text.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared"


def canonical(inputs: Path, *, hashed: bool) -> str:
    """The digest of ``inputs`` as canonical JSON, paths relative to ``inputs``."""
    from newsdesk import digest

    data = digest([str(inputs)]).to_dict()
    data = _relative(data, str(inputs) + "/")
    if hashed:
        data = _hashed(data)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _relative(value: Any, prefix: str) -> Any:
    if isinstance(value, dict):
        return {k: _relative(v, prefix) for k, v in value.items()}
    if isinstance(value, list):
        return [_relative(v, prefix) for v in value]
    if isinstance(value, str) and value.startswith(prefix):
        return value[len(prefix):]
    return value


def _hashed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _hashed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hashed(v) for v in value]
    if isinstance(value, str):
        return "h:" + hashlib.sha1(value.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return value


def targets() -> dict[str, tuple[Path, bool]]:
    found = {"examples": (ROOT / "examples", False)}
    if (SHARED / "seeds").is_dir():
        found["seeds"] = (SHARED / "seeds", True)
    return found


def first_difference(old: str, new: str) -> str:
    for n, (a, b) in enumerate(zip(old.splitlines(), new.splitlines()), 1):
        if a != b:
            return f"line {n}: golden {a.strip()[:120]!r} != now {b.strip()[:120]!r}"
    return "one output is longer than the other"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    status = 0
    for name, (inputs, hashed) in targets().items():
        path = GOLDEN / f"{name}.json"
        now = canonical(inputs, hashed=hashed)
        if check:
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if old != now:
                print(f"{name}: differs from {path.relative_to(ROOT)}: {first_difference(old, now)}")
                status = 1
            else:
                print(f"{name}: identical")
        else:
            path.write_text(now, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
