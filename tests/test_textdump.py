"""Text dump extraction: invented snippets, the seeds (line-level counts) and the examples corpus."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsdesk.errors import EmptyInput, NoArticleFound
from newsdesk.extraction.lines import normalize
from newsdesk.extraction.textdump import DumpContext, extract_text

ROOT = Path(__file__).resolve().parents[1]

BODY = [
    "The city council of Varnholm voted on Tuesday to close the old swing bridge over the canal for two years.",
    "Engineers found cracks in the main pivot last winter, and the council said repairs could not wait any longer.",
    "Traffic will be sent over the ring road, which the council admits will add twenty minutes to some journeys.",
    "Shopkeepers on the canal side said they feared losing customers while the bridge is closed.",
    "A temporary footbridge for walkers and cyclists is planned to open in the spring, the council said.",
]
SNIPPET = "\n".join(
    [
        "Home | News | Sport | Weather | Contact",
        "",
        "Varnholm council votes to close swing bridge for repairs",
        "",
        "By Ada Lindqvist and Piet Moreau",
        "Published: 4 March 2024, 14:05",
        "",
        BODY[0],
        "",
        BODY[1],
        "",
        "ALSO READ: Football club unveils new stadium plans",
        "",
        BODY[2],
        "",
        "What happens next",
        "",
        BODY[3],
        "",
        BODY[4],
        "",
        "Share on Facebook",
        "Tags: Varnholm, bridges, traffic",
        "",
        "Most popular",
        "",
        "Rock band announces farewell tour after thirty years on the road…",
        "3 hours ago",
        "Bakery wins national prize for its rye bread with a secret family recipe. Read More",
        "5 hours ago",
        "",
        "© 2024 Varnholm Gazette. All rights reserved.",
    ]
)


def test_snippet_body_metadata_and_removed_kinds() -> None:
    a = extract_text(SNIPPET, path="snippet.txt")
    assert a.paragraphs == BODY
    assert a.title == "Varnholm council votes to close swing bridge for repairs"
    assert a.authors == ("Ada Lindqvist", "Piet Moreau")
    assert (a.published, a.published_precision) == ("2024-03-04T14:05", "minute")
    assert a.headings == ("What happens next",)
    assert a.outlet == "Varnholm Gazette"
    assert a.language == "en"
    kinds = {r.kind for r in a.removed}
    assert {"navigation", "teaser", "tags", "share", "relative_time", "byline", "title", "boilerplate"} <= kinds
    assert "heading" not in kinds


def test_dateline_and_wire_credit_are_metadata() -> None:
    text = "\n\n".join(["VARNHOLM: " + BODY[0], *BODY[1:4], BODY[4] + " – AFP"])
    a = extract_text(text)
    assert (a.dateline, a.wire) == ("VARNHOLM", "AFP")
    assert a.paragraphs[-1] == BODY[4]


def test_page_header_date_beside_the_weather_is_not_published() -> None:
    text = "\n".join(["Monday, June 3, 2024", "21.5 C", "Varnholm", "", "Swing bridge closes", "", *BODY])
    assert extract_text(text).published is None


def test_repeated_standfirst_kept_once() -> None:
    stand = "The old swing bridge will close for two years while engineers repair its cracked pivot."
    text = "\n\n".join(["Varnholm swing bridge to close", stand, stand, stand, *BODY])
    a = extract_text(text)
    assert a.paragraphs.count(stand) == 1
    assert sum(r.kind == "duplicate" for r in a.removed) == 2


def test_standfirst_printed_again_below_is_not_the_lead() -> None:
    stand = "Engineers say the cracked pivot of the old swing bridge cannot wait for another winter of traffic."
    top = ["Varnholm swing bridge to close", stand, "Reporter: Ada Lindqvist", "2024-03-04 14:05", stand]
    a = extract_text("\n".join(top) + "\n\n" + "\n\n".join(BODY))
    assert a.paragraphs[0] == BODY[0]
    assert stand not in a.text


def test_batch_context_removes_chrome_repeated_across_files() -> None:
    chrome = "Listen to our morning podcast on your way to work today"
    texts = [f"Story {i} headline\n\n" + "\n\n".join([*BODY[i:], chrome]) for i in range(3)]
    context = DumpContext.from_texts(texts)
    a = extract_text(texts[0], context=context)
    assert chrome not in a.text
    assert any(r.line == chrome for r in a.removed)


def test_syndicated_copies_keep_their_shared_body() -> None:
    texts = ["Outlet one\n\n" + "\n\n".join(BODY), "Outlet two\n\n" + "\n\n".join(BODY)]
    a = extract_text(texts[0], context=DumpContext.from_texts(texts))
    assert a.paragraphs == BODY


def test_empty_and_chrome_only_inputs_raise() -> None:
    with pytest.raises(EmptyInput):
        extract_text("  \n\n ", path="e.txt")
    with pytest.raises(NoArticleFound) as info:
        extract_text("Home | News | Sport\nShare on Facebook\nTags: none", path="c.txt")
    assert info.value.path == "c.txt"


# Seeds: line numbers (1-based) of body lines and heading lines, per file prefix; the rest is chrome or title.
SEED_BODY = {
    "000": list(range(7, 54, 2)),
    "001": [5, 9, 13, 17, 21, 25, 29, 31],
    "002": list(range(3, 46, 2)),
    "003": [5, 7, 9, 11, 15, 17, 19, 21, 25, 27, 29, 31, 33],
    "004": [7, 14, 16, 20, 22, 26, 28, 30],
}
SEED_HEADINGS = {"000": [], "001": [11, 19, 27], "002": [], "003": [1, 13, 23], "004": [18, 24]}
SEED_META = {  # title line, authors, published, precision, dateline, wire
    "000": (5, (), None, None, None, None),
    "001": (3, ("Drishya Madhur",), None, None, None, None),
    "002": (None, (), "2025-08-28T16:38", "minute", "BEIJING", "AFP"),
    "003": (3, ("Purnima Mishra",), None, None, None, None),
    "004": (1, (), None, None, None, None),
}


def _seed_articles(seeds: Path) -> dict[str, tuple[list[str], object]]:
    files = sorted(seeds.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    context = DumpContext.from_texts(texts)
    return {f.name[:3]: (t.splitlines(), extract_text(t, path=str(f), context=context)) for f, t in zip(files, texts)}


def _kept(line: str, paragraphs: list[str]) -> int:
    key = normalize(line)
    return sum(1 for p in paragraphs if normalize(p) and key.startswith(normalize(p)) and len(p) > 0.9 * len(line) - 8)


def test_seeds_body_kept_chrome_dropped(seeds: Path) -> None:
    body_kept = body_total = chrome_kept = chrome_total = 0
    for key, (lines, article) in _seed_articles(seeds).items():
        paras = article.paragraphs  # type: ignore[attr-defined]
        body_keys = {normalize(lines[n - 1]) for n in SEED_BODY[key]}
        for number, line in enumerate(lines, 1):
            if not line.strip() or number in SEED_HEADINGS[key]:
                continue
            if number in SEED_BODY[key]:
                body_total += 1
                body_kept += _kept(line, paras) == 1
            elif number != SEED_META[key][0] and normalize(line) not in body_keys:  # copies: counted once above
                chrome_total += 1
                chrome_kept += _kept(line, paras) > 0
        assert len(paras) == len(SEED_BODY[key]), key
        assert not any(p.rstrip().lower().endswith(("read more", "…")) for p in paras), key
    assert body_kept / body_total >= 0.98
    assert chrome_kept / chrome_total <= 0.02


def test_seeds_metadata(seeds: Path) -> None:
    for key, (lines, article) in _seed_articles(seeds).items():
        title_line, authors, published, precision, dateline, wire = SEED_META[key]
        a = article
        assert a.title == (lines[title_line - 1] if title_line else None), key  # type: ignore[attr-defined]
        assert (a.authors, a.published, a.published_precision) == (authors, published, precision), key  # type: ignore[attr-defined]
        assert (a.dateline, a.wire, a.language) == (dateline, wire, "en"), key  # type: ignore[attr-defined]
        assert a.headings == tuple(lines[n - 1].strip() for n in SEED_HEADINGS[key]), key  # type: ignore[attr-defined]
        assert not a.title or a.title not in a.text, key  # type: ignore[attr-defined]


# Lines of the seeds that advertise other stories (headline or blurb), by line number.
SEED_TEASERS = {
    "000": [*range(59, 78, 2), *range(81, 112, 2)],
    "001": [15, 23],
    "002": [],
    "003": [35, 41, 43, 47, 49, 53, 55, 59, 61, 65, 67, 71, 73],
    "004": [],
}


def test_no_seed_teaser_text_anywhere_in_the_output(seeds: Path) -> None:
    articles = _seed_articles(seeds)
    fields = [
        normalize(" ".join([a.text, a.title or "", *a.headings, *a.authors, a.outlet or "", a.dateline or ""]))  # type: ignore[attr-defined]
        for _, a in articles.values()
    ]
    everything = " | ".join(fields)
    checked = 0
    for key, (lines, article) in articles.items():
        removed = {normalize(r.line): r.kind for r in article.removed}  # type: ignore[attr-defined]
        for number in SEED_TEASERS[key]:
            line = normalize(lines[number - 1])
            assert line and line not in everything, (key, number)
            assert removed.get(line) in ("teaser", "duplicate"), (key, number, removed.get(line))
            checked += 1
    assert checked == sum(len(v) for v in SEED_TEASERS.values())


def test_seed_teaser_blocks_recorded_with_kinds(seeds: Path) -> None:
    articles = _seed_articles(seeds)
    kinds = {k for _, a in articles.values() for k in (r.kind for r in a.removed)}  # type: ignore[attr-defined]
    assert {"teaser", "tags", "relative_time", "duplicate", "boilerplate", "byline", "author_box"} <= kinds


def _example_texts(examples: Path) -> dict[str, str]:
    out = {}
    for f in sorted(examples.glob("*/*.txt*")):
        if f.parent.name == "broken":
            continue
        raw = f.read_bytes()
        out[f.name] = (gzip.decompress(raw) if f.suffix == ".gz" else raw).decode("utf-8")
    return out


def test_examples_corpus_is_cleaned(examples: Path) -> None:
    texts = _example_texts(examples)
    if not texts:
        pytest.skip("examples/ holds no text dumps yet")
    context = DumpContext.from_texts(list(texts.values()))
    for name, text in texts.items():
        a = extract_text(text, path=name, context=context)
        assert a.title and a.published and a.authors, name
        assert len(a.paragraphs) >= 4, name
        for p in a.paragraphs:
            assert not p.lower().endswith(("read more", "…", "»", "→")), (name, p)
            assert not p.endswith(" ago") and "©" not in p, (name, p)


def test_aeb_text_dumps_f1_floor(shared: Path) -> None:
    """All AEB pages flattened to text, one batch as ``newsdesk extract`` builds it: F1 pinned."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("textdumps_benchmark", ROOT / "benchmarks" / "textdumps.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    truth, texts = bench.load_pages(shared)
    result = bench.load_scorer(shared)(truth, bench.ours(texts))
    assert len(texts) >= 100 and result["f1"] >= TEXT_DUMP_FLOOR, result["f1"]


