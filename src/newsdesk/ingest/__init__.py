"""Ingest stage: paths, folders and raw strings -> decoded ``Document``s plus per-file errors."""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.ingest.decode import decode_bytes
from newsdesk.models import FileError

log = logging.getLogger("newsdesk.ingest")

SUFFIXES = (".txt", ".html", ".htm", ".txt.gz", ".html.gz", ".htm.gz")
MAX_BYTES = 50 * 1024 * 1024  # larger files are refused: a news page is never this big
MAX_GZIP_RATIO_BYTES = 200 * 1024 * 1024  # bound on what a .gz may expand to

__all__ = ["Document", "decode_bytes", "read_file", "read_inputs"]


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
        if not _exists(path):
            if isinstance(item, str) and _looks_like_prose(item):
                docs.append(Document(path=None, content=item))
            else:
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


def _files_under(folder: Path) -> Iterator[Path]:
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.name.lower().endswith(SUFFIXES) and not p.name.startswith("."):
            yield p


def _is_raw_text(item: str) -> bool:
    """A string with a newline or markup is content, not a file name."""
    return "\n" in item or item.lstrip().startswith("<")


def _exists(path: Path) -> bool:
    """Whether ``path`` names something on disk; a name the file system refuses (too long, no
    permission) names nothing."""
    try:
        return path.exists()
    except OSError as exc:
        log.debug("%.60s... is no path (%s); read as text", path, exc)
        return False


def _looks_like_prose(item: str) -> bool:
    """A name that is not on disk but reads as sentences (eight words or more, no file suffix)."""
    return len(item.split()) >= 8 and not item.lower().endswith(SUFFIXES)
