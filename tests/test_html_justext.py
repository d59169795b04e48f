"""html_justext: invented blocks -> jusText's verdict per block, and the voter's column that holds it."""

from __future__ import annotations

from newsdesk.extraction import html_vote
from newsdesk.extraction.html_blocks import Block
from newsdesk.extraction.html_justext import justext_good

PROSE = [
    "The harbour board of Velmora agreed on Tuesday that the northern pier would be rebuilt before the "
    "winter storms arrive, and that the work would be paid for out of the regional fund for the coast, "
    "which the province set up after the floods of the year before.",
    "Councillor Ines Marrow said that the old timbers had rotted through over the years and that the "
    "fishing boats of the cooperative could no longer moor there without a risk to their crews, and that "
    "she would ask the board to keep a temporary landing stage open during the works.",
]


def test_prose_is_good_and_a_copyright_line_is_not() -> None:
    blocks = [Block("p", PROSE[0]), Block("p", "Copyright © 2024 Coast Courier. All rights reserved."), Block("p", PROSE[1])]
    assert justext_good(blocks, "en") == [1.0, 0.0, 1.0]


def test_a_short_block_between_good_ones_is_good_by_context() -> None:
    blocks = [Block("p", PROSE[0]), Block("p", "The vote was close."), Block("p", PROSE[1])]
    assert justext_good(blocks, "en") == [1.0, 1.0, 1.0]


def test_stop_words_of_the_page_language() -> None:
    """English prose judged with German stop words has too few of them: not good."""
    blocks = [Block("p", PROSE[0])]
    assert justext_good(blocks, "en") == [1.0]
    assert justext_good(blocks, "de") == [0.0]


def test_voter_column_is_zero_when_no_block_goes_to_the_vote() -> None:
    base = [Block("p", t) for t in PROSE]
    rows = html_vote.features(base, base, None, from_readability=False, language="en")
    column = html_vote.FEATURES.index("justext_good")
    assert [row[column] for row in rows] == [0.0, 0.0]
    extra = Block("p", "Share this story")
    rows = html_vote.features([*base, extra], base, None, from_readability=False, language="en")
    assert [row[column] for row in rows] == [1.0, 1.0, 0.0]
