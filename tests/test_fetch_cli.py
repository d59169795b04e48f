"""Following the news from the command line, against a loopback server built from examples/:
`follow import` an OPML file, `fetch`, `follow list`; `ingest` of page and feed URLs and of a WARC."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from loopback import LoopbackServer, Site, conditional
from typer.testing import CliRunner

from newsdesk.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PAGES = {
    "/a/ferry": EXAMPLES / "kiel-ferry" / "northgate-daily-ferry.html",
    "/a/ferry-2": EXAMPLES / "kiel-ferry" / "pinecrest-times-ferry.html",
    "/b/steel": EXAMPLES / "brannock-steel" / "northgate-daily-steel.html",
    "/b/lander": EXAMPLES / "lunar-lander" / "pinecrest-times-lander.html",
}


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>t</title><link>{base}{p}</link></item>" for p in paths)
    return f"<rss version='2.0'><channel><title>Feed {paths[0][:2]}</title>{items}</channel></rss>".encode()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture()
def served():  # type: ignore[no-untyped-def]
    site = Site()
    for path, file in PAGES.items():
        site.page(path, file.read_bytes())
    with LoopbackServer(site) as server:
        site.routes["/a.xml"] = conditional('"a1"', (200, {"Content-Type": "application/rss+xml"},
                                                      rss(server.base, ["/a/ferry", "/a/ferry-2"])))
        site.routes["/b.xml"] = conditional('"b1"', (200, {"Content-Type": "application/rss+xml"},
                                                      rss(server.base, ["/b/steel", "/b/lander"])))
        yield site, server


def test_follow_an_opml_file_then_fetch_twice(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site, server = served
    db = str(tmp_path / "lib.db")
    opml = tmp_path / "feeds.opml"
    opml.write_text(f"""<opml version="2.0"><body><outline text="News">
<outline text="A" xmlUrl="{server.url('/a.xml')}"/><outline text="B" xmlUrl="{server.url('/b.xml')}"/>
<outline text="Gone" xmlUrl="{server.url('/gone.xml')}"/></outline></body></opml>""", encoding="utf-8")
    code, out = run("follow", "import", str(opml), "--db", db)
    assert code == 0 and "following 3 new feeds" in out

    code, out = run("fetch", "--db", db, "--allow-local", "--json")
    first = json.loads(out.splitlines()[0])
    assert code == 1  # one source failed; the others went on
    assert first["added"] == 4 and first["stories_new"] >= 2
    assert [e["path"] for e in first["errors"]] == [server.url("/gone.xml")]

    code, out = run("fetch", "--db", db, "--allow-local", "--json")
    again = json.loads(out.splitlines()[0])
    assert again["added"] == 0 and again["unchanged"] == 2
    assert all(site.hits[p] == 1 for p in PAGES)  # no page fetched twice

    code, out = run("follow", "list", "--db", db, "--json")
    health = {s["url"].rsplit("/", 1)[1]: s for s in json.loads(out)}
    assert health["a.xml"]["items_seen"] == 2 and health["a.xml"]["last_success"]
    assert health["gone.xml"]["last_error"] == "HTTP 404"

    code, out = run("stories", "--db", db, "--json")
    assert code == 0 and len(json.loads(out)) >= 2


def test_follow_add_discovers_a_site_feed_and_remove_stops(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site, server = served
    site.page("/", f'<html><head><link rel="alternate" type="application/rss+xml" href="{server.url("/a.xml")}">'
                   "</head><body>front page</body></html>")
    db = str(tmp_path / "lib.db")
    code, out = run("follow", "add", server.url("/"), "--db", db, "--allow-local")
    assert code == 0 and server.url("/a.xml") in out
    code, out = run("follow", "add", "http://10.20.30.40/feed", "--db", db)
    assert code == 1 and "private address" in out
    code, out = run("follow", "remove", server.url("/a.xml"), "--db", db)
    assert code == 0 and json.loads(run("follow", "list", "--db", db, "--json")[1]) == []


def test_ingest_takes_page_and_feed_urls_once(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site, server = served
    db = str(tmp_path / "lib.db")
    code, out = run("ingest", server.url("/a/ferry"), server.url("/b.xml"), "--db", db, "--allow-local", "--json")
    report = json.loads(out)
    assert code == 0 and len(report["added"]) == 3
    code, out = run("ingest", server.url("/a/ferry"), server.url("/b.xml"), "--db", db, "--allow-local", "--json")
    assert json.loads(out)["added"] == [] and site.hits["/b/steel"] == 1


def test_ingest_refuses_local_urls_unless_allowed(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site, server = served
    code, out = run("ingest", server.url("/a/ferry"), "--db", str(tmp_path / "lib.db"), "--json")
    assert code == 1 and "loopback" in out and site.hits["/a/ferry"] == 0


def test_ingest_reads_a_web_archive(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "crawl.warc.gz"
    with archive.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, file in enumerate(PAGES.values()):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"http://archive.test/{n}", "response",
                                               payload=io.BytesIO(file.read_bytes()), http_headers=http)
            writer.write_record(record)
            record.raw_stream.close()
    db = str(tmp_path / "lib.db")
    code, out = run("ingest", str(archive), "--db", db, "--json")
    assert code == 0 and len(json.loads(out)["added"]) == 4
    code, out = run("ingest", str(archive), "--db", db, "--json")
    assert json.loads(out)["added"] == []


def test_every_needs_a_sane_duration() -> None:
    from newsdesk.cli_follow import parse_every

    assert parse_every("15m") == 900 and parse_every("2h") == 7200 and parse_every("90s") == 90
    for bad in ("soon", "10s", "-5m"):
        with pytest.raises(Exception, match="duration|once a minute"):
            parse_every(bad)


def test_ingest_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, out = run("ingest", str(fifo), "--db", str(tmp_path / "lib.db"), "--json")
    assert code == 1 and "not a regular file" in out
