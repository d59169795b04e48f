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


def test_a_page_of_thousands_of_short_blocks_is_judged_in_bounded_time() -> None:
    """jusText's context pass walks runs of short blocks once per block (quadratic); past
    ``MAX_REVISED_BLOCKS`` only its first pass runs, so a huge table page stays cheap, and a short
    block between good ones is then judged alone."""
    import time

    from newsdesk.extraction.html_justext import MAX_REVISED_BLOCKS

    rows = [Block("p", f"Row {i} cell {i * 7}") for i in range(20_000)]
    start = time.process_time()
    assert justext_good(rows, "en") == [0.0] * len(rows)
    assert time.process_time() - start < 5.0  # minutes before the bound
    middle = [Block("p", PROSE[0]), Block("p", "The vote was close."), Block("p", PROSE[1])]
    filler = [Block("p", "Row 1 cell 7")] * (MAX_REVISED_BLOCKS - 2)
    assert justext_good(middle + filler, "en")[:3] == [1.0, 0.0, 1.0]
    assert justext_good(middle + filler[:-1], "en")[:3] == [1.0, 1.0, 1.0]
