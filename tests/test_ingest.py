"""Ingest: files, folders, gzip, encodings and bad input, each failure naming its file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsdesk.errors import BinaryInput, DecodeError, EmptyInput, InputError
from newsdesk.ingest import Document, decode_bytes, read_file, read_inputs

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


@pytest.mark.parametrize(
    "text",
    [
        # one line of prose: longer than a file name may be, and shorter but plainly sentences
        "The ferry crews of Port Edda struck on Monday " * 12,
        "The ferry crews of Port Edda struck on Monday and no boat left the harbour.",
    ],
)
def test_one_line_of_prose_is_content(text: str) -> None:
    docs, errors = read_inputs([text])
    assert errors == [] and docs[0].path is None and docs[0].content == text


def test_a_missing_file_name_is_still_an_error(tmp_path: Path) -> None:
    for name in (str(tmp_path / "missing story.txt"), "no such folder"):
        docs, errors = read_inputs([name])
        assert docs == [] and errors[0].error == "no such file or folder"


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(BinaryInput) as info:
        read_file(path)
    assert str(path) in str(info.value)
    with pytest.raises(EmptyInput):
        decode_bytes(b"")
    assert issubclass(BinaryInput, InputError)


RUSSIAN = "Городской совет вымышленного города Заречье заявил во вторник, что новый мост откроется весной."
FRENCH = "Le conseil de la ville imaginaire de Valbrune a annoncé mardi que le pont rouvrira à l’été."


def _page(charset: str, body: str) -> str:
    return f'<html><head><meta charset="{charset}"><title>T</title></head><body><p>{body}</p></body></html>'


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_page("iso-8859-1", FRENCH).encode("utf-8"), FRENCH),  # declares Latin-1, is UTF-8
        (_page("utf-8", FRENCH.replace("’", "'")).encode("cp1252"), FRENCH.replace("’", "'")),  # the reverse
        (_page("iso-8859-1", RUSSIAN).encode("cp1251"), RUSSIAN),  # declares Latin-1, is Cyrillic
        (_page("utf-8", RUSSIAN).encode("cp1251"), RUSSIAN),  # declares UTF-8, is Cyrillic
        (_page("utf-16", "Caf\u00e9 ouvert").encode("cp1252"), "Caf\u00e9 ouvert"),  # UTF-16 declared in ASCII
        (RUSSIAN.encode("cp1251"), RUSSIAN),  # no declaration at all
    ],
)
def test_wrong_or_missing_charset_declarations(data: bytes, expected: str) -> None:
    text, _ = decode_bytes(data)
    assert expected in text


def test_utf8_with_stray_cp1252_bytes_keeps_both_parts() -> None:
    data = FRENCH.encode("utf-8") + " \u00a9 Gazette de Z\u00fcrich".encode("cp1252")
    text, encoding = decode_bytes(data)
    assert text == FRENCH + " \u00a9 Gazette de Z\u00fcrich" and encoding == "utf-8+cp1252"


def test_text_that_is_no_known_encoding_is_a_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(DecodeError) as info:
        read_file(path)
    assert str(path) in str(info.value) and "encoding" in info.value.message


def test_every_bad_kind_in_one_batch_names_its_file(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "truncated.html.gz").write_bytes(gzip.compress(b"<p>" + STORY.encode() * 20)[:40])
    (tmp_path / "binary.txt.gz").write_bytes(gzip.compress(bytes(range(32)) * 50))
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.md").write_text("not an input", encoding="utf-8")
    docs, errors = read_inputs([tmp_path, tmp_path / "nothing"])
    assert [Path(d.path).name for d in docs if d.path] == ["good.txt"]
    failed = {Path(e.path).name: e.error for e in errors}
    assert set(failed) == {"truncated.html.gz", "binary.txt.gz", "noise.txt", "nothing"}
    assert "gzip" in failed["truncated.html.gz"] and "binary" in failed["binary.txt.gz"]
    assert all("\n" not in e for e in failed.values())


def test_documents_wait_compressed_and_give_back_their_exact_text(tmp_path: Path) -> None:
    """A pile of pages is held compressed until extraction: a page full of repeated markup takes a
    fraction of its text, and any text (other scripts, lone surrogates from undecodable file names'
    bytes) comes back exactly."""
    page = "<html><body>" + "<div class='story'><p>The ferry sails at nine \u2019 \u00e9t\u00e9 \u6e2f</p></div>\n" * 2000 + "</body></html>"
    doc = Document("p.html", page)
    assert doc.content == page and doc.path == "p.html" and doc.encoding == "utf-8"
    assert len(doc.packed) * 20 < len(page.encode("utf-8"))
    odd = "caf\udce9 \U0001f600 text"
    assert Document(None, odd).content == odd
    assert Document("a", "x") == Document("a", "x") != Document("a", "y")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    docs, errors = read_inputs([tmp_path])
    assert errors == [] and [d.content for d in docs] == [page]
