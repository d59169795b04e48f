"""Syndication groups and non-article detection on invented articles."""

from __future__ import annotations

import pytest

from newsdesk.dedup import deduplicate, syndication_groups
from newsdesk.nonarticle import non_article_reason, non_articles
from newsdesk.models import Article, content_id

WIRE = (
    "The regional council of Larkmoor voted on Tuesday to close the old Fennick bridge after engineers "
    "found deep cracks in two of its stone piers. Traffic will be diverted through the village of Ashgrove "
    "for at least six months while repairs are planned. Council leader Imogen Thrale said the decision "
    "was painful but unavoidable, adding that the bridge had carried more than nine thousand vehicles a day. "
    "Local shop owners warned that the diversion would cost them customers during the busy summer season."
)
OTHER = (
    "A rare white heron has been spotted nesting on the marshes near Coldwater for the first time in forty "
    "years, delighting birdwatchers who travelled from across the country. The wardens of the reserve have "
    "roped off part of the reed beds and asked visitors to keep their distance until the chicks have fledged. "
    "Volunteers are counting the birds twice a day and will publish their records in the autumn."
)
WIDGET = (
    "Share this video\n\nYou can follow us on social media and subscribe to our newsletter. "
    "Enable JavaScript in your browser settings to watch the video player. Click here to sign up."
)


def art(text: str, **kw: str) -> Article:
    return Article(id=content_id(text + kw.get("outlet", "")), text=text, **kw)


def test_reprint_with_chrome_is_one_group() -> None:
    reprint = "Updated 10:42 | Share on social\n\n" + WIRE + "\n\nRead more: Orchard frost hits apple growers"
    trimmed = WIRE.rsplit(".", 3)[0] + "."
    a, b, c, d = art(WIRE), art(reprint), art(trimmed), art(OTHER)
    groups = syndication_groups([a, b, c, d])
    assert groups == [(a.id, b.id, c.id), (d.id,)]


def test_every_article_in_exactly_one_group() -> None:
    arts = [art(WIRE), art(OTHER), art(WIDGET), art(WIRE, outlet="Second Outlet")]
    groups = syndication_groups(arts)
    flat = [i for g in groups for i in g]
    assert sorted(flat) == sorted(a.id for a in arts)


def test_same_wire_needs_less_overlap() -> None:
    half = WIRE.split(". ")
    rewrite = ". ".join(half[:2]) + (
        ". The council will meet again next month to discuss funding for new piers, and engineers from the"
        " county will present three options, including a temporary steel crossing beside the old bridge,"
        " to residents of Ashgrove and Larkmoor."
    )
    plain = [art(WIRE), art(rewrite)]
    assert len(syndication_groups(plain)) == 2
    wired = [art(WIRE, wire="AFP"), art(rewrite, wire="afp")]
    assert len(syndication_groups(wired)) == 1


def test_empty_input() -> None:
    assert syndication_groups([]) == []
    assert non_articles([]) == {}


@pytest.mark.parametrize(
    "text",
    [
        WIDGET,
        "Please enable JavaScript to view this page.",
        "This archive collection holds web crawl captures of many sites and domains, collected by our crawler "
        "from seed URLs. Captures are added to the archive daily and are available online to browse.",
    ],
)
def test_web_chrome_is_not_an_article(text: str) -> None:
    assert non_article_reason(text) is not None


@pytest.mark.parametrize("text", [WIRE, OTHER])
def test_news_is_an_article(text: str) -> None:
    assert non_article_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Almost done! Please confirm your place on the list with the code we sent you, then choose the "
        "towns you care about. Your first weekly digest of harbour news arrives on Monday morning.",
        "Stargazer forecast for the week ahead. You will meet someone who changes your plans; trust your "
        "instincts, keep your evenings free and let others come to you. Lucky colour: teal.",
    ],
)
def test_notice_to_the_reader_is_not_an_article(text: str) -> None:
    reason = non_article_reason(text)
    assert reason is not None and "reader" in reason


def test_short_news_quoting_you_is_an_article() -> None:
    text = (
        "The harbour master of Port Edda said on Tuesday that the east quay will close for repairs. "
        "\"If you moor there, you will need to move your boat by Friday,\" she told owners at a meeting. "
        "The works are expected to take six weeks and cost about 400,000 euros."
    )
    assert non_article_reason(text) is None


def test_long_crawler_notice_is_not_an_article() -> None:
    text = " ".join(
        ["This collection gathers web crawl captures of news sites and their domains, taken by our crawler "
         "from a seed list of URLs; each capture is archived with its links and pages."] * 12
    )
    assert non_article_reason(text) is not None


def test_repeated_short_notice_across_a_batch() -> None:
    notice = (
        "Thanks for reading. Our team posts updates to this page each morning, and you can post comments "
        "below the story once you log in with an account. We moderate every comment before it appears."
    )
    batch = [art(notice, outlet=f"o{i}") for i in range(4)] + [art(WIRE), art(OTHER)]
    found = non_articles(batch)
    assert set(found) == {a.id for a in batch[:4]}
    assert all("repeated" in r or "chrome" in r for r in found.values())


def test_multinews_non_articles(shared) -> None:  # type: ignore[no-untyped-def]
    import json

    rows = [json.loads(x) for x in (shared / "data" / "multinews" / "dev.jsonl").read_text("utf8").splitlines()]
    arts = [Article(id=f"{r['id']}/{k}", text=d) for r in rows for k, d in enumerate(r["documents"])]
    found = non_articles(arts)
    assert 33 <= len(found) <= 60
    # every text repeated across different clusters is found
    by_text: dict[str, set[str]] = {}
    for a in arts:
        by_text.setdefault(a.text, set()).add(a.id.split("/")[0])
    repeated = {a.id for a in arts if len(by_text[a.text]) > 1}
    assert repeated <= set(found)


def test_deduplicate_finds_both_with_one_fingerprint_each() -> None:
    notice = (
        "Thanks for reading. Our team posts updates to this page each morning, and you can post comments "
        "below the story once you log in with an account. We moderate every comment before it appears."
    )
    batch = [art(notice, outlet=f"o{i}") for i in range(3)] + [art(WIRE), art(WIRE + " Extra line."), art(OTHER)]
    found = deduplicate(batch)
    assert found.non_articles == non_articles(batch)
    kept = [a for a in batch if a.id not in found.non_articles]
    assert found.groups == syndication_groups(kept)
    assert sorted(len(g) for g in found.groups) == [1, 2]
