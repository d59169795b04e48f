"""The reading room in a real browser (Playwright driving Debian's headless Chromium), as a reader uses it.

A library of examples/ (and one article whose text holds a <script> tag) is served on a free
loopback port; the tests open the story list, the story with the planted conflict, a source chip
and its evidence, the article it leads to, and walk the pages with the Tab key only.  Screenshots
go to out/screenshots/.  Without /usr/bin/chromium the tests skip, except in CI (CI=true or
NEWSDESK_REQUIRE_SHARED=1), where they fail: scripts/setup.sh installs it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from web_server import Server, start_server

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _browser_or_skip() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true" or os.environ.get("NEWSDESK_REQUIRE_SHARED") == "1":
        pytest.fail(f"{CHROMIUM} is missing in CI: scripts/setup.sh installs Debian's chromium")
    pytest.skip(f"{CHROMIUM} not found: run scripts/setup.sh (apt-get install chromium) for browser tests")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _browser_or_skip()
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copytree(ROOT / "examples", inputs / "examples")
    shutil.copy(ROOT / "tests" / "fixtures" / "script-article.txt", inputs / "script-article.txt")
    with start_server(inputs, tmp_path_factory.mktemp("library")) as running:
        yield running


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors  # no CSP violation, no broken asset


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_reader_finds_the_conflict_checks_a_source_and_reads_the_article(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/")
    assert page.locator("h1").first.inner_text() == "Stories"
    _shot(page, "01-story-list.png")

    conflicted = page.locator("ol.stories li", has=page.locator(".tag.warn"))
    assert conflicted.count() == 1  # the corpus plants one conflict
    conflicted.locator("a.title").click()
    page.wait_for_url("**/stories/*")
    section = page.locator("section.conflicts")
    assert section.is_visible()
    values = section.locator(".variant .value").all_inner_texts()
    assert {"14", "9"} <= set(values)
    _shot(page, "02-story.png")

    chip = page.locator(".brief details.chip.partial").first
    chip.locator("summary").click()
    evidence = chip.locator(".evidence")
    assert evidence.is_visible() and "only part" in evidence.inner_text()
    quoted = evidence.locator("blockquote").all_inner_texts()
    chip.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "03-evidence.png"))

    evidence.locator("a.goto").click()
    page.wait_for_url("**/articles/*")
    target = page.locator("mark.ev:target")
    assert target.count() == 1 and target.inner_text() == quoted[0]
    assert page.locator("mark.ev.hl").all_inner_texts() == quoted  # every sentence of the evidence
    colour = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in {"rgba(0, 0, 0, 0)", "transparent"}  # highlighted
    assert page.locator("section.removed del").count() > 0
    page.screenshot(path=str(SHOTS / "04-article-evidence.png"))
    _shot(page, "05-article-full.png")


def test_one_file_digest_highlights_every_evidence_sentence(page, examples_digest, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.web.render import digest_html

    out = tmp_path / "digest.html"
    out.write_text(digest_html(examples_digest), encoding="utf-8")
    e = next(e for s in examples_digest.stories for b in s.brief for e in b.evidence if len(e.sentences) > 1)
    page.goto(out.as_uri())
    anchor = f"a-{e.article_id}-e" + "-".join(str(x.start) for x in e.sentences)
    chip = page.locator(f'details.chip a.goto[href="#{anchor}"]').first
    chip.locator("xpath=ancestor::details[1]/summary").click()
    chip.click()
    lit = page.locator("mark.ev").evaluate_all(
        "ms => ms.filter(m => !['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(m).backgroundColor))"
        ".map(m => m.id)")
    assert lit == [f"a-{e.article_id}-s{x.start}" for x in e.sentences]  # all of them, nothing else
    page.screenshot(path=str(SHOTS / "07-one-file-evidence.png"))


def test_script_in_an_article_shows_as_text(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/search?q=librarian")
    page.locator("ol.hits a", has_text="article").first.click()
    page.wait_for_url("**/articles/*")
    assert "<script>window.pwned = 1</script>" in page.locator(".text").inner_text()
    assert page.evaluate("() => window.pwned") is None
    _shot(page, "06-script-as-text.png")


@pytest.mark.parametrize("path", ["/static/../../pyproject.toml", "/static/../web/app.py",
                                  "/static//etc/passwd", "/articles/../../pyproject.toml"])
def test_no_path_traversal_on_the_wire(server: Server, path: str) -> None:
    """Raw request lines, not normalised by any client library."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.putrequest("GET", path, skip_host=False)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    assert response.status in {400, 404} and "[project]" not in body and "root:" not in body


def _tab_walk(page, url: str) -> tuple[set[str], set[str]]:  # type: ignore[no-untyped-def]
    """Every focusable element shown on the page (numbered), and those Tab reached."""
    page.goto(url)
    expected = page.evaluate("""() => {
        const all = [...document.querySelectorAll('a[href], summary, input, select, button')];
        // a link inside a closed chip is not shown until the chip opens
        const shown = all.filter(e => e.checkVisibility({visibilityProperty: true}));
        shown.forEach((e, i) => e.setAttribute('data-k', String(i)));
        return shown.map((e, i) => String(i));
    }""")
    reached: set[str] = set()
    page.locator("body").focus()
    for _ in range(2 * len(expected) + 10):  # a date input takes a Tab per field
        page.keyboard.press("Tab")
        k = page.evaluate("() => document.activeElement && document.activeElement.getAttribute('data-k')")
        if k is not None:
            reached.add(k)
        if len(reached) == len(expected):
            break
    return set(expected), reached


def test_keyboard_alone_reaches_every_chip_and_link(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    expected, reached = _tab_walk(page, server.url + "/")
    assert len(expected) > 10 and expected == reached
    page.goto(server.url + "/")
    story = page.locator("ol.stories li", has=page.locator(".tag.warn")).locator("a.title")
    href = story.get_attribute("href")
    expected, reached = _tab_walk(page, server.url + href)
    assert page.locator("details.chip").count() > 10
    assert expected == reached, f"{len(expected - reached)} never reached"
    # a chip opens from the keyboard, and its link is then next in the Tab order
    page.locator("details.chip summary").first.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "goto"
    page.screenshot(path=str(SHOTS / "07-keyboard-chip.png"))
