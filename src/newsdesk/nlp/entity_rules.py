"""Word lists for entity canonicalisation and role slots: labels, titles, offices, demonyms (data only)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# spaCy labels kept as named entities, mapped to the label we report
KEEP_LABELS: dict[str, str] = {
    label: label for label in ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT")
}

# when votes tie, the more specific type wins
TYPE_PRIORITY: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "NORP")

# the word right before a name that makes it a person ("President Reyes", "minister Varga", "Dr Moreau")
TITLE_HEADS: frozenset[str] = _words(
    """
    president premier chancellor minister secretary chairman chairwoman chairperson leader king
    queen prince princess emperor empress pope cardinal bishop archbishop rabbi imam sheikh
    governor mayor senator sen. congressman congresswoman rep. ambassador envoy admiral colonel
    col. lieutenant lt. captain capt. sergeant sgt. commander marshal comrade mr mr. mrs mrs. ms
    ms. dr dr. prof prof. professor judge spokesman spokeswoman spokesperson ceo cfo director
    commissioner inspector superintendent detective sir dame analyst economist researcher
    """
)

# words that may precede a head inside a title ("assistant foreign minister", "vice premier")
TITLE_MODIFIERS: frozenset[str] = _words(
    """
    vice deputy assistant acting foreign defence defense interior finance state prime chief
    executive associate senior former general supreme
    """
)

TITLE_WORDS: frozenset[str] = TITLE_HEADS | TITLE_MODIFIERS

# offices held by one person at a time: "<place> <office> <Name>" names the holder of a role
UNIQUE_OFFICES: tuple[str, ...] = (
    "vice president",
    "president",
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "finance minister",
    "interior minister",
    "chancellor",
    "premier",
    "king",
    "queen",
    "emperor",
    "pope",
    "supreme leader",
    "secretary of state",
    "secretary-general",
    "secretary general",
    "mayor",
    "governor",
    "chief executive",
    "ceo",
)

# qualifiers that make an office not a current unique holder
NON_UNIQUE_QUALIFIERS: frozenset[str] = _words(
    "former ex late then previous past acting deputy vice assistant elect"
)

# surfaces that spaCy tags but that are never entities of a story
NOISE_SURFACES: frozenset[str] = frozenset(
    [
        "also read",
        "categories",
        "comments",
        "email",
        "facebook",
        "go to source",
        "newsletter",
        "print",
        "read more",
        "share",
        "subscribe",
        "tags",
        "topics",
        "twitter",
        "whatsapp",
    ]
)

# last words that make a "person" an organisation ("Skarvik Line", "Forge Union", "Vantor Group")
ORG_LAST_WORDS: frozenset[str] = _words(
    """
    line lines group union party bank company corporation corp inc ltd plc llc council ministry
    department agency university institute college school hospital airlines airways railways
    association federation league club committee commission court authority service services
    foundation trust fund press times post news network embassy consulate
    """
)

# words naming one part of a divided place: "North and South Velmora" is two places
PART_WORDS: frozenset[str] = _words(
    "north south east west northern southern eastern western upper lower"
)

# words after a hyphen that make a name an attribute ("Rotterdam-based", "state-owned")
ATTRIBUTE_SUFFIXES: frozenset[str] = _words(
    "based born led owned run backed made style linked funded controlled bound wide era born"
)

# words before a one-word "person" that make it a place ("in Kiel", "from Gothenburg")
PLACE_PREPOSITIONS: frozenset[str] = _words("in at from near into outside across to via")

# function words that may sit inside an organisation name but never give an acronym letter
ACRONYM_SKIP: frozenset[str] = _words("of the and for in on at de du &")

# leading words stripped from any surface
LEADING_STRIP: frozenset[str] = _words("the")

# demonyms whose country is not the demonym minus a suffix ("Dutch" -> Netherlands)
DEMONYMS: dict[str, str] = {
    "chinese": "china",
    "american": "united states",
    "us": "united states",
    "u.s.": "united states",
    "british": "united kingdom",
    "uk": "united kingdom",
    "french": "france",
    "german": "germany",
    "japanese": "japan",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "swedish": "sweden",
    "danish": "denmark",
    "finnish": "finland",
    "polish": "poland",
    "spanish": "spain",
    "portuguese": "portugal",
    "turkish": "turkey",
    "irish": "ireland",
    "greek": "greece",
    "vietnamese": "vietnam",
    "taiwanese": "taiwan",
    "lebanese": "lebanon",
    "sudanese": "sudan",
    "pakistani": "pakistan",
    "israeli": "israel",
    "iraqi": "iraq",
    "saudi": "saudi arabia",
    "emirati": "united arab emirates",
    "filipino": "philippines",
    "thai": "thailand",
    "welsh": "wales",
    "scottish": "scotland",
    "english": "england",
    "kiwi": "new zealand",
    "norwegian": "norway",
    "belgian": "belgium",
    "czech": "czech republic",
    "egyptian": "egypt",
}

# countries' usual letters that are not the initials of their short name
COUNTRY_LETTERS: dict[str, str] = {
    "dprk": "north korea",
    "rok": "south korea",
    "prc": "china",
    "usa": "united states",
    "ussr": "soviet union",
    "drc": "democratic republic of the congo",
}

# suffixes stripped from a demonym to find its country among the story's places
DEMONYM_SUFFIXES: tuple[str, ...] = ("ian", "an", "n", "ese", "i", "ish")

# number words inside names, written as Roman numerals in keys ("Henry Eight" = "Henry VIII")
ROMAN: dict[str, str] = {
    "one": "i",
    "two": "ii",
    "three": "iii",
    "four": "iv",
    "five": "v",
    "six": "vi",
    "seven": "vii",
    "eight": "viii",
    "nine": "ix",
    "ten": "x",
    "1": "i",
    "2": "ii",
    "3": "iii",
}
