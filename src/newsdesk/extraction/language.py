"""Text -> its language (ISO 639-1, py3langid): kept between runs by content; the model unpacked once.

py3langid ships its model as a 4.5 MB ``.xz`` that every process unpacks to 68 MB before its
first answer (about 0.4 CPU s, in every worker).  Here the answer for a text seen before comes
from the run-to-run cache (``newsdesk.cache``) and needs no model at all; when one is needed, its
arrays are read from an unpacked copy kept beside the cache file (``py3langid-VERSION/*.npy``,
made by the first process that needs it; the large table memory-mapped), which costs a tenth.
The identifier is py3langid's own ``LanguageIdentifier`` built from the same arrays its loader
returns, so every answer is py3langid's.  With the cache off nothing is written and py3langid
loads its model itself.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

SAMPLE_CHARS = 5000  # the start of the text is enough to tell its language
MIN_LETTERS = 20  # fewer letters: no answer (None)
_PARTS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
log = logging.getLogger("newsdesk.extraction.language")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for too little text."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    import py3langid  # cheap: no model is loaded by the import

    from newsdesk.cache import remembered

    return remembered(lambda: str(identifier().classify(sample)[0]), "language", "py3langid",
                      py3langid.__version__, sample)


@lru_cache(maxsize=1)
def identifier() -> Any:
    """py3langid's ``LanguageIdentifier``, its model read from the unpacked copy when there is one."""
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import _to_array

    from newsdesk.cache import cache_path

    path = cache_path()
    if path is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE)
    folder = path.parent / f"py3langid-{py3langid.__version__}"
    if not folder.is_dir() and not _unpack(MODEL_DIR / MODEL_FILE, folder):
        return LanguageIdentifier.from_model_file(MODEL_FILE)
    try:
        a = {p: np.load(folder / f"{p}.npy", mmap_mode="r" if p == "ptc" else None) for p in _PARTS}
    except (OSError, ValueError) as exc:
        log.warning("unpacked language model %s unusable (%s); unpacking py3langid's own", folder, exc)
        return LanguageIdentifier.from_model_file(MODEL_FILE)
    return LanguageIdentifier(
        np.asarray(a["ptc"]), np.asarray(a["pc"]), a["classes"].tolist(), _to_array(a["nextmove"]),
        a["out_feat"].tolist(), tk_row=_to_array(a["nextmove_row"]),
    )


def _unpack(xz: Path, folder: Path) -> bool:
    """The model's arrays as ``.npy`` files in ``folder`` (written aside, then renamed into place:
    a process reading it sees all of it or nothing); False when they cannot be written."""
    import io
    import lzma

    aside = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        aside = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=folder.parent))
        with np.load(io.BytesIO(lzma.decompress(xz.read_bytes())), allow_pickle=False) as data:
            for p in _PARTS:
                np.save(aside / f"{p}.npy", data[p], allow_pickle=False)
        try:
            os.rename(aside, folder)
        except OSError:  # another process put its copy there first
            shutil.rmtree(aside, ignore_errors=True)
        return True
    except (OSError, ValueError, KeyError, lzma.LZMAError) as exc:
        log.warning("cannot unpack the language model into %s (%s); py3langid unpacks it each run", folder, exc)
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
        return False
