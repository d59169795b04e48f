"""The library: ingest of examples/, stable ids, changes, redirects, migrations, search, the CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.errors import NotInLibrary
from newsdesk.pipeline import digest
from newsdesk.report.library import render_hits
from newsdesk.store import default_db_path, open_library
from newsdesk.store.ingestion import ingest
from newsdesk.store.schema import VERSION, migrate, version_of
from newsdesk.store.writes import merge_story, put_story

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FERRY = EXAMPLES / "kiel-ferry"
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ ingested once; each test gets its own copy (``lib``)."""
    path = tmp_path_factory.mktemp("lib") / "library.db"
    with open_library(path) as lib:
        ingest([str(EXAMPLES)], lib)
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture()
def lib(built: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    copy = tmp_path / "library.db"
    shutil.copy(built, copy)
    with open_library(copy) as library:
        yield library


def _partition(groups: list[tuple[str, ...]]) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


def test_ingest_groups_articles_as_digest_does(lib) -> None:  # type: ignore[no-untyped-def]
    d = digest([str(EXAMPLES)])
    stored = [lib.story(s.id).story for s in lib.stories()]
    assert _partition([s.articles for s in stored]) == _partition([s.articles for s in d.stories])
    assert {s.title for s in stored} == {s.title for s in d.stories}
    ferry = next(s for s in stored if len(s.articles) == 4)
    assert ferry.conflicts and ferry.brief


def test_sqlite_library_is_a_library(lib) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.store import Library

    assert isinstance(lib, Library)
    assert not isinstance(object(), Library)


def test_stored_story_reads_back_equal(lib) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from newsdesk.store.codec import article_from_dict, story_from_dict

    d = digest([str(FERRY)])
    for story in d.stories:
        assert story_from_dict(json.loads(json.dumps(story.to_dict()))) == story
    assert any(c.evidence for s in d.stories for c in s.claims)
    for a in d.articles:
        assert article_from_dict(a.to_dict()) == a
    stored = lib.story(lib.stories()[0].id).story
    assert replace(story_from_dict(stored.to_dict()), id=stored.id) == stored


def test_reingest_changes_nothing(lib) -> None:  # type: ignore[no-untyped-def]
    before = (lib.counts(), [(s.id, s.version) for s in lib.stories()])
    report = ingest([str(EXAMPLES)], lib)
    assert report.added == () and report.known == report.known > 0
    assert (lib.counts(), [(s.id, s.version) for s in lib.stories()]) == before


def test_new_article_joins_its_story_and_changes_are_recorded(tmp_path: Path) -> None:
    files = sorted(FERRY.glob("*"))
    first, last = [f for f in files if "pinecrest" not in f.name], [f for f in files if "pinecrest" in f.name]
    with open_library(tmp_path / "l.db") as lib:
        ingest([str(f) for f in first], lib)
        (story,) = [s for s in lib.stories()]
        report = ingest([str(f) for f in last], lib)
        assert report.stories_updated == (story.id,) and report.stories_new == ()
        record = lib.story(story.id)
        assert record.summary.version == 2 and record.summary.articles == story.articles + 1
        latest = record.changes[0]
        assert latest.version == 2 and latest.new_articles == tuple(report.added)
        assert latest.new_outlets == ("The Pinecrest Times",)
        assert latest.new_claims or latest.corroborated
        assert record.changes[1].version == 1 and record.changes[1].new_claims == ()


def test_a_batch_reaching_two_stories_merges_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.store import update

    with open_library(tmp_path / "m.db") as lib:
        ingest([str(EXAMPLES / "lunar-lander")], lib)
        ingest([str(EXAMPLES / "brannock-steel")], lib)
        lander, steel = sorted((int(s.id) for s in lib.stories()))
        # the batch's ferry reports cluster with members of both stories
        monkeypatch.setattr(update, "_cluster_with_neighbours",
                            lambda conn, c, prepared, vec, groups: ([0] * len(prepared), {0: {lander, steel}}))
        ferry = [str(p) for p in sorted(FERRY.glob("*-ferry.txt"))]
        report = ingest(ferry, lib)
        assert report.merged == ((str(steel), str(lander)),) and report.stories_updated == (str(lander),)
        record = lib.story(str(steel))
        assert record.redirected_from == str(steel) and record.story.id == str(lander)
        assert record.summary.articles == 3 + 3 + len(ferry) and record.summary.version == 2
        assert record.changes[0].merged_from == (str(steel),)
        assert [s.id for s in lib.stories()] == [str(lander)]


def test_merged_story_redirects_to_survivor(lib) -> None:  # type: ignore[no-untyped-def]
    ids = sorted(int(s.id) for s in lib.stories())
    with lib.transaction() as conn:
        merge_story(conn, ids[1], ids[0], "2025-01-01T00:00:00+00:00")
    record = lib.story(str(ids[1]))
    assert record.redirected_from == str(ids[1]) and record.story.id == str(ids[0])
    assert str(ids[1]) not in [s.id for s in lib.stories()]
    with pytest.raises(NotInLibrary):
        lib.story("12345")


def test_api_story_is_the_stored_object_read_once(lib) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from newsdesk.web.app import create_app
    from newsdesk.web.store_library import StoreLibrary

    ids = sorted(int(s.id) for s in lib.stories())
    story = lib.story(str(ids[0])).story
    data, redirected = lib.story_object(str(ids[0]))
    assert redirected is None and data == json.loads(json.dumps(story.to_dict()))
    assert lib.changes(str(ids[0]), latest=1) == lib.story(str(ids[0])).changes[:1]
    client = TestClient(create_app(StoreLibrary(lib)), follow_redirects=False)
    reads: list[str] = []
    lib.conn.set_trace_callback(lambda sql: reads.append(sql) if "FROM stories" in sql else None)
    body = client.get(f"/api/stories/{ids[0]}").json()
    lib.conn.set_trace_callback(None)
    assert sum("SELECT data FROM stories" in r for r in reads) == 1  # the story is read once
    assert body["schema"] == "newsdesk/2" and {k: body[k] for k in data} == data
    assert body["changes"] == {"lines": [], "version": None, "when": None}  # a first version
    with lib.transaction() as conn:
        merge_story(conn, ids[1], ids[0], "2025-01-01T00:00:00+00:00")
    moved = client.get(f"/api/stories/{ids[1]}")
    assert moved.status_code == 301 and moved.headers["location"] == f"/api/stories/{ids[0]}"
    assert client.get("/api/stories/12345").status_code == 404


def test_article_citations_read_without_the_story_models_match_them(lib) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.store.records import Citing

    story = lib.story(lib.stories()[0].id).story
    found = [lib.citing(a) for a in story.articles]
    assert found == [[Citing.of(story, a)] for a in story.articles]
    assert any(c[0].citations for c in found) and lib.citing("0000000000") == []
    assert json.loads(lib.story_json(story.id)[0]) == lib.story_object(story.id)[0]


def test_a_later_report_joins_its_story_through_its_neighbours(tmp_path: Path) -> None:
    """Reports of one event ingested apart end in one story; another event's open their own."""
    ferry = [str(f) for f in sorted(FERRY.glob("*"))]

    def stories_of(folder: str) -> set[int]:
        return {r[0] for r in lib.conn.execute(
            "SELECT a.story_id FROM files f JOIN articles a ON a.id = f.article_id"
            " WHERE f.path LIKE ? AND a.story_id IS NOT NULL", (f"%{folder}%",))}

    with open_library(tmp_path / "n.db") as lib:
        ingest(ferry[:2] + [str(EXAMPLES / "lunar-lander")], lib)
        (first,) = stories_of("kiel-ferry")
        report = ingest(ferry[2:] + [str(EXAMPLES / "brannock-steel")], lib)
        assert stories_of("kiel-ferry") == {first} and report.stories_updated == (str(first),)
        assert len(stories_of("brannock-steel")) == 1 and len(report.stories_new) == 1
        assert stories_of("brannock-steel") != stories_of("lunar-lander")


def test_v1_file_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    story = {"id": "", "title": "Old story", "articles": ["a1"],
             "quotes": [{"speaker": "Ada Quill", "text": "the lighthouse stays lit", "sources": ["a1"]}]}
    conn.execute("INSERT INTO stories (id, title, data, version, size, outlets, created, updated)"
                 " VALUES (1, 'Old story', ?, 1, 1, '[]', 'x', 'x')", (json.dumps(story),))
    conn.close()
    with open_library(path) as lib:
        assert version_of(lib.conn) == VERSION == 5
        hits = lib.search("lighthouse")
        assert [(h.kind, h.story_id) for h in hits] == [("quote", "1")]
        assert lib.story("1").story.quotes[0].speaker == "Ada Quill"


def _as_v3(conn: sqlite3.Connection) -> None:
    """Rewrite a library's rows in the form schema 3 stored them (plain vectors, whole parses at
    zlib level 1, JSON text)."""
    import zlib

    from newsdesk.nlp.spacy_model import nlp
    from newsdesk.store.codec import doc_from_blob, dumps, unpack_json, vectors_from_blob

    text = {aid: json.loads(d)["text"] for aid, d in conn.execute("SELECT id, data FROM articles")}
    for aid, dim, vectors, doc in conn.execute("SELECT article_id, dim, vectors, doc FROM article_nlp").fetchall():
        whole = doc_from_blob(doc, text[aid], nlp().vocab).to_bytes(exclude=["tensor", "user_data"])
        conn.execute("UPDATE article_nlp SET vectors = ?, doc = ? WHERE article_id = ?",
                     (vectors_from_blob(vectors, dim).tobytes(), zlib.compress(whole, 1), aid))
    for sid, data in conn.execute("SELECT id, data FROM stories").fetchall():
        conn.execute("UPDATE stories SET data = ? WHERE id = ?", (dumps(unpack_json(data)), sid))
    for sid, terms in conn.execute("SELECT story_id, terms FROM story_terms").fetchall():
        conn.execute("UPDATE story_terms SET terms = ? WHERE story_id = ?", (json.dumps(unpack_json(terms)), sid))
    conn.execute("UPDATE schema_version SET version = 3")


def test_v3_file_is_compacted_in_place_losing_nothing(built: Path, tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    shutil.copy(built, path)
    tables = {"article_nlp": "article_id", "stories": "id", "story_terms": "story_id", "articles": "id"}
    conn = sqlite3.connect(path)
    before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY {k}").fetchall() for t, k in tables.items()}
    _as_v3(conn)
    conn.commit()
    old_bytes = conn.execute("SELECT sum(length(vectors) + length(doc)) FROM article_nlp").fetchone()[0]
    assert version_of(conn) == 3 and isinstance(conn.execute("SELECT data FROM stories").fetchone()[0], str)
    conn.close()
    with open_library(path) as lib:
        assert version_of(lib.conn) == VERSION == 5
        after = {t: lib.conn.execute(f"SELECT * FROM {t} ORDER BY {k}").fetchall() for t, k in tables.items()}
        assert after == before  # byte for byte what schema 4 writes itself
        new_bytes = lib.conn.execute("SELECT sum(length(vectors) + length(doc)) FROM article_nlp").fetchone()[0]
        assert new_bytes < 0.9 * old_bytes
        first = lib.stories()[0].id
        assert lib.story(first).story.brief and lib.story_object(first)[0]["brief"]


def test_search_ranks_highlights_and_filters(lib) -> None:  # type: ignore[no-untyped-def]
    hits = lib.search("ferry quay")
    assert hits and {h.kind for h in hits} >= {"article", "claim"}
    for h in hits:
        marked = [h.snippet[a:b].lower() for a, b in h.highlights]
        assert marked and all(m.startswith(("ferr", "quay")) for m in marked)
    assert [h.score for h in hits] == sorted(h.score for h in hits) or len({h.kind for h in hits}) > 1
    only = lib.search("ferry", outlet="Northgate Daily", kinds=("article",))
    assert only and {h.outlet for h in only} == {"Northgate Daily"}
    assert lib.search("ferry", until="2000-01-01") == []
    assert lib.search("") == []


@pytest.mark.parametrize("query", ['"', "ferry AND", "NEAR(ferry", "ferry*", "-ferry", "col:ferry"])
def test_search_never_passes_syntax_to_fts(lib, query: str) -> None:  # type: ignore[no-untyped-def]
    lib.search(query)


def test_search_output_cannot_inject_markup_or_escapes(tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "Harbour crane [bold red]collapses[/] in storm\n\n"
        "A harbour crane [link=file:///etc]collapsed[/link] on Monday \x1b[31mred\x1b[0m during a storm, "
        "port officials said. Nobody was hurt when the crane fell onto an empty quay, they said. "
        "The port said repairs would take weeks and that shipping was not affected by the fall.\n",
        encoding="utf-8",
    )
    with open_library(tmp_path / "l.db") as lib:
        ingest([str(evil)], lib)
        hits = lib.search("crane", kinds=("article",))
    console = Console(record=True, width=200, color_system=None)
    render_hits(hits, console)
    out = console.export_text()
    assert "[link=file:///etc]collapsed[/link]" in out and "\x1b" not in out


def test_default_path_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("NEWSDESK_DB")
    assert default_db_path().name == "library.db" and "newsdesk" in str(default_db_path())


def test_cli_ingest_stories_show_search(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(FERRY), "--db", db])
    assert result.exit_code == 1  # the German one is kept out of stories, as digest does
    assert "added 4 articles, kept 1 article out of stories (0 files already known)" in result.output
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    (story,) = json.loads(listed.output)
    shown = runner.invoke(app, ["show", story["id"], "--db", db, "--json"])
    assert json.loads(shown.output)["story"]["id"] == story["id"]
    md = runner.invoke(app, ["show", story["id"], "--db", db, "--md"])
    assert md.output.startswith("# newsdesk digest")
    changes = runner.invoke(app, ["show", story["id"], "--db", db, "--changes"])
    assert "version 1" in changes.output and "new outlets" in changes.output
    found = runner.invoke(app, ["search", "quay", "--db", db, "--json"])
    assert json.loads(found.output)
    missing = runner.invoke(app, ["show", "77", "--db", db])
    assert missing.exit_code == 2 and "no story '77'" in missing.output


def test_stored_parses_are_read_only_when_asked_for(lib) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.store.prepared import StoredParses, load_nlp

    story = lib.story(lib.stories()[0].id).story
    articles = lib.articles(story.articles)
    stored, blobs = load_nlp(lib.conn, articles, 384)
    assert set(stored) == set(blobs) == {a.id for a in articles} and len(articles) > 1
    parses = StoredParses(blobs)
    first = articles[0]
    assert parses[first.id].text == first.text and len(parses[first.id]) > 5
    assert set(parses._docs) == {first.id} and len(parses) == len(articles) and list(parses) == list(blobs)


def test_reading_room_decodes_a_story_version_once(lib) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.web.store_library import StoreLibrary

    room = StoreLibrary(lib)
    sid = lib.stories()[0].id
    reads: list[str] = []
    lib.conn.set_trace_callback(lambda sql: reads.append(sql) if "SELECT data FROM stories" in sql else None)
    first = room.story(sid)
    assert room.story(sid) is first and len(reads) == 1  # the second page of the same version
    lib.conn.set_trace_callback(None)
    with lib.transaction() as conn:
        put_story(conn, int(sid), first, lib.articles(first.articles), "2030-01-01T00:00:00+00:00")
    again = room.story(sid)
    assert again is not first and again == first  # a new version is read again


def test_one_library_read_from_many_threads(lib) -> None:  # type: ignore[no-untyped-def]
    """The server shares one connection among its threads: each snapshot of reads runs alone on
    it, so two threads never open a transaction on it at once (which SQLite refuses)."""
    from concurrent.futures import ThreadPoolExecutor

    ids = [s.id for s in lib.stories()]
    expected = {sid: lib.story(sid).story for sid in ids}

    def read(i: int) -> bool:
        sid = ids[i % len(ids)]
        return lib.story(sid).story == expected[sid] and lib.counts()["stories"] == len(ids)

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(read, range(400)))


