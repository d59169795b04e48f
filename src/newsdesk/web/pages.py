"""A story or an article and the library around it -> what its page shows (plain view objects).

Templates only lay these out: every number, grouping and link is decided here, so the server,
the API and the one-file ``digest --html`` show the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from newsdesk.analyse.coverage import OutletCoverage
from newsdesk.models import Article, BriefSentence, Claim, Digest, SourceEvidence, Story, StoryQuote
from newsdesk.report.view import TOP_CLAIMS, DigestView
from newsdesk.store.records import Citing
from newsdesk.web.timeline import Point, TimelinePlot, plot_timeline
from newsdesk.web.windows import StoryView, Window

GRID_CLAIMS = 14  # rows of the outlet x claim grid
ANCHORS = {"sources": "sources", "claims": "claims", "quotes": "quotes", "events": "timeline", "grid": "coverage",
           "changes": "changes"}  # a section's element id on the page (with the story's id)


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
    anchor: str = ""  # the element id of the sentence or claim on its page
    hidden: int = 0  # sources left out of ``chips`` ...
    more: str | None = None  # ... and the link to the page showing them all


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
    listed: tuple[Article, ...] = ()  # the articles of the numbered source list shown
    events: tuple[Point, ...] = ()  # the dated events listed under the plot
    grid: tuple[Article, ...] = ()  # the articles (columns) of the coverage grid shown
    changes: tuple[str, ...] = ()  # the lines of "what changed" shown
    windows: dict[str, Window] = field(default_factory=dict)  # the sections shown in part
    titles: int = 0  # events named in a plot point's tooltip (0: all)

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


def story_page(story: Story, articles: Iterable[Article], links: Links, view: StoryView | None = None,
               changes: Iterable[str] = ()) -> StoryPage:
    """What a story's page shows: with a ``view`` (the server), a bounded slice of each long
    section and links to the rest; without (the one-file report), everything."""
    arts = tuple(articles)
    dview = DigestView(Digest(arts, (story,)))
    number = {a.id: n for n, a in enumerate(arts, 1)}
    own_of = {id(b): b.citation.article_id for b in story.brief if b.citation}
    chips_cap = view.caps.chips if view else None

    def cited(item: BriefSentence | Claim, key: str, text: str, independent: int = 0) -> Cited:
        by_id = {e.article_id: e for e in item.evidence}
        known = [a for a in item.sources if a in number]
        cap = None if chips_cap is None or view is None or view.item == key else chips_cap
        shown = known if cap is None else known[:cap]
        chips = tuple(_chip(dview.article(a), number[a], by_id.get(a), own_of.get(id(item)) == a, links)
                      for a in shown)
        anchor = f"{key}-{story.id}"
        more = view.href({"item": key}, anchor) if view and len(shown) < len(known) else None
        return Cited(text, chips, independent, anchor, len(known) - len(shown), more)

    index = {id(c): n for n, c in enumerate(story.claims)}
    ranked = dview.top_claims(story, limit=None)
    grid = sorted(story.claims, key=lambda c: (-c.independent_sources, index[id(c)]))[:GRID_CLAIMS]
    plot = plot_timeline(story.timeline)
    flat = [(s, q) for s, qs in _ledger(story.quotes) for q in qs]
    lines = tuple(changes)
    win: dict[str, Window] = {}
    if view is None:
        cuts = {"sources": len(arts), "claims": TOP_CLAIMS, "quotes": len(flat), "events": len(plot.points),
                "grid": len(arts), "changes": len(lines)}
        part = {k: slice(0, n) for k, n in cuts.items()}
    else:
        totals = {"sources": len(arts), "claims": len(ranked), "quotes": len(flat), "events": len(plot.points),
                  "grid": len(arts), "changes": len(lines)}
        win = {k: view.window(k, n, f"{ANCHORS[k]}-{story.id}") for k, n in totals.items()}
        part = {k: slice(w.start, w.stop) for k, w in win.items()}
    gridded = arts[part["grid"]]
    shown_ids = {a.id for a in gridded}
    gaps = dview.gaps(story, only=shown_ids) if len(arts) > 1 else []
    return StoryPage(
        story=story,
        articles=arts,
        number=number,
        outlets=dview.outlet_count(story),
        brief=tuple(cited(b, f"b{n}", b.text) for n, b in enumerate(story.brief)),
        claims=tuple(cited(c, f"c{index[id(c)]}", c.text, c.independent_sources) for c in ranked[part["claims"]]),
        quotes=_regroup(flat[part["quotes"]]),
        timeline=plot,
        grid_claims=tuple((index[id(c)], c) for c in grid),
        gaps=tuple(_gap(dview, g) for g in gaps if g.exclusive or g.omitted),
        listed=arts[part["sources"]],
        events=plot.points[part["events"]],
        grid=gridded,
        changes=lines[part["changes"]],
        windows={k: w for k, w in win.items() if w.cut},
        titles=view.caps.titles if view else 0,
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


def _regroup(flat: Iterable[tuple[str, StoryQuote]]) -> tuple[tuple[str, tuple[StoryQuote, ...]], ...]:
    """A slice of the ledger, read in ledger order, grouped by speaker again."""
    out: list[tuple[str, list[StoryQuote]]] = []
    for speaker, q in flat:
        if not out or out[-1][0] != speaker:
            out.append((speaker, []))
        out[-1][1].append(q)
    return tuple((s, tuple(qs)) for s, qs in out)


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
    stories: tuple[Citing, ...]
    sets: tuple[tuple[int, ...], ...] = ()  # sentence starts of each citation with several


def article_page(a: Article, stories: Iterable[Citing], marked: Iterable[int] = ()) -> ArticlePage:
    """The article's paragraphs with every sentence its ``stories`` cite as evidence anchored
    (those starting at ``marked`` highlighted), and the lines left out of it grouped by why."""
    stories = tuple(stories)
    spans: dict[int, int] = {}
    sets: set[tuple[int, ...]] = set()
    for s in stories:
        for cited in s.citations:
            for start, end in cited:
                spans[start] = max(spans.get(start, end), end)
            if len(cited) > 1:
                sets.add(tuple(start for start, _ in cited))
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
