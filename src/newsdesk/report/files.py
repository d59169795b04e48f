"""Report paths -> checked before any work starts, then written atomically (temp file, fsync, rename).

A reader of a report sees the old file or the new one, never a part: the text goes to a
temporary file in the same folder, is flushed and fsynced, then renamed over the target
(``os.replace`` is atomic within one file system).  A target that is a folder, sits in a
missing or read-only folder, or is one of the inputs is refused before the digest runs.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsdesk.errors import UsageError
from newsdesk.ingest.files import shown


class OutputError(UsageError):
    """A report cannot be written where the caller asked."""


def check_outputs(outputs: Sequence[tuple[str, Path]], inputs: Iterable[str | Path]) -> None:
    """Refuse, before any work, every report path that cannot be written; raises ``OutputError``.

    ``outputs`` pairs each option name ("--json") with its path; ``inputs`` are the paths read
    (folders included: a report written inside an input folder is fine, over an input file not).
    """
    read = {_identity(Path(p)) for p in inputs if isinstance(p, (str, Path))} - {None}
    chosen: dict[tuple[int, int] | str, str] = {}
    for option, path in outputs:
        _check_one(option, path)
        ident = _identity(path) or str(path.resolve())
        if ident in read or _under_inputs(path, inputs):
            raise OutputError(f"{option} {shown(path)}: is one of the inputs; choose another file")
        if ident in chosen:
            raise OutputError(f"{option} {shown(path)}: is also the {chosen[ident]} report; choose another file")
        chosen[ident] = option


def _check_one(option: str, path: Path) -> None:
    where = f"{option} {shown(path)}"
    if path.is_dir():
        raise OutputError(f"{where}: is a folder; give a file name")
    if path.exists() and not path.is_file():
        raise OutputError(f"{where}: is not a regular file; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{where}: folder {shown(folder)} does not exist; create it first")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{where}: folder {shown(folder)} is not writable; choose another place")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{where}: file is read-only; choose another file")
    try:  # what the checks above cannot see (a read-only or special file system, root's access)
        fd, probe = _temp_file(path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"{where}: cannot create a file in folder {shown(folder)} "
                          f"({exc.strerror or exc}); choose another place") from exc


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _under_inputs(path: Path, inputs: Iterable[str | Path]) -> bool:
    """A report path that a folder input reads (an article suffix inside it), now or next run."""
    from newsdesk.ingest.files import SUFFIXES

    if not path.name.lower().endswith(SUFFIXES):
        return False
    target = path.resolve()
    for p in inputs:
        if isinstance(p, (str, Path)) and Path(p).is_dir() and Path(p).resolve() in target.parents:
            return True
    return False


def write_atomic(path: str | Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (UTF-8; lone surrogates as ``\\udcNN``), or its pieces one after another, to
    ``path`` via a synced temp file.  A new file gets the mode any new file gets (0666 less the
    umask), a replaced one keeps its mode.

    Raises ``OutputError`` naming ``path`` (disk full, permission lost) and leaves the old file untouched.
    """
    path = Path(path)
    tmp = None
    try:
        fd, tmp = _temp_file(path)
        if path.exists():
            os.fchmod(fd, path.stat().st_mode & 0o7777)
        with os.fdopen(fd, "wb") as f:
            for chunk in [text] if isinstance(text, str) else text:
                f.write(chunk.encode("utf-8", "backslashreplace"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None and os.path.lexists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{shown(path)}: cannot write: {exc.strerror or exc}") from exc
        raise


def _temp_file(path: Path) -> tuple[int, str]:
    """A new file next to ``path``, opened for writing: mode 0666 less the umask (``mkstemp``
    would give 0600), a random name so that two runs never share one."""
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {shown(path)}")
