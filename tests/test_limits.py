"""Limits and refusals: non-regular files, gzip bombs, long lines, NUL, symlink loops, API arguments."""

from __future__ import annotations

import gzip
import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest

import newsdesk
from newsdesk.cli import cap_workers
from newsdesk.errors import InputError
from newsdesk.ingest import read_file, read_inputs
from newsdesk.ingest.files import gunzip
from newsdesk.limits import DEFAULT, Limits, wrap_long_lines

STORY = ("Westmere harbour council said on Monday that the ferry will sail every hour from May. "
         "Engineers finished the repairs to the old pier after two years of work and a quarrel over cost.\n")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(read_inputs([str(fifo)])), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    docs, errors = found[0]  # type: ignore[misc]
    assert not docs and "named pipe (FIFO), not a regular file" in errors[0].error


def test_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="character device"):
        read_file(Path("/dev/zero"))


def test_gzip_is_refused_while_it_expands() -> None:
    bomb = gzip.compress(b"ferry " * 2_000_000)  # 12 MB from about 12 KB
    small = replace(DEFAULT, max_decompressed_bytes=1024 * 1024)
    with pytest.raises(InputError, match=r"gzip expands past the 1 MB limit \(max_decompressed_bytes\)"):
        gunzip(bomb, Path("bomb.txt.gz"), small)
    assert gunzip(gzip.compress(STORY.encode()), Path("ok.txt.gz"), small) == STORY.encode()


def test_document_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(STORY * 20, encoding="utf-8")
    _, errors = read_inputs([str(path)], replace(DEFAULT, max_document_chars=1000))
    assert "over the 1,000 character limit (max_document_chars)" in errors[0].error


def test_long_lines_are_split_at_sentence_ends(caplog: pytest.LogCaptureFixture) -> None:
    line = STORY.strip() * 100
    out = wrap_long_lines(line, 1000, path="one-line.txt")
    pieces = out.splitlines()
    assert all(len(p) <= 1000 for p in pieces) and len(pieces) > 10
    assert all(p.endswith(".") for p in pieces[:-1])  # cut after a sentence, not inside a word
    assert " ".join(pieces).split() == line.split()
    assert "one-line.txt: a line is" in caplog.text and "max_line_chars" in caplog.text
    assert wrap_long_lines("x" * 2500, 1000).splitlines() == ["x" * 1000, "x" * 1000, "x" * 500]


def test_nul_characters_are_removed_anywhere(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_text("Title\n\n" + STORY * 200 + "Late\x00 NUL\x00.\n", encoding="utf-8")
    (doc,), _ = read_inputs([str(path)])
    assert "\x00" not in doc.content and "Late NUL." in doc.content
    assert "\x00" not in newsdesk.extract("Harbour\x00 news\n\n" + STORY * 3).text


def test_a_symlink_loop_gets_a_note(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\n" + STORY * 3, encoding="utf-8")
    (tmp_path / "again").symlink_to(tmp_path)
    (tmp_path / "x").symlink_to(tmp_path / "y")
    (tmp_path / "y").symlink_to(tmp_path / "x")
    found: list = []  # type: ignore[type-arg]
    docs, errors = read_inputs([str(tmp_path)], notes=found)
    notes = {Path(n.path).name: n.note for n in found}
    assert len(docs) == 1 and errors == [] and set(notes) == {"again", "x", "y"}
    assert "symlink loop" in notes["again"] and "symlink loop" in notes["x"]
    assert {n.kind for n in found} == {"symlink_loop"}


def test_workers_are_capped_at_cores_and_inputs() -> None:
    assert cap_workers(1000, 3) == min(3, os.cpu_count() or 1)
    assert cap_workers(1000, None) == (os.cpu_count() or 1)
    assert cap_workers(1, 40) == 1


@pytest.mark.parametrize(("call", "kind", "words"), [
    (lambda: newsdesk.find_times("on Monday", "not-a-date"), ValueError, "ISO date"),
    (lambda: newsdesk.find_times("on Monday", "2025-02-30"), ValueError, "2025-02-30"),
    (lambda: newsdesk.find_times(None), TypeError, "str"),
    (lambda: newsdesk.digest(["x"], words=0), ValueError, "at least 20"),
    (lambda: newsdesk.digest(["x"], words="many"), ValueError, "words must be int"),
    (lambda: newsdesk.digest(None), TypeError, "path, a text or a list"),
    (lambda: newsdesk.digest(["x"], workers=0), ValueError, "workers"),
    (lambda: newsdesk.find_quotes(b"bytes"), TypeError, "str"),
    (lambda: newsdesk.extract(None), TypeError, "str or bytes"),
    (lambda: Limits(max_sentences=0), ValueError, "positive integer"),
])  # fmt: skip
def test_the_api_refuses_bad_arguments_saying_what_it_expected(call, kind, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(kind, match=words):
        call()
