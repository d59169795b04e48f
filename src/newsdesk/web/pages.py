"""A story or an article and the library around it -> what its page shows (plain view objects).

Templates only lay these out: every number, grouping and link is decided here, so the server,
the API and the one-file ``digest --html`` show the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import quote

from newsdesk.analyse.coverage import OutletCoverage
from newsdesk.models import Article, Claim, Digest, SourceEvidence, Story, StoryQuote
from newsdesk.report.view import DigestView
from newsdesk.web.timeline import TimelinePlot, plot_timeline

GRID_CLAIMS = 14  # rows of the outlet x claim grid


@dataclass(frozen=True)
class Links:
    """Where pages point: routes of the server, or anchors inside one self-contained file."""

    one_file: bool = False

    def story(self, story_id: str) -> str:
        return f"#story-{story_id}" if self.one_file else f"/stories/{quote(story_id, safe='')}"

    def article(self, article_id: str, starts: tuple[int, ...] = ()) -> str:
        """The article; with ``starts``, at its sentence starting there, those sentences marked
        (in one file by the anchor of the whole set of sentences: ``evidence_css`` marks them)."""
        anchor = f"a-{article_id}" + (f"-s{starts[0]}" if starts else "")
        if self.one_file:
            return f"#{set_anchor(article_id, starts)}" if len(starts) > 1 else f"#{anchor}"
        marked = "?hl=" + ",".join(str(s) for s in starts) if starts else ""
        return f"/articles/{quote(article_id, safe='')}{marked}#{anchor}"

    def outlet(self, name: str) -> str | None:
        return None if self.one_file else f"/outlets/{quote(name, safe='')}"


@dataclass(frozen=True)
class Chip:
    """A cited article beside a brief sentence or claim, with what it says of it."""

    number: int
    article_id: str
    label: str
    support: str  # "full", "partial" or "" when no evidence was computed
    own: bool  # the sentence is this article's own text
    quotes: tuple[str, ...]
    href: str


@dataclass(frozen=True)
class Cited:
    text: str
    chips: tuple[Chip, ...]
    independent: int = 0


@dataclass(frozen=True)
class StoryPage:
    story: Story
    articles: tuple[Article, ...]
    number: dict[str, int]
    outlets: int
    brief: tuple[Cited, ...]
    claims: tuple[Cited, ...]
    quotes: tuple[tuple[str, tuple[StoryQuote, ...]], ...]
    timeline: TimelinePlot
    grid_claims: tuple[tuple[int, Claim], ...]
    gaps: tuple[tuple[Article, str], ...]

    def covers(self, article_id: str, claim_index: int) -> bool:
        return claim_index in self.story.coverage.get(article_id, [])


@dataclass(frozen=True)
class CoverageGroup:
    """The articles of one value of a label (a country, an owner, a label of the user's own)
    and how many of the story's claims, and of its corroborated claims, they report."""

    value: str
    articles: tuple[Article, ...]
    claims: int
    corroborated: int


def coverage_groups(story: Story, articles: Iterable[Article], key: str) -> tuple[CoverageGroup, ...]:
    """The story's coverage grouped by ``key`` of the outlets file ('country', 'owner', or a
    label of the user's own); outlets the file does not describe fall under 'not described'."""
    from newsdesk.outlets import default_outlets

    outlets = default_outlets()
    found: dict[str, list[Article]] = {}
    for a in articles:
        o = outlets.find(url=a.url, name=a.outlet)
        value = None if o is None else o.country if key == "country" else o.group if key == "owner" else o.labels.get(key)
        found.setdefault(value or "not described", []).append(a)
    strong = {n for n, c in enumerate(story.claims) if c.independent_sources >= 2}
    out = []
    for value in sorted(found, key=lambda v: (v == "not described", v)):
        stated = {n for a in found[value] for n in story.coverage.get(a.id, [])}
        out.append(CoverageGroup(value, tuple(found[value]), len(stated), len(stated & strong)))
    return tuple(out)


def story_page(story: Story, articles: Iterable[Article], links: Links) -> StoryPage:
    arts = tuple(articles)
    view = DigestView(Digest(arts, (story,)))
    number = {a.id: n for n, a in enumerate(arts, 1)}
    own_of = {id(b): b.citation.article_id for b in story.brief if b.citation}

    def cited(item: object, sources: tuple[str, ...], evidence: tuple[SourceEvidence, ...],
              text: str, independent: int = 0) -> Cited:
        by_id = {e.article_id: e for e in evidence}
        chips = tuple(
            _chip(view.article(a), number[a], by_id.get(a), own_of.get(id(item)) == a, links)
            for a in sources if a in number
        )
        return Cited(text, chips, independent)

    ranked = view.top_claims(story)
    index = {id(c): n for n, c in enumerate(story.claims)}
    grid = sorted(story.claims, key=lambda c: (-c.independent_sources, index[id(c)]))[:GRID_CLAIMS]
    return StoryPage(
        story=story,
        articles=arts,
        number=number,
        outlets=view.outlet_count(story),
        brief=tuple(cited(b, b.sources, b.evidence, b.text) for b in story.brief),
        claims=tuple(cited(c, c.sources, c.evidence, c.text, c.independent_sources) for c in ranked),
        quotes=_ledger(story.quotes),
        timeline=plot_timeline(story.timeline),
        grid_claims=tuple((index[id(c)], c) for c in grid),
        gaps=tuple(_gap(view, g) for g in view.gaps(story) if g.exclusive or g.omitted)
        if len(arts) > 1 else (),
    )


def _chip(a: Article, n: int, e: SourceEvidence | None, own: bool, links: Links) -> Chip:
    starts = tuple(s.start for s in e.sentences) if e else ()
    quotes = tuple(s.text for s in e.sentences) if e else ()
    return Chip(n, a.id, a.label, e.support if e else "", own, quotes, links.article(a.id, starts))


def _gap(view: DigestView, g: OutletCoverage) -> tuple[Article, str]:
    line = view.gap_line(g)
    return view.article(g.article_id), line.split(": ", 1)[1] if ": " in line else line


def _ledger(quotes: Iterable[StoryQuote]) -> tuple[tuple[str, tuple[StoryQuote, ...]], ...]:
    """Quotes grouped by speaker, speakers with the most quotes first, unattributed last."""
    by: dict[str, list[StoryQuote]] = {}
    for q in quotes:
        by.setdefault(q.speaker or "", []).append(q)
    order = sorted(by, key=lambda s: (s == "", -len(by[s]), s))
    return tuple((s or "Unattributed", tuple(by[s])) for s in order)


def set_anchor(article_id: str, starts: Iterable[int]) -> str:
    """The anchor of one citation's evidence sentences (more than one) in an article."""
    return f"a-{article_id}-e" + "-".join(str(s) for s in starts)


@dataclass(frozen=True)
class Piece:
    """A run of article text: an evidence sentence (with its anchor) or the text between.
    ``sets`` are the anchors of evidence sets that begin at this sentence (empty targets)."""

    text: str
    anchor: str | None = None
    marked: bool = False  # one of the sentences the reader came to see
    sets: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    paragraphs: tuple[tuple[Piece, ...], ...]
    removed: tuple[tuple[str, tuple[str, ...]], ...]
    stories: tuple[Story, ...]
    sets: tuple[tuple[int, ...], ...] = ()  # sentence starts of each citation with several


def article_page(a: Article, stories: Iterable[Story], marked: Iterable[int] = ()) -> ArticlePage:
    """The article's paragraphs with every sentence some story cites as evidence anchored (those
    starting at ``marked`` highlighted), and the lines left out of it grouped by why."""
    stories = tuple(stories)
    spans: dict[int, int] = {}
    sets: set[tuple[int, ...]] = set()
    for s in stories:
        for item in (*s.brief, *s.claims):
            for e in item.evidence:
                if e.article_id == a.id:
                    for x in e.sentences:
                        spans[x.start] = max(spans.get(x.start, x.end), x.end)
                    if len(e.sentences) > 1:
                        sets.add(tuple(x.start for x in e.sentences))
    removed: dict[str, list[str]] = {}
    for r in a.removed:
        if r.line.strip():
            removed.setdefault(r.kind, []).append(r.line)
    ordered = tuple(sorted(sets))
    paragraphs = _paragraphs(a, spans, frozenset(marked), ordered)
    return ArticlePage(a, paragraphs, tuple((k, tuple(v)) for k, v in removed.items()), stories, ordered)


def evidence_css(pages: Iterable[ArticlePage]) -> str:
    """One style rule marking every sentence of an evidence set while its anchor is the target
    (the one-file digest has no script: a link can target one element, and the rule spreads the
    mark to the set's other sentences)."""
    safe = re.compile(r"[A-Za-z0-9_-]+")
    selectors = [
        f'.text:has([id="{set_anchor(p.article.id, starts)}"]:target) '
        + ":is(" + ",".join(f'[id="a-{p.article.id}-s{x}"]' for x in starts) + ")"
        for p in pages if safe.fullmatch(p.article.id) for starts in p.sets
    ]
    if not selectors:
        return ""
    return "\n" + ",\n".join(selectors) + " { background: var(--mark); box-shadow: 0 2px 0 #e0b400; }\n"


def _paragraphs(a: Article, spans: dict[int, int], marked: frozenset[int],
                sets: tuple[tuple[int, ...], ...] = ()) -> tuple[tuple[Piece, ...], ...]:
    begins: dict[int, list[str]] = {}
    for starts in sets:
        begins.setdefault(starts[0], []).append(set_anchor(a.id, starts))
    out = []
    at = 0
    for para in a.text.split("\n\n"):
        lo, hi = at, at + len(para)
        at = hi + 2
        if not para.strip():
            continue
        pieces, pos = [], lo
        for start in sorted(s for s in spans if lo <= s < hi):
            if start < pos:  # inside the sentence before: its sets' anchors go with that one
                if begins.get(start) and pieces:
                    pieces[-1] = replace(pieces[-1], sets=pieces[-1].sets + tuple(begins[start]))
                continue
            end = min(spans[start], hi)
            if start > pos:
                pieces.append(Piece(a.text[pos:start]))
            pieces.append(Piece(a.text[start:end], f"a-{a.id}-s{start}", start in marked,
                                tuple(begins.get(start, ()))))
            pos = end
        if pos < hi:
            pieces.append(Piece(a.text[pos:hi]))
        out.append(tuple(pieces))
    return tuple(out)


@dataclass(frozen=True)
class OutletStory:
    story: Story
    articles: tuple[Article, ...]
    claims: int  # claims its articles carry
    corroborated: int  # ... of which at least one other independent outlet states too
    left_out: tuple[Claim, ...]  # claims two or more other outlets state that it does not


@dataclass(frozen=True)
class OutletPage:
    name: str
    stories: tuple[OutletStory, ...]

    @property
    def claims(self) -> int:
        return sum(s.claims for s in self.stories)

    @property
    def corroborated(self) -> int:
        return sum(s.corroborated for s in self.stories)

    @property
    def rate(self) -> float | None:
        return self.corroborated / self.claims if self.claims else None


def outlet_page(name: str, covered: Iterable[tuple[Story, list[Article]]]) -> OutletPage:
    """What one outlet covered, how often the claims it carries are corroborated, what it left out."""
    out = []
    for story, mine in covered:
        ids = {a.id for a in mine}
        carried = [c for c in story.claims if ids & set(c.sources)]
        left = tuple(c for c in story.claims if not ids & set(c.sources) and c.independent_sources >= 2)
        out.append(OutletStory(story, tuple(mine), len(carried),
                               sum(c.independent_sources >= 2 for c in carried), left))
    return OutletPage(name, tuple(out))
