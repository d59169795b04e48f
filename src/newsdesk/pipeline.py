"""The whole pipeline: inputs -> ingest -> extract -> dedup -> nlp -> cluster -> analyse (incl. brief) -> Digest."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.analyse.context import StoryContext
from newsdesk.analyse.story import StageClock, analyse_story, to_story
from newsdesk.ingest import Document, read_inputs
from newsdesk.models import Article, Digest, FileError, Note, Sentence, Story
from newsdesk.nlp.embed import Embedder
from newsdesk.outlets import owner_keys
from newsdesk.parallel import worker_pool
from newsdesk.settings import DEFAULT, Settings
from newsdesk.tuning import Tuning

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsdesk.store.scratch import ScratchNlp

log = logging.getLogger("newsdesk.pipeline")
Progress = Callable[[str, int, int], None]
MAX_ANALYSED = DEFAULT.max_analysed  # articles per story analysed in full (see build_stories)
NLP_BATCH = 256  # articles a worker parses and embeds per batch written to the scratch store
ANALYSE_BATCH = 512  # articles a worker analyses per wave of stories read back from it


def digest(
    inputs: Sequence[str | Path] | str | Path,
    words: int | None = None,
    *,
    workers: int | None = None,
    backend: str | None = None,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Digest:
    """Read articles (paths, folders or raw strings) and return their stories with sourced answers.

    ``settings`` holds every option (``newsdesk.settings.Settings``); ``words`` (the word budget
    of each story's brief), ``workers`` and ``backend`` (the per-article stages and the
    per-story analysis in parallel, "processes" or "dask") override it when given.

    The stages, in the order they run (each timed in ``Digest.timings``):
    ingest -> extract -> dedup (language, non-articles, copies) -> nlp -> cluster -> analyse
    (per story, ``analyse.story``: claims, conflicts, quotes, timeline, entities, brief).
    """
    settings = (settings or DEFAULT).with_options(words=words, workers=workers, backend=backend)
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    timer = StageClock(progress, log, logging.INFO)
    walked: list[Note] = []  # symlink loops met in folders
    docs, errors = timer("ingest", read_inputs, inputs, settings.limits, walked)
    # any input order: one answer (raw strings, which have no path, by their text)
    docs.sort(key=lambda d: (d.path is None, Path(d.path or "").parts, "" if d.path else d.content))
    workers = max(1, min(settings.workers, len(docs)))
    with worker_pool(settings.workers, settings.backend):  # one set of workers for every stage
        articles, extract_errors, notes = timer("extract", extract_documents, docs, workers=workers,
                                                backend=settings.backend, tuning=settings.tuning)
        timer.report("extract", len(docs), len(docs))
        del docs  # the raw inputs (an HTML page is often 100 KB) are not kept while the pile is analysed
        usable, skipped, groups = timer("dedup", story_articles, articles, settings.language,
                                        settings.tuning)
        stories = build_stories(usable, settings=settings, embedder=embedder, timer=timer, groups=groups)
    timer.seconds["total"] = sum(timer.seconds.values())
    log.info("%d stories from %d articles; %d inputs not used, %d notes", len(stories), len(articles),
             len(errors) + len(extract_errors) + len(skipped), len(notes))
    errors += extract_errors + skipped
    errors.sort(key=lambda e: (e.path, e.error))
    notes = sorted(walked, key=lambda n: (n.path, n.note)) + notes
    return Digest(tuple(articles), tuple(stories), tuple(errors), timer.seconds, tuple(notes))


def extract_documents(
    docs: Sequence[Document], *, workers: int = 1, backend: str = "processes", tuning: Tuning = DEFAULT.tuning
) -> tuple[list[Article], list[FileError], list[Note]]:
    """Extract every document, text dumps with the batch's cross-file context; one error per failure.
    The same article in two files is kept once (the first), with a note naming both files."""
    from newsdesk.extraction.batch import extract_batch

    articles: list[Article] = []
    errors: list[FileError] = []
    notes: list[Note] = []
    seen: dict[str, str] = {}
    for result in extract_batch(docs, workers=workers, backend=backend, tuning=tuning):
        if isinstance(result, FileError):
            errors.append(result)
        elif result.id in seen:
            notes.append(Note(result.path or result.id, f"same article as {seen[result.id]}; kept once"))
            log.info("%s: the same article as %s, read once", result.path or result.id, seen[result.id])
        else:
            seen[result.id] = result.path or result.id
            articles.append(result)
    return articles, errors, notes


def story_articles(
    articles: list[Article], language: str = DEFAULT.language, tuning: Tuning = DEFAULT.tuning
) -> tuple[list[Article], list[FileError], list[tuple[str, ...]]]:
    """Articles that can join stories (English news, not crawler or widget text), and their copy groups."""
    from newsdesk.dedup import deduplicate

    skipped: list[FileError] = []
    english = []
    for a in articles:
        if a.language and a.language != language:
            wanted = _NAMES.get(language, language)
            note = f"article is in '{a.language}', not {wanted}; kept out of stories"
            skipped.append(FileError(a.path or a.id, note))
        else:
            english.append(a)
    found = deduplicate(english, tuning)
    for a in english:
        if a.id in found.non_articles:
            skipped.append(FileError(a.path or a.id, f"not a news article ({found.non_articles[a.id]})"))
    return [a for a in english if a.id not in found.non_articles], skipped, found.groups


def build_stories(
    articles: Sequence[Article],
    *,
    settings: Settings = DEFAULT,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    timer: StageClock | None = None,
    groups: Sequence[tuple[str, ...]] | None = None,
) -> list[Story]:
    """Parse, embed and cluster articles into stories and analyse each one (stages nlp, cluster,
    analyse); ``groups``: the articles' syndication groups (``dedup``) when already found;
    ``settings.workers`` processes (or Dask, ``settings.backend``) parse and embed the articles.

    A story of more than ``settings.max_analysed`` articles is analysed on a sample of them (see
    ``representatives``) so that the per-story stages, which compare sentences pairwise, stay
    bounded: the time of a digest grows with the number of stories, not with their size squared.
    """
    from newsdesk.clustering import cluster_articles
    from newsdesk.dedup import syndication_groups
    from newsdesk.store.scratch import scratch_store

    timer = timer or StageClock(progress)
    if not articles:
        return []
    with scratch_store() as parsed:  # the per-article nlp results wait on disk, not in memory
        timer("nlp", parse_articles, articles, embedder, settings, parsed, timer.report)
        groups = list(groups) if groups is not None else syndication_groups(articles, tuning=settings.tuning.dedup)
        copies = [g for g in groups if len(g) > 1]
        labels = timer("cluster", cluster_articles, articles, embedder=embedder, settings=settings.tuning.cluster,
                       copies=copies)
        stories = timer("analyse", analyse_stories, articles, labels, groups, parsed, settings, timer.report)
    stories.sort(key=lambda s: (-len(s.articles), s.title, s.articles))
    return [replace(s, id=f"s{i + 1}") for i, s in enumerate(stories)]


def parse_articles(
    articles: Sequence[Article], embedder: Embedder | None, settings: Settings, into: ScratchNlp,
    report: Progress,
) -> None:
    """Parse every article, split it into sentences and embed them (on ``settings.workers``), into
    ``into`` a batch at a time (``NLP_BATCH`` articles a worker): the pile's parses and vectors
    are never all in memory."""
    from newsdesk.nlp.stage import article_nlp

    size = NLP_BATCH * max(1, settings.workers)
    for at in range(0, len(articles), size):
        part = articles[at : at + size]
        done = article_nlp(part, embedder=embedder, workers=settings.workers, backend=settings.backend,
                           limits=settings.limits)
        into.put((a.id, r) for a, r in zip(part, done))
        report("nlp", at + len(part), len(articles))


def analyse_stories(
    articles: Sequence[Article],
    labels: Sequence[int],
    groups: Sequence[tuple[str, ...]],
    parsed: ScratchNlp,
    settings: Settings,
    report: Progress,
) -> list[Story]:
    """One analysed story per cluster label, in the order the labels first appear; on
    ``settings.workers`` processes (or Dask) when asked, each story a ``StoryJob``."""
    from newsdesk.parallel import TASKS_PER_WORKER, balanced, pmap, scatter

    members: dict[int, list[Article]] = {}
    for a, label in zip(articles, labels):
        members.setdefault(label, []).append(a)
    everyone = list(members.values())
    stories: list[Story] = []
    if settings.workers > 1 or settings.backend == "dask":
        for wave in _waves(everyone, ANALYSE_BATCH * settings.workers):  # a wave's jobs in memory at a time
            parts = balanced([story_cost(m, parsed, settings.max_analysed) for m in wave],
                             settings.workers * TASKS_PER_WORKER)
            done = pmap(analyse_jobs, [[story_job(wave[i], groups, parsed, settings) for i in p] for p in parts],
                        workers=settings.workers, backend=settings.backend)
            stories += scatter(parts, done)
            report("analyse", len(stories), len(everyone))
        return stories
    for m in everyone:
        stories.append(analyse_job(story_job(m, groups, parsed, settings)))
        report("analyse", len(stories), len(everyone))
    return stories


def _waves(stories: list[list[Article]], size: int) -> Iterator[list[list[Article]]]:
    """Consecutive runs of stories of about ``size`` articles in all (a story is never split)."""
    wave: list[list[Article]] = []
    count = 0
    for members in stories:
        wave.append(members)
        count += len(members)
        if count >= size:
            yield wave
            wave, count = [], 0
    if wave:
        yield wave


@dataclass(frozen=True)
class StoryJob:
    """What one story's analysis needs and nothing more (picklable; sent to a worker as it is):
    its articles, the copy groups among them, their sentences and sentence vectors, and the
    serialised parses of the articles the analysis reads (``representatives``)."""

    articles: tuple[Article, ...]
    groups: tuple[tuple[str, ...], ...]
    sentences: dict[str, list[Sentence]]
    vectors: dict[str, np.ndarray]
    parses: dict[str, bytes]
    settings: Settings


def story_job(everyone: Sequence[Article], groups: Sequence[tuple[str, ...]], parsed: ScratchNlp,
              settings: Settings) -> StoryJob:
    """The ``StoryJob`` of one story's members, read from the run's ``parsed`` store."""
    ids = {a.id for a in everyone}
    sentences, vectors = parsed.sentences_and_vectors(everyone)
    rows_of, stacked = _stack(everyone, sentences, vectors)
    chosen = representatives(list(everyone), groups, stacked, rows_of, settings.max_analysed)
    return StoryJob(
        articles=tuple(everyone),
        groups=tuple(g for g in groups if not ids.isdisjoint(g)),
        sentences={a.id: sentences[a.id] for a in everyone},
        vectors={a.id: vectors[a.id] for a in everyone},
        parses=parsed.parses([a.id for a in chosen]),
        settings=settings,
    )


def story_cost(members: Sequence[Article], parsed: ScratchNlp, limit: int) -> float:
    """About how long a story takes: its stages compare the analysed sentences pairwise (at most
    ``limit`` articles of it are analysed)."""
    sentences = sum(parsed.counts([a.id for a in members]).values()) * min(1.0, limit / max(1, len(members)))
    return sentences**2 + 1


def analyse_jobs(jobs: list[StoryJob]) -> list[Story]:
    return [analyse_job(j) for j in jobs]


def analyse_job(job: StoryJob) -> Story:
    """One story of its ``StoryJob`` (in any process: a function of the job alone)."""
    from newsdesk.nlp.stage import Parses

    return analyse_members(job.articles, job.groups, job.sentences, job.vectors, Parses(job.parses),
                           settings=job.settings)


def analyse_members(
    everyone: Sequence[Article],
    groups: Sequence[tuple[str, ...]],
    sentences: dict[str, list[Sentence]],
    vectors: dict[str, np.ndarray],
    docs: Mapping[str, Doc],
    *,
    settings: Settings = DEFAULT,
) -> Story:
    """One story from its member articles, their sentences, sentence vectors (one array per
    article, a row per sentence) and parses; ``groups`` are the copy groups (any superset).
    Used by ``build_stories`` and by the library's incremental re-analysis of one story."""
    everyone = list(everyone)
    dim = next((v.shape[1] for v in vectors.values()), 0)
    rows_of, stacked = _stack(everyone, sentences, vectors)
    story_articles = representatives(everyone, groups, stacked, rows_of, settings.max_analysed)
    ids = {a.id for a in story_articles}
    story_sentences = [s for a in story_articles for s in sentences[a.id]]
    rows = [r for a in story_articles for r in rows_of[a.id]]
    ctx = StoryContext(
        articles=story_articles,
        sentences=story_sentences,
        embeddings=stacked[rows] if rows else np.zeros((0, dim), np.float32),
        docs={a.id: docs[a.id] for a in story_articles},  # article order: the stages read them in it
        syndication=[g for g in groups if set(g) & ids],
        owners=owner_keys(story_articles),
        tuning=settings.tuning,
    )
    story = to_story(analyse_story(ctx, settings))
    if len(everyone) > len(story_articles):  # every article stays listed; the analysis used a sample
        every = {a.id for a in everyone}
        story = replace(
            story,
            articles=tuple(a.id for a in everyone),
            syndication=tuple(g for g in groups if len(g) > 1 and set(g) & every),
        )
    return story