def test_the_package_ingest_stays_the_function(tmp_path: Path) -> None:
    """``newsdesk.store.ingest`` is the documented function, before and after a first ingest (a
    submodule of the same name, once imported, would have taken its place on the package)."""
    import newsdesk.store as store

    with store.open_library(tmp_path / "library.db") as lib:
        first = store.ingest([str(EXAMPLES / "aalborg-bridge")], lib)
        again = store.ingest([str(EXAMPLES / "aalborg-bridge")], lib)
    assert callable(store.ingest) and first.added and not again.added


def test_a_file_without_an_outlet_is_no_outlet_of_its_story(tmp_path: Path) -> None:
    from newsdesk.web.store_library import StoreLibrary

    folder = tmp_path / "in"
    folder.mkdir()
    said = ("The council of Elvenmoor closed the quarry lake to swimmers on Friday after tests found an algae bloom.",
            "Water samples taken on Wednesday showed high levels of blue-green algae, the health officer said.",
            "The lake will be tested again next week, and signs have been put up at both car parks.")
    for name, title, order in (("lake-a.txt", "Quarry lake closed", said), ("lake-b.txt", "Swimmers kept out", said[::-1])):
        (folder / name).write_text(title + "\n\n" + "\n\n".join(order) + "\n", encoding="utf-8")
    with open_library(tmp_path / "l.db") as lib:
        ingest([str(folder)], lib)
        (story,) = lib.stories()
        assert story.articles == 2 and story.outlets == ()
        assert StoreLibrary(lib).outlets() == [] and lib.story(story.id).changes[0].new_outlets == ()
        lib.conn.execute("UPDATE stories SET outlets = '[\"lake-a.txt\"]'")  # as schema 4 wrote it
        lib.conn.execute("UPDATE schema_version SET version = 4")
    with open_library(tmp_path / "l.db") as lib:
        assert [s.outlets for s in lib.stories()] == [()]  # schema 5 keeps named outlets only
