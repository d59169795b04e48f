"""One batch of new articles, prepared -> the library updated: copy groups, stories joined, opened or
merged, and the touched stories re-analysed (all inside the caller's transaction)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdesk.clustering.features import SparseVec
from newsdesk.models import Article
from newsdesk.store.clusterstate import LibraryClusterer
from newsdesk.store.prepared import Prepared, StoredParses, load_fingerprints, load_nlp
from newsdesk.store.reads import load_articles
from newsdesk.store.writes import band_candidates, insert_article, merge_story, open_story, put_story, regroup


@dataclass
class BatchResult:
    opened: list[int] = field(default_factory=list)
    touched: list[int] = field(default_factory=list)
    merged: list[tuple[int, int]] = field(default_factory=list)


def add_batch(conn: sqlite3.Connection, prepared: Sequence[Prepared], skipped: dict[str, Article],
              reasons: dict[str, str], *, words: int, now: str) -> BatchResult:
    """Store ``prepared`` (new story articles, input order) and ``skipped`` (kept out of stories,
    with ``reasons``), then bring every story they touch up to date."""
    result = BatchResult()
    group_of, old_story = _copy_groups(conn, prepared)
    clusterer = LibraryClusterer(conn, [p.terms for p in prepared])
    reps, seen = [], set()
    for p in prepared:  # one vector per copy group, as digest clusters one member of each
        if p.article.id not in old_story and group_of[p.article.id] not in seen:
            seen.add(group_of[p.article.id])
            reps.append(p)
    vec = {p.article.id: clusterer.vector(p.terms) for p in reps}
    labels, reach = _cluster_with_neighbours(conn, clusterer, prepared, vec, group_of)
    members: dict[int, list[Prepared]] = {}
    for p, label in zip(prepared, labels):
        members.setdefault(label, []).append(p)
    story_of: dict[str, int] = {}
    merged_into: dict[int, list[int]] = {}
    for label in sorted(members):
        group = members[label]
        reached = sorted({*reach.get(label, ()), *(old_story[p.article.id] for p in group if p.article.id in old_story)})
        if not reached:
            number = open_story(conn, now)
            result.opened.append(number)
        else:
            number = reached[0]
            for loser in reached[1:]:
                clusterer.merge(loser, number)
                merge_story(conn, loser, number, now)
                merged_into.setdefault(number, []).append(loser)
                result.merged.append((loser, number))
        for p in group:
            story_of[p.article.id] = number
            if p.article.id in vec:
                clusterer.join(number, vec[p.article.id])
    for p in prepared:
        insert_article(conn, p.article, story=story_of[p.article.id], group=group_of[p.article.id],
                       excluded=None, prepared=p, now=now)
    for aid, a in skipped.items():
        insert_article(conn, a, story=None, group=aid, excluded=reasons[aid], prepared=None, now=now)
    clusterer.save()
    fresh = {p.article.id: p for p in prepared}
    gone = {loser for loser, _ in result.merged}
    for number in sorted(set(story_of.values()) - gone):
        merged = tuple(str(x) for x in merged_into.get(number, ()))
        _reanalyse(conn, number, fresh, words=words, now=now, merged_from=merged)
        result.touched.append(number)
    return result


def _copy_groups(conn: sqlite3.Connection, prepared: Sequence[Prepared]) -> tuple[dict[str, str], dict[str, int]]:
    """Each new article's copy group (the smallest id among its copies, old and new) and, for a
    copy of an article already in a story, that story.  Earlier groups it joins are renamed."""
    from newsdesk.dedup import syndication_groups

    cands = band_candidates(conn, prepared)
    old = load_articles(conn, cands)
    prints = load_fingerprints(conn, [a.id for a in old])
    old = [a for a in old if a.id in prints]
    info = {
        aid: (group, story)
        for aid, group, story in conn.execute(
            f"SELECT id, copy_group, story_id FROM articles WHERE id IN ({','.join('?' * len(old))})",
            [a.id for a in old],
        )
    }
    everyone = old + [p.article for p in prepared]
    groups = syndication_groups(everyone, [prints[a.id] for a in old] + [p.fingerprint for p in prepared])
    group_of: dict[str, str] = {}
    old_story: dict[str, int] = {}
    for g in groups:
        olds = [i for i in g if i in info]
        key = min([*g, *(info[i][0] for i in olds)])
        regroup(conn, (info[i][0] for i in olds), key)
        stories = sorted({info[i][1] for i in olds if info[i][1] is not None})
        for i in g:
            if i not in info:
                group_of[i] = key
                if stories:
                    old_story[i] = stories[0]
    return group_of, old_story


def _cluster_with_neighbours(conn: sqlite3.Connection, clusterer: LibraryClusterer, prepared: Sequence[Prepared],
                             vec: dict[str, SparseVec], group_of: dict[str, str]) -> tuple[list[int], dict[int, set[int]]]:
    """The batch clustered as ``digest`` clusters a pile, together with the latest members of the
    library stories nearest its articles: each new article's label, and for each label the
    library stories whose members it holds (the stories that label joins).

    The neighbours of each new article are the ``near_stories`` stories whose members it resembles,
    on average, by at least ``near_floor`` x the online threshold, each with its
    ``neighbour_members`` latest members (tunables of the cluster group; how they were chosen:
    benchmarks/README.md, library section)."""
    from newsdesk.clustering import cluster_articles

    tuning = clusterer.inner.settings
    floor = tuning.near_floor * tuning.online_threshold
    near = sorted({s for v in vec.values() for s in clusterer.near(v, tuning.near_stories, floor)})
    story_of_old = _latest_members(conn, near, tuning.neighbour_members)
    old = load_articles(conn, list(story_of_old))
    groups: dict[str, list[str]] = {}  # copies, old and new, by copy group (old ones renamed already)
    for p in prepared:
        groups.setdefault(group_of[p.article.id], []).append(p.article.id)
    for aid, group in _copy_group_of(conn, [a.id for a in old]).items():
        groups.setdefault(group, []).append(aid)
    labels = cluster_articles([p.article for p in prepared] + old,
                              copies=[tuple(g) for g in groups.values() if len(g) > 1])
    reach: dict[int, set[int]] = {}
    for a, label in zip(old, labels[len(prepared):]):
        reach.setdefault(label, set()).add(story_of_old[a.id])
    return labels[: len(prepared)], reach


def _latest_members(conn: sqlite3.Connection, stories: Sequence[int], per: int) -> dict[str, int]:
    """The latest ``per`` members (kept in stories) of each of ``stories``: article id -> story id."""
    out: dict[str, int] = {}
    for number in stories:
        for (aid,) in conn.execute("SELECT id FROM articles WHERE story_id = ? AND excluded IS NULL"
                                   " ORDER BY seq DESC LIMIT ?", (number, per)):
            out[aid] = number
    return out


def _copy_group_of(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for at in range(0, len(ids), 500):
        part = list(ids[at : at + 500])
        marks = ",".join("?" * len(part))
        out.update(conn.execute(f"SELECT id, copy_group FROM articles WHERE id IN ({marks})", part).fetchall())
    return out


def _reanalyse(conn: sqlite3.Connection, number: int, fresh: dict[str, Prepared], *, words: int, now: str,
               merged_from: tuple[str, ...]) -> None:
    """Analyse one story again from its members' stored NLP (new members' from memory)."""
    from newsdesk.pipeline import analyse_members
    from newsdesk.settings import DEFAULT

    rows = conn.execute(
        "SELECT id, copy_group FROM articles WHERE story_id = ? AND excluded IS NULL ORDER BY seq", (number,)
    ).fetchall()
    ids = [r[0] for r in rows]
    articles = load_articles(conn, ids)
    dim = next((p.vectors.shape[1] for p in fresh.values() if p.vectors.size), 0)
    stored, blobs = load_nlp(conn, [a for a in articles if a.id not in fresh], dim)
    sentences, vectors, given = {}, {}, {}
    for a in articles:
        if a.id in fresh:
            p = fresh[a.id]
            sentences[a.id], vectors[a.id], given[a.id] = list(p.sentences), p.vectors, p.doc
        else:
            sentences[a.id], vectors[a.id] = stored[a.id]
    docs = StoredParses(blobs, given)  # only the analysed sample's parses are read
    groups: dict[str, list[str]] = {}
    for aid, group in rows:
        groups.setdefault(group, []).append(aid)
    settings = DEFAULT.with_options(words=words)
    story = analyse_members(articles, [tuple(g) for g in groups.values()], sentences, vectors, docs, settings=settings)
    put_story(conn, number, story, articles, now, merged_from)
