"""Generic cues of site chrome in text dumps, as data: word lists and patterns (no site names)."""

from __future__ import annotations

import re

from newsdesk.chrome import LINE_BOILERPLATE as BOILERPLATE  # noqa: F401  (read as R.<name> by lines.py)
from newsdesk.chrome import NAV_HEADER, SHARE, TAGS, TEASER_END, TEASER_OPEN  # noqa: F401

# Wire services: spelling in a credit -> house name.
WIRES: dict[str, str] = {
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "Reuters": "Reuters",
    "AP": "AP",
    "Associated Press": "AP",
    "The Associated Press": "AP",
    "Yonhap": "Yonhap",
    "Xinhua": "Xinhua",
    "dpa": "dpa",
    "EFE": "EFE",
    "ANSA": "ANSA",
    "Kyodo": "Kyodo",
    "PTI": "PTI",
    "IANS": "IANS",
    "ANI": "ANI",
    "UPI": "UPI",
    "Bloomberg": "Bloomberg",
    "TASS": "TASS",
    "Anadolu": "Anadolu",
    "Bernama": "Bernama",
    "AAP": "AAP",
    "KNA": "KNA",
}

# Languages whose month names the date fallback (dateparser) tries; each one costs time.
DATE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")

# Languages whose papers open the first paragraph with the place and a full stop ("Kiel. Am Dienstag ..."):
# only there is a capitalised word and a full stop at a lead's start read as a dateline.
PLACE_STOP_LANGUAGES = frozenset({"de"})

# Upper-case words that open a line with a colon but are labels, not datelines.
NOT_PLACES = frozenset(
    "breaking update updated watch exclusive opinion analysis live photos video editorial "
    "note warning alert comment review interview explainer ad advertisement sponsored tags "
    "source sources read also related faq q a".split()
)

_I = re.IGNORECASE

# A picture's caption ends on (or holds) its credit: "... on Monday. Photo: A. Name/Agency".
# The credit opens the line or follows a sentence end, a bracket or a bar: a sentence such as
# "The agency released two pictures: one of the crater..." is no caption.
CAPTION = re.compile(
    r"(?:^|[.!?]\s+|[(\[|]\s*)(?:(?:photo(?:graph)?|picture|image|foto|bild)s?(?:\s+credits?)?|credits?|crédit)"
    r"\s*[:©]\s*\S|\((?:photo|picture|image)s?(?: by| courtesy)?\b[^)]*\)\s*$|^(?:photo|picture)s? (?:by|courtesy)\b",
    _I,
)
RELATIVE_TIME = re.compile(
    r"^(?:(?:about |an? |\d+ )(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?|years?) ago"
    r"|just now|yesterday|today|vor (?:\d+|einer?) (?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?)"
    r"|il y a \d+ (?:secondes?|minutes?|heures?|jours?)|hace \d+ (?:segundos?|minutos?|horas?|días?)"
    r"|há \d+ (?:segundos?|minutos?|horas?|dias?)|\d+ (?:ore|minuti|giorni) fa|\d+[smhd] ago)\W*$",
    _I,
)
# a date printed relative to the reader's day ("Monday 5:30PM", "Yesterday 09:10"): no calendar day to read
WEEKDAY_TIME = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\s*,?\s*(?:at\s+)?"
    r"\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?$",
    _I,
)
BYLINE = re.compile(
    r"^(?:(?:published|posted|written|reported|compiled|edited|words) by|by|von|par|por|di|author|authors|autor"
    r"|auteur|reporter|written by)(?:\s*:\s*|\s+|$)(?P<names>.*)$",
    _I,
)
DATE_LABEL = re.compile(
    r"^\W*(?!\w+ by\b)(?:published|posted|updated|last updated|first published|date|veröffentlicht(?: am)?|aktualisiert"
    r"|publié le|mis à jour|publicado|actualizado|pubblicato|aggiornato)\s*(?:on|at|am|le|el|:)?\s*:?",
    _I,
)
WEATHER = re.compile(r"^-?\d{1,2}(?:[.,]\d)?\s*°?\s*[CF]$|^\d{1,2}°", _I)
# Short items separated by these marks make a menu line ("Home · About · Contact").
MENU_SEPARATORS = re.compile(r"\s[·|•»/]\s")
SENTENCE_END = re.compile(r"[.!?…:;\"”’'»)\]。！？」）]\s*$")
# A full stop (or ! ? …) closing a sentence, perhaps inside quotes or brackets: a line ending "(12)" is no sentence.
FULL_STOP = re.compile(r"[.!?…。！？][\"”’'»)\]」）]*\s*$")

# Names: a byline's names are capitalised words, initials, particles.
NAME_PARTICLES = frozenset("de da di del della van von der den le la bin al el dos du ter".split())
NOT_NAMES = frozenset(
    "the and staff news reporter editor correspondent team desk agency media updated published posted "
    "contributor contributors share follow more read home recent posts related topics tags world "
    "opinion sports business politics video photo live senior contributor columnist writer view previous next "
    "post report error comments editorial sport online".split()
)
# A word right after capitalised words that makes them an organisation ("European Space Agency").
ORG_WORDS = frozenset(
    "agency team desk news media press sport sports online group service services network editorial "
    "magazine times post daily".split()
)