def _stack(
    everyone: Sequence[Article], sentences: Mapping[str, list[Sentence]], vectors: Mapping[str, np.ndarray]
) -> tuple[dict[str, list[int]], np.ndarray]:
    """Each article's rows in the stacked sentence vectors of all of them (article order)."""
    dim = next((v.shape[1] for v in vectors.values()), 0)
    rows_of, at = {}, 0
    for a in everyone:
        rows_of[a.id] = list(range(at, at + len(sentences[a.id])))
        at += len(sentences[a.id])
    stacked = np.concatenate([vectors[a.id] for a in everyone]) if everyone else np.zeros((0, dim), np.float32)
    return rows_of, stacked


def representatives(
    articles: list[Article],
    groups: Sequence[tuple[str, ...]],
    vectors: np.ndarray,
    rows_of: dict[str, list[int]],
    limit: int,
) -> list[Article]:
    """At most ``limit`` articles of a story, in their original order: one per independent source
    first (syndicated copies add no new outlet), those closest to the story's centre first."""
    if len(articles) <= limit:
        return articles
    means = {i: vectors[rs].mean(axis=0) for i, rs in rows_of.items() if rs}
    centre = np.mean(list(means.values()), axis=0) if means else None
    closeness = {i: float(m @ centre) if centre is not None else 0.0 for i, m in means.items()}
    group_of = {i: g for g, ids in enumerate(groups) for i in ids}
    ranked = sorted(articles, key=lambda a: (-closeness.get(a.id, -1.0), a.id))
    seen: set[int] = set()
    first, rest = [], []
    for a in ranked:
        g = group_of.get(a.id, -1 - len(seen))
        (rest if g in seen else first).append(a)
        seen.add(g)
    chosen = {a.id for a in (first + rest)[:limit]}
    return [a for a in articles if a.id in chosen]


_NAMES = {"en": "English"}

