"""Outlet names of text dumps: the title line's site part, a masthead the page names again, the copyright line."""

from __future__ import annotations

from newsdesk.extraction.textdump import extract_text

BODY = [
    "The town council of Orrisdale agreed on Monday to rebuild the harbour wall that collapsed in the winter storms.",
    "Repairs will cost about four million pounds, and the work is expected to take eighteen months, officials said.",
    "Fishing boats have been mooring in the neighbouring bay since the wall gave way in January.",
    "The harbour master said the old stones would be reused where the engineers judged them sound.",
]
HEADLINE = "Orrisdale to rebuild its collapsed harbour wall"


def _dump(top: list[str], bottom: list[str]) -> str:
    return "\n".join(top) + "\n\n" + "\n\n".join(BODY) + "\n\n" + "\n".join(bottom)


def test_site_part_of_the_title_line_beats_the_copyright_holder() -> None:
    text = _dump([f"{HEADLINE} | The Orrisdale Courier", "", HEADLINE], ["© 2024 Kelder Regional Media Ltd"])
    a = extract_text(text)
    assert a.title == HEADLINE
    assert a.outlet == "The Orrisdale Courier"


def test_title_line_with_a_shortened_headline_still_gives_its_site_part() -> None:
    text = _dump(["Orrisdale harbour wall to be rebuilt - Orrisdale Courier", "", HEADLINE], [])
    a = extract_text(text)
    assert a.title == HEADLINE
    assert a.outlet == "Orrisdale Courier"


def test_title_line_of_two_headline_parts_names_no_site() -> None:
    text = _dump(["Harbour works | Orrisdale to rebuild collapsed wall", "", HEADLINE], [])
    assert extract_text(text).outlet is None


def test_copyright_holder_without_by_suffix_and_year() -> None:
    bottom = ["Copyright © 2019 by Kelder Media Pty Ltd 2019. All rights reserved."]
    assert extract_text(_dump([HEADLINE], bottom)).outlet == "Kelder Media"


def test_upper_case_masthead_that_opens_the_holders_name() -> None:
    top = ["THE ORRISDALE COURIER — News for the north shore", "Home | Harbour | Sport", HEADLINE]
    bottom = ["More from the Courier", "© 2024 Orrisdale Courier Publishing Ltd. All rights reserved."]
    a = extract_text(_dump(top, bottom))
    assert a.outlet == "The Orrisdale Courier"


def test_masthead_named_by_a_publisher_line_without_copyright() -> None:
    top = ["ORRISDALE COURIER · Weekly", "Sign in | Subscribe", HEADLINE]
    bottom = ["Corrections | Contact", "Orrisdale Courier is published by Kelder Press plc, 2 Quay Street."]
    a = extract_text(_dump(top, bottom))
    assert a.outlet == "Orrisdale Courier"


def test_menu_item_is_not_a_masthead() -> None:
    top = ["Search Courier", "Home | Harbour | Sport", HEADLINE]
    a = extract_text(_dump(top, ["© 2024 Courier Group Ltd. All rights reserved."]))
    assert a.outlet == "Courier Group"
