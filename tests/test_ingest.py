"""Ingest: files, folders, gzip, encodings and bad input, each failure naming its file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsdesk.errors import BinaryInput, EmptyInput, InputError
from newsdesk.ingest import decode_bytes, read_file, read_inputs

STORY = "The river ferry resumed service on Monday after repairs.\n\nOfficials said the hull was sound.\n"


def test_reads_text_html_and_gzip(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{STORY}</p></body></html>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    docs, errors = read_inputs([tmp_path])
    assert errors == []
    assert sorted(Path(d.path).name for d in docs if d.path) == ["a.txt", "b.html", "c.txt.gz"]
    assert all("ferry" in d.content for d in docs)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("cp1252", "Caf\u00e9 owners \u201cwelcome\u201d the new \u20ac5 fee, the mayor said on Friday."),
     ("latin-1", "Der B\u00fcrgermeister sagte am Freitag, die Br\u00fccke sei sicher und offen."),
     ("utf-16", "Officials said the bridge would reopen next week.")],
)
def test_detects_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    assert read_file(path).content.strip() == text


def test_declared_html_charset_wins_over_guessing() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body>Bj\xf6rk sang.</body></html>'
    text, encoding = decode_bytes(html.encode("latin-1"))
    assert "Bj\u00f6rk" in text and encoding == "iso-8859-1"


def test_bad_files_get_one_error_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n ", encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    docs, errors = read_inputs([tmp_path, tmp_path / "missing.txt"])
    assert [Path(d.path).name for d in docs if d.path] == ["good.txt"]
    failed = {Path(e.path).name: e.error for e in errors}
    assert set(failed) == {"empty.txt", "blank.txt", "binary.html", "broken.txt.gz", "missing.txt"}
    assert "binary" in failed["binary.html"] and "gzip" in failed["broken.txt.gz"]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    docs, errors = read_inputs([tmp_path])
    assert docs == [] and len(errors) == 1 and errors[0].path == str(tmp_path)


def test_raw_strings_are_content_not_paths() -> None:
    docs, errors = read_inputs([STORY])
    assert errors == [] and docs[0].path is None and docs[0].content == STORY


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(BinaryInput) as info:
        read_file(path)
    assert str(path) in str(info.value)
    with pytest.raises(EmptyInput):
        decode_bytes(b"")
    assert issubclass(BinaryInput, InputError)
