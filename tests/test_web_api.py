"""The reading room's app, read over HTTP (httpx via TestClient): pages, JSON API, safety."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsdesk.models import Article, Digest, Story, content_id
from newsdesk.web import routes_api, routes_feeds, routes_html
from newsdesk.web.app import create_app
from newsdesk.web.library import DigestLibrary
from newsdesk.web.render import digest_html
from newsdesk.web.serve import check_host, is_loopback

ROOT = Path(__file__).resolve().parents[1]
LABELS = json.loads((ROOT / "examples" / "LABELS.json").read_text(encoding="utf-8"))
EVIL = 'Harbour news <script>alert("x")</script> and <img src=x onerror=alert(1)> end of text.'


@pytest.fixture(scope="module")
def client(examples_digest: Digest) -> TestClient:
    return TestClient(create_app(DigestLibrary(examples_digest)))


def _conflict_story(d: Digest) -> Story:
    return next(s for s in d.stories if s.conflicts)


def test_story_list_is_newest_first_and_filters_by_outlet_and_date(client: TestClient) -> None:
    data = client.get("/api/stories").json()
    latest = [s["latest"] for s in data["items"]]
    assert data["total"] == len(latest) >= 3 and latest == sorted(latest, reverse=True)
    one = client.get("/api/stories", params={"outlet": "Northgate Daily"}).json()
    assert 0 < one["total"] < data["total"]
    assert all("Northgate Daily" in s["outlets"] for s in one["items"])
    assert client.get("/api/stories", params={"since": "2030-01-01"}).json()["total"] == 0
    page = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert len(page["items"]) == 1 and page["items"][0]["id"] == data["items"][1]["id"]
    assert page["next_offset"] == 2
    html = client.get("/", params={"outlet": "Northgate Daily"}).text
    assert all(s["title"].split()[0] in html for s in one["items"])


def test_story_object_is_the_json_report_object(client: TestClient, examples_digest: Digest) -> None:
    story = _conflict_story(examples_digest)
    data = client.get(f"/api/stories/{story.id}").json()
    assert data["schema"] == "newsdesk/2"
    expected = json.loads(json.dumps(story.to_dict()))
    assert {k: data[k] for k in expected} == expected
    assert data["brief"][0]["evidence"][0]["support"] == "full"


def test_story_page_shows_brief_chips_conflict_claims_quotes_timeline_grid(
    client: TestClient, examples_digest: Digest
) -> None:
    story = _conflict_story(examples_digest)
    html = client.get(f"/stories/{story.id}").text
    values = {v.value for v in story.conflicts[0].variants}
    assert {"14", "9"} <= values
    assert "Where the outlets disagree" in html and all(f'class="value">{v}<' in html for v in values)
    assert html.count('<details class="chip') >= sum(len(b.sources) for b in story.brief)
    assert "states only part of it" in html and "Read it in the article" in html
    assert "Corroborated" in html and "Who said what" in html and "<svg" in html
    assert 'class="grid"' in html and 'class="yes"' in html


def test_article_page_marks_evidence_and_strikes_removed_chrome(
    client: TestClient, examples_digest: Digest
) -> None:
    story = _conflict_story(examples_digest)
    chip = next(e for b in story.brief for e in b.evidence[1:] if e.sentences)
    html = client.get(f"/articles/{chip.article_id}").text
    start = chip.sentences[0].start
    assert f'<mark class="ev" id="a-{chip.article_id}-s{start}">' in html
    article = examples_digest.article(chip.article_id)
    kind = article.removed[0].kind.replace("_", " ")
    assert "<del>" in html and f"<h3>{kind}</h3>" in html
    assert f'href="/stories/{story.id}"' in html


def test_outlet_page_and_api(client: TestClient) -> None:
    data = client.get("/api/outlets/" + quote("Northgate Daily")).json()
    assert data["stories"] and 0 <= data["corroborated"] <= data["claims"]
    html = client.get("/outlets/" + quote("Northgate Daily")).text
    assert "claims it carries" in html
    assert client.get("/outlets/" + quote("No Such Outlet")).status_code == 404


def test_search_finds_articles_claims_and_quotes(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "injured ferry"}).json()
    kinds = {h["kind"] for h in data["items"]}
    assert data["total"] > 0 and "claim" in kinds
    assert all(h["match"].lower() == "injured" for h in data["items"] if h["match"])
    html = client.get("/search", params={"q": "blast furnace"}).text
    assert "<mark>" in html and "Nothing found" not in html
    assert "Nothing found" in client.get("/search", params={"q": "zeppelin"}).text


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
            "/api/outlets/{name}", "/api/search"} <= set(paths)
    assert not any(p.startswith("/stories") for p in paths)


def test_every_response_forbids_inline_script_and_only_reads(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/static/style.css", "/nowhere"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    for method in ("post", "put", "delete", "patch"):
        r = getattr(client, method)("/api/stories")
        assert r.status_code == 405 and r.json()["error"]["status"] == 405
    writable = TestClient(create_app(DigestLibrary(Digest((), ())), allow_writes=True))
    assert writable.post("/api/stories").status_code == 405  # allowed through: no such route


def test_every_get_route_answers_head_with_the_get_status_and_headers_and_no_body(
    client: TestClient, examples_digest: Digest
) -> None:
    story = _conflict_story(examples_digest)
    sid, aid, outlet = story.id, story.articles[0], quote("Northgate Daily")
    urls = {
        "/": "/", "/stories/{story_id}": f"/stories/{sid}", "/articles/{article_id}": f"/articles/{aid}",
        "/outlets/{name}": f"/outlets/{outlet}", "/search": "/search?q=ferry", "/sources": "/sources",
        "/feeds/latest.{kind}": "/feeds/latest.atom", "/stories/{story_id}/feed.{kind}": f"/stories/{sid}/feed.json",
        "/api/stories": "/api/stories", "/api/stories/{story_id}": f"/api/stories/{sid}",
        "/api/articles/{article_id}": f"/api/articles/{aid}", "/api/outlets/{name}": f"/api/outlets/{outlet}",
        "/api/search": "/api/search?q=ferry", "/api/sources": "/api/sources", "/openapi.json": "/openapi.json",
    }
    routers = [routes_api.router, routes_html.router, routes_feeds.router, routes_feeds.api, client.app]
    routes = {r.path for m in routers for r in m.routes if "GET" in getattr(r, "methods", ())}  # type: ignore[attr-defined]
    assert routes == set(urls)  # a new GET route must be added here too
    for url in [*urls.values(), "/static/style.css", "/nowhere", "/api/stories/s999999"]:
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        for key in ("content-type", "content-length", "content-security-policy"):
            assert head.headers.get(key) == got.headers.get(key), (url, key)
    assert client.get("/").status_code == 200 and client.head("/api/stories").status_code == 200
    assert client.request("OPTIONS", "/").status_code == 405  # HEAD is let in, nothing else


@pytest.mark.parametrize("url", [
    "/static/..%2f..%2fpyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/....//....//pyproject.toml", "/articles/..%2f..%2fpyproject.toml",
    "/stories/..%2F..%2Fetc%2Fpasswd", "/api/articles/%2e%2e", "/outlets/..%2f..%2fpyproject.toml",
    "/api/stories/s1%00", "/static/%5c..%5c..%5cpyproject.toml",
])
def test_no_path_traversal(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code in {400, 404}
    assert "[project]" not in r.text and "root:" not in r.text


def test_article_text_is_escaped_everywhere() -> None:
    a = Article(id=content_id(EVIL), text=EVIL, title="<b>Evil</b> title", outlet="<i>Out</i>")
    story = Story(id="s1", title="<script>t()</script>", articles=(a.id,))
    d = Digest((a,), (story,))
    client = TestClient(create_app(DigestLibrary(d)))
    for url in ("/", "/stories/s1", f"/articles/{a.id}", "/search?q=harbour", "/outlets/" + quote("<i>Out</i>")):
        html = client.get(url).text
        assert "<script>" not in html and "<img" not in html and "<b>Evil" not in html, url
    assert "&lt;script&gt;alert(" in client.get(f"/articles/{a.id}").text
    one_file = digest_html(d)
    assert "<script" not in one_file and "&lt;script&gt;alert(" in one_file


def test_one_file_digest_holds_every_story_and_article(examples_digest: Digest) -> None:
    html = digest_html(examples_digest)
    for s in examples_digest.stories:
        assert f'id="story-{s.id}"' in html
    for a in examples_digest.articles:
        assert f'id="a-{a.id}"' in html
    assert 'href="/' not in html and 'rel="stylesheet"' not in html and "<script" not in html
    assert "<style>" in html


def test_one_file_digest_marks_every_evidence_sentence(examples_digest: Digest) -> None:
    html = digest_html(examples_digest)
    several = [e for s in examples_digest.stories for b in (*s.brief, *s.claims) for e in b.evidence
               if len(e.sentences) > 1]
    assert several  # examples/ has citations whose evidence is two sentences
    for e in several:
        anchor = f"a-{e.article_id}-e" + "-".join(str(x.start) for x in e.sentences)
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
        marks = ",".join(f'[id="a-{e.article_id}-s{x.start}"]' for x in e.sentences)
        assert f'.text:has([id="{anchor}"]:target) :is({marks})' in html
        for x in e.sentences:
            assert f'<mark class="ev" id="a-{e.article_id}-s{x.start}">' in html


@pytest.mark.parametrize("host,ok", [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True),
                                     ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                     ("example.org", False)])
def test_serve_binds_loopback_unless_public(host: str, ok: bool) -> None:
    assert is_loopback(host) is ok
    if ok:
        check_host(host, public=False)
    else:
        with pytest.raises(Exception, match="--public"):
            check_host(host, public=False)
        check_host(host, public=True)


class _Merged(DigestLibrary):
    """A library in which story s99 (beyond the examples' stories) was merged into s1."""

    def survivor(self, story_id: str) -> str | None:
        return "s1" if story_id == "s99" else None


class _ManyOutlets(DigestLibrary):
    def outlets(self) -> list[str]:
        return [f"Outlet {n:03d}" for n in range(201)]


def test_story_list_filters_many_outlets_by_name_not_a_list(examples_digest: Digest) -> None:
    few = TestClient(create_app(DigestLibrary(examples_digest))).get("/").text
    assert '<select name="outlet">' in few
    many = TestClient(create_app(_ManyOutlets(examples_digest))).get("/", params={"outlet": "Outlet 007"}).text
    assert '<select name="outlet">' not in many and "Outlet 150" not in many
    assert '<input type="text" name="outlet" value="Outlet 007"' in many and "any of 201" in many


def test_a_merged_story_redirects_to_its_survivor(examples_digest: Digest) -> None:
    client = TestClient(create_app(_Merged(examples_digest)), follow_redirects=False)
    for prefix in ("/stories", "/api/stories"):
        r = client.get(f"{prefix}/s99")
        assert r.status_code == 301 and r.headers["location"] == f"{prefix}/s1"
        assert client.get(f"{prefix}/s98").status_code == 404  # neither a story nor merged
        assert client.get(f"{prefix}/s1").status_code == 200


def test_digest_writes_one_html_file(tmp_path: Path, examples: Path) -> None:
    from typer.testing import CliRunner

    from newsdesk.cli import app

    out = tmp_path / "digest.html"
    result = CliRunner().invoke(app, ["digest", str(examples / "lunar-lander"), "--html", str(out), "-q"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'id="story-s1"' in html and "<style>" in html


def test_serve_refuses_a_public_address_without_public(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsdesk.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "l.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--public" in result.output
    assert not (tmp_path / "l.db").exists()  # refused before opening anything


def test_what_changed_reads_as_sentences() -> None:
    from newsdesk.store.records import StoryChanges
    from newsdesk.web.store_library import change_lines

    c = StoryChanges("3", 2, "2025-03-13T10:00:00+00:00", new_articles=("a1",), new_outlets=("Ledger",),
                     corroborated=(("Nine were hurt.", 1, 2), ("New one.", 0, 1)),
                     new_conflicts=("number",), lost_support=(("Old claim.", 2, 1),))
    assert change_lines(c) == (
        "1 new article", "New outlets: Ledger", "Newly corroborated (1 → 2 outlets): Nine were hurt.",
        "New conflict: number", "Lost support (2 → 1 outlets): Old claim.",
    )


def test_a_file_without_an_outlet_gets_no_outlet_page_or_entry() -> None:
    texts = ("The quarry lake in Elvenmoor was closed to swimmers on Friday after an algae bloom.",
             "Swimmers were told on Friday to keep out of the Elvenmoor quarry lake because of algae.",
             "A lifeguard said the Elvenmoor quarry lake would stay closed on Friday and Saturday.")
    a, b = (Article(id=content_id(t), text=t, title="Lake closed", path=f"in/lake-{n}.txt")
            for n, t in enumerate(texts[:2]))
    c = Article(id=content_id(texts[2]), text=texts[2], title="Lake shut", outlet="Canal Courier")
    story = Story(id="s1", title="Lake closed", articles=(a.id, b.id, c.id))
    client = TestClient(create_app(DigestLibrary(Digest((a, b, c), (story,)))))
    assert client.get("/api/stories").json()["items"][0]["outlets"] == ["Canal Courier"]
    for url in ("/outlets/lake-0.txt", "/api/outlets/lake-0.txt", "/outlets/" + quote("file lake-0.txt")):
        assert client.get(url).status_code == 404, url
    assert client.get("/outlets/" + quote("Canal Courier")).status_code == 200
    index, page = client.get("/").text, client.get("/stories/s1").text
    assert "lake-0.txt" not in index and index.count('href="/outlets/') == 1
    assert "file lake-0.txt" in page and "file lake-1.txt" in page and "3 independent sources" in page
    assert "More from" not in client.get(f"/articles/{a.id}").text
    assert "More from" in client.get(f"/articles/{c.id}").text
