"""Ingest stage: paths, folders and raw strings -> decoded ``Document``s plus per-file errors."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.ingest.decode import decode_bytes
from newsdesk.ingest.files import SUFFIXES, files_under, read_bytes, shown
from newsdesk.limits import DEFAULT, Limits, clean_text, wrap_long_lines
from newsdesk.models import FileError, Note

log = logging.getLogger("newsdesk.ingest")

__all__ = ["SUFFIXES", "Document", "decode_bytes", "read_file", "read_inputs", "shown"]


@dataclass(frozen=True, init=False)
class Document:
    """One input, decoded to text: where it came from and what it holds.

    The text waits compressed (zlib, fastest level: a news page's HTML shrinks four to eight
    times, at a few ms a megabyte) and ``content`` decompresses it on each read: a digest holds
    every input until all are extracted (text dumps are cleaned with the whole batch's lines),
    and 10,000 pages of 100 KB would otherwise take 1-4 GB as Python strings.
    """

    path: str | None
    packed: bytes = field(repr=False)
    encoding: str = "utf-8"

    def __init__(self, path: str | None, content: str, encoding: str = "utf-8") -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "packed", zlib.compress(content.encode("utf-8", "surrogatepass"), 1))
        object.__setattr__(self, "encoding", encoding)

    @property
    def content(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")


def read_inputs(
    inputs: Iterable[str | Path], limits: Limits = DEFAULT, notes: list[Note] | None = None
) -> tuple[list[Document], list[FileError]]:
    """Read every input: a path (file or folder, recursively) or a raw text/HTML string.

    Bad files never stop the batch: each gives one ``FileError`` naming it.  A symlink loop met
    in a folder is not followed: its ``Note`` goes to ``notes`` when given (else to the log).
    """
    if isinstance(inputs, (str, bytes, Path)) or not isinstance(inputs, Iterable):
        raise TypeError(f"inputs must be a list of paths or texts, not {type(inputs).__name__}")
    docs: list[Document] = []
    errors: list[FileError] = []
    for item in inputs:
        if not isinstance(item, (str, Path)):
            raise TypeError(f"each input must be a path or a text (str), not {type(item).__name__}")
        if isinstance(item, str) and _is_raw_text(item):
            docs.append(_raw(item, limits, errors))
            continue
        path = Path(item)
        if not _exists(path):
            if isinstance(item, str) and _looks_like_prose(item):
                docs.append(_raw(item, limits, errors))
            else:
                errors.append(FileError(str(path), "no such file or folder"))
            continue
        _read_path(path, limits, docs, errors, notes)
    return [d for d in docs if d.content], errors


def _read_path(path: Path, limits: Limits, docs: list[Document], errors: list[FileError],
               notes: list[Note] | None) -> None:
    found = list(files_under(path)) if path.is_dir() else [path]
    if path.is_dir() and not any(isinstance(f, Path) for f in found):
        errors.append(FileError(str(path), f"folder holds no {', '.join(SUFFIXES[:3])} files"))
    for f in found:
        if isinstance(f, FileError):
            errors.append(f)
            continue
        if isinstance(f, Note):
            log.info("%s: %s", f.path, f.note)
            if notes is not None:
                notes.append(f)
            continue
        try:
            docs.append(read_file(f, limits))
        except InputError as exc:
            errors.append(FileError(str(f), exc.message))


def _raw(text: str, limits: Limits, errors: list[FileError]) -> Document:
    if len(text) > limits.max_document_chars:
        errors.append(FileError("<text>", _too_long(len(text), limits)))
        return Document(path=None, content="")
    return Document(path=None, content=_bounded(text, None, limits))


def read_file(path: Path, limits: Limits = DEFAULT) -> Document:
    """Read and decode one regular file (gzip is opened transparently); raises ``InputError``."""
    data = read_bytes(Path(path), limits)
    if len(data) > 4 * limits.max_document_chars:  # no encoding spends more than 4 bytes a character
        raise InputError(_too_long(len(data), limits, unit="bytes"), path=shown(path))
    text, encoding = decode_bytes(data, path=shown(path))
    if len(text) > limits.max_document_chars:
        raise InputError(_too_long(len(text), limits), path=shown(path))
    return Document(path=str(path), content=_bounded(text, shown(path), limits), encoding=encoding)


def _bounded(text: str, path: str | None, limits: Limits) -> str:
    """NUL removed; a text dump's over-long lines split (HTML is left whole for its parser)."""
    from newsdesk.extraction import looks_like_html

    text = clean_text(text)
    return text if looks_like_html(text) else wrap_long_lines(text, limits.max_line_chars, path=path)


def _too_long(n: int, limits: Limits, unit: str = "characters") -> str:
    return (f"text is {n:,} {unit}, over the {limits.max_document_chars:,} character limit "
            "(max_document_chars); refused")


def _is_raw_text(item: str) -> bool:
    """A string with a newline or markup is content, not a file name."""
    return "\n" in item or item.lstrip().startswith("<")


def _exists(path: Path) -> bool:
    """Whether ``path`` names something on disk; a name the file system refuses (too long, no
    permission, a NUL byte) names nothing."""
    try:
        return path.exists() or path.is_symlink()
    except (OSError, ValueError) as exc:
        log.debug("%.60s... is no path (%s); read as text", path, exc)
        return False


def _looks_like_prose(item: str) -> bool:
    """A name that is not on disk but reads as sentences (eight words or more, no file suffix)."""
    return len(item.split()) >= 8 and not item.lower().endswith(SUFFIXES)
