"""A path on disk -> its bytes (regular files only, gzip expanded under a limit) or the files of a folder."""

from __future__ import annotations

import errno
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.limits import DEFAULT, Limits
from newsdesk.models import FileError, Note

SUFFIXES = (".txt", ".html", ".htm", ".txt.gz", ".html.gz", ".htm.gz")
_CHUNK = 1 << 16
_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}  # fmt: skip


def shown(path: str | Path) -> str:
    """A path as one printable line: bytes that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_bytes(path: Path, limits: Limits = DEFAULT) -> bytes:
    """The content of a regular file, gzip expanded; raises ``InputError`` naming the limit hit.

    Anything but a regular file (FIFO, device, socket) is refused from ``os.stat`` before it is
    opened, and the file is opened non-blocking, so reading never waits on a writer.
    """
    try:
        info = os.stat(path)
        _check_regular(info, path)
        _check_size(info.st_size, path, limits)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            _check_regular(os.fstat(f.fileno()), path)  # it may have changed since the stat
            data = f.read(limits.max_file_bytes + 1)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise InputError(f"is a symlink to {shown(os.readlink(path))}, which does not exist; refused",
                             path=shown(path)) from exc
        raise InputError(f"cannot read: {exc.strerror or exc}", path=shown(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=shown(path)) from exc
    _check_size(len(data), path, limits)
    return gunzip(data, path, limits) if data[:2] == b"\x1f\x8b" else data


def _check_regular(info: os.stat_result, path: Path) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise InputError(f"is {kind}, not a regular file; refused", path=shown(path))


def _check_size(size: int, path: Path, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise InputError(f"file is over the {_mb(limits.max_file_bytes)} limit (max_file_bytes)",
                         path=shown(path))


def gunzip(data: bytes, path: Path, limits: Limits = DEFAULT) -> bytes:
    """Expand gzip ``data`` chunk by chunk, refusing it as soon as it passes the decompressed limit."""
    cap = limits.max_decompressed_bytes
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    try:
        rest = data
        while rest and not d.eof:
            out += d.decompress(rest, _CHUNK)
            if len(out) > cap:
                raise InputError(f"gzip expands past the {_mb(cap)} limit (max_decompressed_bytes); refused",
                                 path=shown(path))
            rest = d.unconsumed_tail
    except zlib.error as exc:
        raise InputError(f"broken gzip file ({exc})", path=shown(path)) from exc
    if not d.eof:
        raise InputError("broken gzip file (truncated)", path=shown(path))
    return bytes(out)


def files_under(folder: Path) -> Iterator[Path | FileError | Note]:
    """The article files under ``folder`` (recursively, sorted, symlinked folders followed once).

    Every entry with an article suffix is given, whatever it is: the reader refuses a FIFO, a
    device or a dangling link by name, as when it is passed directly.  An unlistable folder gives
    a ``FileError``, a symlink loop a ``Note`` (it is not followed)."""
    yield from _walk(folder, {_key(folder)})


def _walk(folder: Path, ancestors: set[tuple[int, int]]) -> Iterator[Path | FileError | Note]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        yield FileError(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        article = entry.name.lower().endswith(SUFFIXES)
        try:
            is_dir = entry.is_dir()
            if entry.is_symlink() and not is_dir and not entry.is_file():
                os.stat(path)  # raises ELOOP for a loop of links, FileNotFoundError for a dangling one
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                yield Note(str(path), "symlink loop; not followed", kind="symlink_loop")
            elif article:
                yield path  # a dangling link: the reader names it
            continue
        if is_dir:
            key = _key(path)
            if key in ancestors:
                yield Note(str(path), "symlink loop (links back to a folder above it); not followed",
                           kind="symlink_loop")
                continue
            yield from _walk(path, ancestors | {key})
        elif article:
            yield path  # a regular file, or a FIFO, socket or device that the reader refuses


def _key(folder: Path) -> tuple[int, int]:
    info = os.stat(folder)
    return info.st_dev, info.st_ino


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n:,} bytes"
