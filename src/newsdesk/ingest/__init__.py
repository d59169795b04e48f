"""Ingest stage: paths, folders and raw strings -> decoded ``Document``s plus per-file errors."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import BinaryInput, DecodeError, EmptyInput, InputError
from newsdesk.models import FileError

SUFFIXES = (".txt", ".html", ".htm", ".txt.gz", ".html.gz", ".htm.gz")
MAX_BYTES = 50 * 1024 * 1024  # larger files are refused: a news page is never this big
MAX_GZIP_RATIO_BYTES = 200 * 1024 * 1024  # bound on what a .gz may expand to


@dataclass(frozen=True)
class Document:
    """One input, decoded to text: where it came from and what it holds."""

    path: str | None
    content: str
    encoding: str = "utf-8"


def read_inputs(inputs: Iterable[str | Path]) -> tuple[list[Document], list[FileError]]:
    """Read every input: a path (file or folder, recursively) or a raw text/HTML string.

    Bad files never stop the batch: each gives one ``FileError`` naming it.
    """
    docs: list[Document] = []
    errors: list[FileError] = []
    for item in inputs:
        if isinstance(item, str) and _is_raw_text(item):
            docs.append(Document(path=None, content=item))
            continue
        path = Path(item)
        if not path.exists():
            errors.append(FileError(str(path), "no such file or folder"))
            continue
        files = list(_files_under(path)) if path.is_dir() else [path]
        if path.is_dir() and not files:
            errors.append(FileError(str(path), f"folder holds no {', '.join(SUFFIXES[:3])} files"))
        for f in files:
            try:
                docs.append(read_file(f))
            except InputError as exc:
                errors.append(FileError(str(f), exc.message))
    return docs, errors


def read_file(path: Path) -> Document:
    """Read and decode one file (gzip is opened transparently); raises ``InputError``."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is {size // 1_000_000} MB, over the 50 MB limit", path=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, path)
    text, encoding = decode_bytes(data, path=str(path))
    return Document(path=str(path), content=text, encoding=encoding)


def decode_bytes(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Bytes -> text: BOM, then UTF-8, then the HTML's declared charset, then detection."""
    if not data.strip():
        raise EmptyInput("file is empty", path=path)
    if _looks_binary(data):
        raise BinaryInput("file is binary, not text or HTML", path=path)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    western = _as_western(data)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError("cannot detect the text encoding", path=path)
    return data.decode(best.encoding, errors="replace"), best.encoding


def _gunzip(data: bytes, path: Path) -> bytes:
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, MAX_GZIP_RATIO_BYTES)
        if d.unconsumed_tail:
            raise InputError("gzip expands past 200 MB; refused", path=str(path))
        if not d.eof:
            raise InputError("broken gzip file (truncated)", path=str(path))
        return out
    except (zlib.error, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"broken gzip file ({exc})", path=str(path)) from exc


_WESTERN_EXTRA = set("\u2018\u2019\u201c\u201d\u2013\u2014\u20ac\u2026\u2022\u00a0\u00ab\u00bb\u00b0\u00a3\u00a9")


def _as_western(data: bytes) -> str | None:
    """Windows-1252 text whose non-ASCII characters are all Western letters or typography.

    Short non-UTF-8 news text is nearly always cp1252/Latin-1, where statistical
    detectors often guess a wrong code page; other text falls through to them.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    extra = [c for c in text if ord(c) > 127]
    ok = all(c.isalpha() and ord(c) < 0x250 or c in _WESTERN_EXTRA for c in extra)
    return text if ok else None


def _declared_charset(data: bytes) -> str | None:
    import re

    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", data[:8192], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def _files_under(folder: Path) -> Iterator[Path]:
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.name.lower().endswith(SUFFIXES) and not p.name.startswith("."):
            yield p


def _is_raw_text(item: str) -> bool:
    """A string with a newline, or too long for a path, is content, not a file name."""
    return "\n" in item or len(item) > 1024 or item.lstrip().startswith("<")
