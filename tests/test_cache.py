"""The run-to-run cache: values by content key, bounded by least recent use, shared by processes, off on request."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.cache import DiskCache, cache_path, content_key, default_cache

ROOT = Path(__file__).resolve().parents[1]


def test_values_come_back_by_key_and_a_key_names_all_its_parts(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "c.db")
    cache.put_many([(content_key("vector", "m1", "a text"), b"one"), (content_key("vector", "m2", "a text"), b"two")])
    again = DiskCache(tmp_path / "c.db")  # another handle: a later run
    assert again.get(content_key("vector", "m1", "a text")) == b"one"
    assert again.get(content_key("vector", "m2", "a text")) == b"two"
    assert again.get(content_key("vector", "m1", "another text")) is None
    assert content_key("ab", "c") != content_key("a", "bc")


def test_the_least_recently_used_entries_go_past_the_bound(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "c.db", max_bytes=1000)
    keys = [content_key(str(i)) for i in range(12)]
    for k in keys[:8]:
        cache.put(k, b"x" * 100)
    cache._db.execute("UPDATE entries SET used = used - 7200")  # type: ignore[union-attr]  # written two hours ago
    assert cache.get(keys[0]) is not None  # read now: recently used again
    for k in keys[8:]:
        cache.put(k, b"x" * 100)
    assert cache.size() <= 1000
    held = set(cache.get_many(keys))
    assert keys[0] in held and keys[11] in held and keys[1] not in held


def test_off_keeps_nothing_and_a_named_file_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSDESK_CACHE", "off")
    assert cache_path() is None and default_cache() is None
    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "mine.db"))
    assert cache_path() == tmp_path / "mine.db"
    assert default_cache() is not None and (tmp_path / "mine.db").exists()


def test_an_unusable_file_is_logged_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "not-a-db"
    bad.write_bytes(b"this is no SQLite file" * 100)
    monkeypatch.setenv("NEWSDESK_CACHE", str(bad))
    assert default_cache() is None and "cannot be opened" in caplog.text
    cache = DiskCache(tmp_path / "ok.db")
    with sqlite3.connect(tmp_path / "ok.db") as other:  # broken under it by someone else
        other.execute("DROP TABLE entries")
    assert cache.get(content_key("x")) is None
    cache.put(content_key("x"), b"v")  # no error: the cache is dropped for the rest of the run
    assert "unusable" in caplog.text and cache.get(content_key("x")) is None


def test_processes_write_at_once_without_losing_entries(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from newsdesk.cache import DiskCache, content_key\n"
        "c = DiskCache(Path(sys.argv[1]))\n"
        "for i in range(200): c.put(content_key(sys.argv[2], str(i)), sys.argv[2].encode() * 50)\n"
    )
    path = tmp_path / "shared.db"
    env = {"PYTHONPATH": str(ROOT / "src")}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), w], env=env) for w in ("a", "b", "c")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    cache = DiskCache(path)
    for w in ("a", "b", "c"):
        got = cache.get_many([content_key(w, str(i)) for i in range(200)])
        assert len(got) == 200 and set(got.values()) == {w.encode() * 50}


def test_a_second_digest_reads_parses_vectors_and_languages_back_and_says_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, examples: Path
) -> None:
    import newsdesk.extraction.language as language
    import newsdesk.nlp.stage as stage
    from newsdesk import digest

    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "cache.db"))
    story = sorted((examples / "kiel-ferry").iterdir())
    first = digest([str(p) for p in story]).to_dict()
    seen: list[str] = []
    monkeypatch.setattr(stage, "parse_many", lambda texts, batch_size=16: seen.extend(texts) or [])
    monkeypatch.setattr(language, "identifier", lambda: pytest.fail("language asked again"))
    again = digest([str(p) for p in story])
    assert again.to_dict() == first and seen == []
    assert any("is in 'de', not English" in e.error for e in again.errors)  # a cached language refuses too


def test_no_cache_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, examples: Path) -> None:
    from typer.testing import CliRunner

    from newsdesk.cli import app

    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "cache.db"))
    story = sorted(str(p) for p in (examples / "kiel-ferry").iterdir())
    result = CliRunner().invoke(app, ["digest", *story, "-q", "--no-cache"])
    assert result.exit_code == 1 and "is in 'de', not English" in result.output  # the German copy, refused
    assert not (tmp_path / "cache.db").exists()


def test_threads_of_one_process_share_a_handle(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from concurrent.futures import ThreadPoolExecutor

    cache = DiskCache(tmp_path / "c.db")

    def work(w: int) -> int:
        cache.put_many([(content_key(str(w), str(i)), b"v" * 10) for i in range(50)])
        return len(cache.get_many([content_key(str(w), str(i)) for i in range(50)]))

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(work, range(8))) == [50] * 8
    assert "unusable" not in caplog.text


def test_the_library_reads_back_what_a_digest_parsed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, examples: Path
) -> None:
    import newsdesk.nlp.stage as stage
    from newsdesk import digest
    from newsdesk.store import ingest, open_library

    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "cache.db"))
    story = [str(p) for p in sorted((examples / "aalborg-bridge").iterdir())]
    digest(story)  # texts shorter than max_analysed_chars: the library parses the same texts
    import newsdesk.nlp.spacy_model as spacy_model

    for module in (stage, spacy_model):
        monkeypatch.setattr(module, "parse_many", lambda texts, batch_size=16: pytest.fail("parsed again"))
    with open_library(tmp_path / "library.db") as lib:
        report = ingest(story, lib)
    assert len(report.added) == len(story) and not report.errors
