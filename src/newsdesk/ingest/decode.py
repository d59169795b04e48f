"""Bytes of a file -> text and the encoding it was read in; binary, empty and undecodable bytes raise.

Order of evidence, strongest first: a byte-order mark; valid UTF-8 (a page that
decodes as UTF-8 is UTF-8 whatever it declares); UTF-8 with a few stray
Windows-1252 bytes (text pasted together from two sources); the charset the
HTML declares; Windows-1252 when every non-ASCII character is a Western letter
or typography; then statistical detection (charset-normalizer).  A Western
code page (declared or guessed) whose letters come out mostly accented is
mojibake of another script (Cyrillic, Greek, ...) and is left to detection.
"""

from __future__ import annotations

import codecs
import re

from newsdesk.errors import BinaryInput, DecodeError, EmptyInput

MAX_ACCENTED = 0.3  # share of non-ASCII letters: French, German, Icelandic stay far below; Cyrillic as Latin-1 ~1.0
MAX_CONTROLS = 0.05  # share of control bytes in the head above which a file is binary
DETECT_BYTES = 200_000  # charset-normalizer reads this much
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_WESTERN_CODECS = ("latin", "l1", "iso-8859-1", "iso8859-1", "iso-8859-15", "iso8859-15", "cp1252", "windows-1252",
                   "cp819", "ascii", "us-ascii")  # fmt: skip
_WESTERN_EXTRA = set("\u2018\u2019\u201c\u201d\u2013\u2014\u20ac\u2026\u2022\u00a0\u00ab\u00bb\u00b0\u00a3\u00a9")
_MIXED = "newsdesk-cp1252-fallback"


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error(_MIXED, _cp1252_fallback)


def decode_bytes(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding name); raises ``EmptyInput``, ``BinaryInput`` or ``DecodeError``."""
    if not data.strip():
        raise EmptyInput("file is empty", path=path)
    if _looks_binary(data):
        raise BinaryInput("file is binary, not text or HTML", path=path)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    declared = _declared_charset(data)
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if not (_is_western(declared) and _mostly_accented(text)):
                return text, declared
    western = _as_western(data)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_BYTES]).best()
    if best is None or best.encoding is None:
        raise DecodeError("cannot detect the text encoding", path=path)
    return data.decode(best.encoding, errors="replace"), best.encoding


def _mixed_utf8(data: bytes) -> str | None:
    """UTF-8 with stray Windows-1252 bytes: more valid multi-byte UTF-8 sequences than invalid bytes.

    Text that is Windows-1252 throughout almost never holds valid UTF-8 sequences (an
    accented capital followed by a symbol), so it does not pass.
    """
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if valid < 2:
        return None
    invalid = len(data) - len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    return data.decode("utf-8", errors=_MIXED) if valid >= invalid else None


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
    return text if ok and not _mostly_accented(text) else None


def _is_western(codec: str) -> bool:
    return codec.lower().replace("_", "-").startswith(_WESTERN_CODECS)


def _mostly_accented(text: str) -> bool:
    """Whether most letters are non-ASCII: text in a Western language never is, mojibake is."""
    letters = [c for c in text[:100_000] if c.isalpha()]
    if len(letters) < 20:
        return False
    return sum(ord(c) > 127 for c in letters) > MAX_ACCENTED * len(letters)


def _declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` of a page; a UTF-16/32 declaration read in ASCII is false, so ignored."""
    m = _DECLARED.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return None if name.startswith(("utf-16", "utf16", "utf-32", "utf32")) else name


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * MAX_CONTROLS
