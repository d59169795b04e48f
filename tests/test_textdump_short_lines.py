"""Text dump extraction: short one-line body paragraphs between body paragraphs (invented dumps)."""

from __future__ import annotations

import pytest

from newsdesk.extraction.textdump import extract_text

LEAD = [
    "The regional rail company will run a night train between Kessling and the coast from October, six "
    "years after the last sleeper service on the valley line was withdrawn.",
    "The company said the sleeper carriages had been bought second-hand from a northern operator and "
    "refitted at its Kessling works over the summer, at a cost of about four million euros.",
]
# three one-line paragraphs: together they cost the max-sum run more than the two short ones below earn
ONE_LINERS = [
    "The first train leaves Kessling on 4 October.",
    "Tickets go on sale next week.",
    "Fares start at 39 euros.",
]
TAIL = [
    "Passenger groups in the valley welcomed the return of the night train on Tuesday.",
    "The company said a decision on a second route would follow in the spring.",
]


TOP = [
    "Skip to content\nMenu\nHome\nNews\nBusiness\nCulture\nSport",
    "Night trains return to the Kessling valley line after six years",
    "By Ilse Kortmann\nTuesday, 3 September 2024",
]
BOTTOM = [
    "Related stories",
    "Bridge repairs close the ring road for a month\nCity council backs plan for new swimming pool",
    "Contact us | Advertise | Privacy\n© 2024 Kessling Bote",
]


def test_short_one_line_paragraphs_between_body_paragraphs_stay_in_the_body() -> None:
    a = extract_text("\n\n".join(TOP + LEAD + ONE_LINERS + TAIL + BOTTOM))
    assert a.paragraphs == LEAD + ONE_LINERS + TAIL
    assert all(r.kind != "teaser" for r in a.removed if r.line in ONE_LINERS + TAIL)
    assert a.title == "Night trains return to the Kessling valley line after six years"


@pytest.mark.parametrize(
    "others",
    [
        # one-line sentences sharing no word with the article: teasers, not body
        [
            "Storm damage closes two beaches near Orlin.",
            "Museum reopens after months of repairs.",
            "Police appeal for witnesses to harbour fire.",
        ],
        # teaser headlines ending in a comment count do not end as sentences do (together they share
        # enough words with the article; the first is even taken in as a closing line, then a teaser)
        [
            "Kessling night train timetable leaked online (142)",
            "Five walks to try before the first frost (98)",
            "Readers pick their favourite bakery of the year (61)",
        ],
    ],
    ids=["about-something-else", "headline-like"],
)
def test_short_lines_that_are_no_body_one_liners_are_not_bridged(others: list[str]) -> None:
    a = extract_text("\n\n".join(TOP + LEAD + others + TAIL + BOTTOM))
    assert not any(line in a.text for line in others)