TEXT_DUMP_FLOOR = 0.87  # measured 0.891 on the 121 pages (target 0.85)


@pytest.mark.parametrize(
    "caption",
    [
        "Mayor Ilse Varga opens the new quay on Monday. Photo: Tom Reed/Harbour Pictures",
        "Crews clear the road near Tallow (Photo by Ann Lee)",
        "The flooded square at dawn. Image credit: Velmora council",
    ],
)
def test_a_caption_with_its_credit_is_removed_and_never_the_title(caption: str) -> None:
    text = (
        f"{caption}\n\n"
        "The council of Velmora reopened the harbour quay on Monday after three months of repairs, "
        "the harbour master said.\n\n"
        "Fishing boats returned to their berths in the afternoon, and the ferry to Marrow Island will "
        "sail from the quay again on Friday, the operator said.\n"
    )
    a = extract_text(text)
    assert a.title != caption and caption not in a.text
    assert ("caption", caption) in [(r.kind, r.line) for r in a.removed]


def test_a_sentence_with_a_colon_after_pictures_is_body_not_a_caption() -> None:
    text = (
        "Rover finds ice near the crater rim\n\n"
        "The agency released two pictures: one of the crater and one of the rover at its edge.\n\n"
        "Scientists said on Monday that the ice lies less than a metre below the dust, the mission team said.\n"
    )
    a = extract_text(text)
    assert "released two pictures" in a.text
    assert all(r.kind != "caption" for r in a.removed)


DAM = [
    "A crack in the Ormsby reservoir dam forced about four hundred households from their homes on Sunday.",
    "Nobody was hurt.",
    "Warnings ignored",
    "Water engineers said the crack had widened overnight and that pumps were being brought in from two "
    "neighbouring counties to lower the level of the reservoir.",
    "The county emergency office opened the school gym as a shelter and said families could stay there "
    "until at least Wednesday while the dam is inspected.",
    "Mayor Tilda Renning said the town had asked for an inspection of the dam three years ago and was "
    "told that repairs would wait until after the summer.",
    "No date was given.",
    "What happens next",
    "Engineers from the water board will inspect the dam again on Monday morning, the county said.",
]


def _dam_dump(body: list[str]) -> str:
    return "\n\n".join(
        [
            "Skip to content\nMenu\nHome\nLocal\nRegion\nSport\nOpinion",
            "Dam leak forces hundreds from homes in Ormsby",
            "By Marit Olsen\nSunday, 12 May 2024",
            *body,
            "Related stories",
            "Ferry timetable changes for summer announced\nFarmers count cost of late spring frost",
            "Contact us | Advertise | Privacy\n© 2024 Ormsby Courier",
        ]
    )


def test_a_one_line_paragraph_and_a_subheading_do_not_cut_off_the_lead() -> None:
    # the short lead scores less than the two short lines under it cost: the run must bridge them
    a = extract_text(_dam_dump(DAM))
    assert a.paragraphs == [p for p in DAM if p not in ("Warnings ignored", "What happens next")]
    assert a.headings == ("Warnings ignored", "What happens next")
    assert a.title == "Dam leak forces hundreds from homes in Ormsby"


def test_a_subheading_another_file_prints_does_not_cut_off_the_last_paragraph() -> None:
    other = "\n\n".join(
        [
            "Harbour crane collapses in storm",
            "A loading crane at the port of Wessel fell onto an empty quay during gales on Friday night, "
            "the port authority said.",
            "What happens next",
            "Inspectors will examine the other four cranes on the quay before work resumes there next week.",
        ]
    )
    mine = _dam_dump(DAM)
    a = extract_text(mine, context=DumpContext.from_texts([mine, other]))
    assert a.paragraphs[0] == DAM[0] and a.paragraphs[-1] == DAM[-1]
    assert ("boilerplate", "What happens next") in [(r.kind, r.line) for r in a.removed]
