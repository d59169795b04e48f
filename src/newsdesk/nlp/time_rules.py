"""TIMEX3 grammar as data: word tables, tense cues and the (rule name, pattern, type) triples of time_spans."""

from __future__ import annotations

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "half": 0,
    "a couple of": 2, "couple of": 2,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
VAGUE_NUMBERS = ("several", "few", "many", "some", "numerous", "recent", "the past few", "coming")
# unit word -> (TIMEX3 duration letter, is time-of-day unit)
UNITS: dict[str, tuple[str, bool]] = {
    "year": ("Y", False), "month": ("M", False), "week": ("W", False), "day": ("D", False),
    "decade": ("DE", False), "century": ("CE", False), "quarter": ("Q", False),
    "hour": ("H", True), "minute": ("M", True), "second": ("S", True), "weekend": ("WE", False),
}  # fmt: skip
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip
HALVES = {"first": "H1", "second": "H2", "last": "H2"}
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14),
}  # fmt: skip
# deictic words with a fixed TIMEX3 value
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "these days": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "once": "PAST_REF", "earlier": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "someday": "FUTURE_REF", "later": "FUTURE_REF",
}  # fmt: skip
# "previously", "formerly", "shortly" are left out: they order one event after another
# (TimeML signals/relations), they do not refer to a time of their own.
# a deictic word followed by this is a signal, not a time: "soon after", "as soon as"
NOT_TIMEX_AFTER: dict[str, str] = {
    "soon": r"\s+(?:as|after|before|afterwards|thereafter)\b",
    "future": r"\s+(?!(?:and|or|of|for|in|is|was|will|looks|as)\b)[a-z]",  # "future earnings": a modifier
}  # fmt: skip
# words before "a week", "a year" that make it a rate ("$35 a night", "700 seats a week"), not a time
RATE_BEFORE = r"(?:\d[\d,.]*%?|\$[\d,.]+|million|billion|thousand|percent|times|once|twice)\s+$"
# a frequency word before one of these describes the amount ("quarterly dividend", "average daily
# volume"): a property of the figure, not a time the text refers to
AMOUNT_AFTER_FREQUENCY = (
    r"\s+(?:(?:cash|stock|common)\s+)?(?:dividends?|payouts?|loss(?:es)?|results|earnings"
    r"|profits?|volume|share\s+turnover|sales|revenues?|output|payments?)\b"
)
# ... and after an amount ("rise 8.5% annually", "10,000 units annually") it makes the amount a rate
AMOUNT_BEFORE_FREQUENCY = r"(?:\d[\d,.]*\s*(?:%|percent|[a-z]+)?|million|billion)\s+$"
# "a second" followed by a lower-case word that is not a time connective is an ordinal ("a second look")
ORDINAL_FOLLOWERS = r"\s+(?!(?:ago|later|earlier|before|after|or|and|to|in|of|for|at|on)\b)[a-z]"
# regex cues that, in the clause of a bare weekday or month, point forward in time ...
FUTURE_CUES = (
    "will", "'ll", "shall", "going to", "plans? to", "planned to", "planning to", "scheduled", "expected to",
    "is to", "are to", "would begin", r"would be \w+ing", "set to", "as early as", "as soon as", "due to", "until", "postponed", "effective", "payable",
    "expects? to", "intends? to", "aims? to", "hopes? to",
    # a schedule in the present tense ("the museum reopens on Saturday")
    "(?:re)?opens", "begins", "starts", "resumes", "ends", "closes", "arrives", "departs", "meets",
    "returns", "travels", "takes place",
)  # fmt: skip
# ... and backward: past-tense verbs (regular "-ed" forms and the common irregular ones)
PAST_CUES = (
    "was", "were", "had", "did", "said", "ago", "since", "began", "came", "went", "took", "made", "fell",
    "rose", "won", "lost", "sold", "bought", "paid", "left", "met", "held", "brought", "found",
    "became", "gave", "got", "saw", "struck", "told", "ran", "spoke", "wrote", "broke", "shot", "killed", "died",
    r"(?!(?:need|feed|seed|speed|indeed|hundred|united|limited|proceed|exceed|succeed|scheduled|expected|planned)\b)[a-z]{2,}ed",
)  # fmt: skip
# ... and neither: the present tense ("I'm", "is", "does"), which speaks of now and what is to come
PRESENT_CUES = (
    "am", r"[a-z]+['’](?:m|re)", "is", "are", "isn['’]t", "aren['’]t", "does", "do", "don['’]t",
    "doesn['’]t", "can", "can['’]t", "cannot", "must",
)  # fmt: skip
# a past participle after these is a present passive ("once the line is cleared", "I'm worried"),
# not a past verb
PRESENT_PASSIVE_BEFORE = r"(?:\b(?:is|are|am|be|being)|\w['’](?:m|re))\s+(?:\w+ly\s+)?$"
# an attribution after the expression (", the company added", ", officials warned") is the tense of
# the reporting, not of the event the expression dates: the clause stops there
ATTRIBUTION_TAIL = (
    r",['\"’”]*\s+(?:[\w'’.-]+\s+){0,4}?(?:said|says|added|adds|told|stated|announced|confirmed"
    r"|explained|noted|warned|reported|wrote|insisted|claimed|argued|acknowledged|according)\b"
)
# ... and so does a conjunction that opens the next clause ("was sent up on May 2 and is expected")
CLAUSE_AFTER = r"\s(?:and|but|while|whereas|although|though)\s"
SETS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "annual": "P1Y", "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D",
}  # fmt: skip

_MONTH = r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_NUM = r"(?P<num>\d+(?:\s+1/2|\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|several|few|many|some|numerous|a few|a couple of|couple of)"
_UNIT = r"(?P<unit>year|month|week|day|decade|centur(?:y|ie)|quarter|hour|minute|second|weekend)s?"
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_REL = r"(?P<rel>last|this|next|past|coming|previous|current|the coming|the past|the last|the next|the previous|the current|earlier this|later this)"
_MOD = r"(?:(?P<mod>early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)?"
# an approximation or bound before an amount of time is part of the TIMEX3 extent (its "mod")
_APPROX = r"(?:(?P<approx>nearly|almost|about|around|roughly|approximately|at least|at most|less than|more than|no more than|up to)\s+)?"
_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
# fmt: off
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
# a year read out in words, as broadcast transcripts write it: "nineteen ninety-six", "two thousand"
_SPELLED_YEAR = (r"(?P<syear>(?:eighteen|nineteen)\s+(?:hundred|" + _TEENS + r"|" + _TENS + r"(?:[\s-]+" + _ONES + r")?|oh[\s-]+" + _ONES + r")" r"|two\s+thousand(?:\s+(?:and\s+)?(?:" + _ONES + r"|" + _TEENS + r"))?)" r"(?![\s-]+(?:years|months|days|people|miles|dollars))")
_ZONE = r"(?:\s+(?P<zone>(?-i:[A-Z]{1,3}T)))?"
_CLOCK = (r"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)|(?P<word>noon|midnight))" + _ZONE)
_NAMED_DAY = (r"(?:" + _WEEKDAY + r"|" + _MONTH + r"\s+" + _DAY + r"|(?P<dword>yesterday|today|tomorrow))")

# (rule name, regex, TIMEX3 type); all compiled case-insensitive with word boundaries
RULES: list[tuple[str, str, str]] = [
    ("iso_date", r"(?P<year>\d{4})-(?P<mnum>\d\d)-(?P<day>\d\d)", "DATE"),
    ("slash_date", r"(?P<mnum>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>\d{4}|\d\d)", "DATE"),
    ("month_day_year", _MOD + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, "DATE"),
    ("day_month_year", _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, "DATE"),
    ("month_day_rel_year", _MONTH + r"\s+" + _DAY + r",?\s+(?P<rel>last|this|next)\s+year", "DATE"),
    ("week_of", r"the\s+week\s+of\s+" + _MONTH + r"\s+" + _DAY + r"(?!\s*(?:,\s*)?\d)", "DATE"),
    ("rel_month_day", r"(?P<rel>last|this|next)\s+" + _MONTH + r"\s+" + _DAY + r"(?!\s*(?:,\s*)?\d)", "DATE"),
    # the second day of "May 4 and 5" (kept only right after a month-day: see time_spans)
    ("and_day", r"(?:(?<=\d\sand\s)|(?<=\d\sor\s))" + _DAY, "DATE"),
    ("month_day", _MONTH + r"\s+" + _DAY + r"(?!\s*(?:,\s*)?\d)", "DATE"),
    ("day_month", r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH, "DATE"),
    ("day_before", r"the\s+day\s+(?P<dir>before|after)\s+(?:(?P<rel>last|next)\s+)?" + _NAMED_DAY, "DATE"),
    ("clock_day", _CLOCK + r",?\s+(?:on\s+)?" + _NAMED_DAY, "TIME"),
    ("weekday_part", r"(?P<rel>last|this|next)?\s*" + _WEEKDAY + r"\s+" + _PART, "DATE"),
    ("month_year", _MOD + _MONTH + r",?\s+(?:of\s+)?" + _YEAR, "DATE"),
    ("weekday_date", _WEEKDAY + r",?\s+" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?(?!\s*(?:,\s*)?\d)", "DATE"),
    ("spelled_year", r"(?:" + _MONTH + r",?\s+|(?:the\s+)?" + _SEASON + r"\s+of\s+|(?:the\s+)?year\s+)?" + _SPELLED_YEAR, "DATE"),
    ("month_rel_year", _MONTH + r"\s+(?P<rel>last|this|next)\s+year", "DATE"),
    ("rel_month", r"(?P<rel>last|this|next|early|late|mid)[\s-]+" + _MONTH, "DATE"),
    ("month", _MOD + _MONTH, "DATE"),
    ("rel_weekday", r"(?P<rel>last|this|next|(?:this\s+)?coming)\s+" + _WEEKDAY, "DATE"),
    ("weekday", _WEEKDAY, "DATE"),
    ("time_ampm", r"(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)" + _ZONE, "TIME"),
    ("clock_part", r"(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?(?:\s+o'clock)?\s+in\s+the\s+" + _PART, "TIME"),
    ("time_24", r"(?P<hour>[01]?\d|2[0-3])(?P<minute>[0-5]\d)\s+(?P<zone>GMT|UTC|EDT|EST)", "TIME"),
    ("time_colon", r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?!\d)", "TIME"),
    ("noon", r"(?P<word>noon|midnight|midday)", "TIME"),
    ("deictic_part", r"(?P<word>this|yesterday|tomorrow|today|last|tonight)\s*" + r"(?P<part>morning|afternoon|evening|night)?", "DATE"),
    ("quarter", r"(?:the\s+)?(?:(?P<rel>latest|last|current|previous|recent|past|same|fiscal|this|next|year-earlier|year-ago|comparable)\s+)?" + _ORD + r"[\s-]+quarter", "DATE"),
    ("year_quarter", r"(?:the\s+)?" + _YEAR + r"[\s-]+(?:" + _ORD + r"[\s-]+)?(?:quarter|period)", "DATE"),
    ("quarter_year", r"(?:the\s+)?" + _ORD + r"[\s-]+quarter\s+of\s+" + _YEAR, "DATE"),
    ("rel_year_quarter", r"(?P<rel>this|last|next)\s+year's\s+" + _ORD + r"[\s-]+quarter", "DATE"),
    ("period", r"the\s+(?P<rel>latest|same)\s+period", "DATE"),
    # "today is the eighth day of the strike": the day it is said on (kept after a present "is" only)
    ("nth_day", r"the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+day(?=\s+of\s)", "DATE"),
    ("anaphoric_unit", r"(?P<rel>that|the following|the same|the previous|the next)\s+(?P<unit>year|month|quarter|day|morning)", "DATE"),
    ("bare_quarter", r"the\s+(?:(?P<rel>latest|last|current|previous|recent|past|year-earlier|year-ago)\s+)?quarter", "DATE"),
    ("half", r"(?:the\s+)?" + r"(?P<ord>first|second|last)[\s-]+half(?:\s+of\s+" + _YEAR + r")?", "DATE"),
    ("ago", _APPROX + _NUM + r"[\s-]+" + _UNIT + r"\s+(?P<dir>ago|earlier|from now|hence)", "DATE"),
    ("vague_rel_units", r"(?:the\s+)?(?P<rel>recent|coming|past|last|next)\s+(?P<unit>years|months|weeks|days|quarters|decades)", "DURATION"),
    ("rel_unit", _MOD + _REL + r"\s+(?:fiscal\s+)?" + _UNIT, "DATE"),
    ("rel_n_units", r"(?P<rel>the\s+(?:past|last|next|first|coming|previous|latest|final)|past|last|next|first|coming|previous)\s+" + _NUM + r"[\s-]+" + _UNIT, "DURATION"),
    ("season", _MOD + r"(?:(?P<rel>last|this\s+past|past|this|next|the|early|late)\s+)?" + _SEASON + r"(?:\s+(?:of\s+)?" + _YEAR + r")?", "DATE"),
    ("decade", _MOD + r"(?:the\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<decade>1[5-9]\d0|20[0-2]0|'\d0)'?s", "DATE"),
    ("decade_word", r"the\s+(?:(?P<mod2>early|late|mid)[\s-]+)?(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", "DATE"),
    ("century", r"(?:the\s+)?(?P<cent>\d{2})(?:st|nd|rd|th)\s+century", "DATE"),
    ("fiscal", r"fiscal(?:\s+year)?\s+" + _YEAR, "DATE"),
    ("year", _MOD + r"(?:(?:the\s+)?(?:year|summer|spring|fall|autumn|winter)\s+(?:of\s+)?)?" + _YEAR + r"(?![-\d])", "DATE"),
    ("set_month", r"(?:every|each)\s+" + _MONTH, "SET"),
    ("set_every", r"(?P<every>every|each|per|a)\s+(?P<num>other\s+)?" + r"(?P<unit>year|month|week|day|hour|quarter|weekday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|night|evening)", "SET"),
    ("set_word", r"(?P<word>daily|weekly|monthly|annually|yearly|hourly|quarterly|nightly)", "SET"),
    # "will one day be": someday, not a day's duration
    ("one_day_ref", r"(?:(?<=will\s)|(?<=would\s)|(?<=could\s)|(?<=might\s)|(?<=may\s))one\s+day", "DATE"),
    ("n_units", _APPROX + _NUM + r"(?:\s+more)?[\s-]+" + _UNIT + r"(?P<half>\s+and\s+a\s+half)?(?:[\s-]+(?P<long>long|old))?", "DURATION"),
    ("year_period", r"the\s+(?:fiscal\s+)?(?:year|twelve months|12 months)(?=\s+(?:ended|ending)\b)", "DURATION"),
    # "a day-long meeting", "decades-long feud": how long, one unit or an unspecified number of them
    ("unit_long", r"(?P<unit>year|month|week|day|decade|centur(?:y|ie)|hour)(?P<plural>s)?-long", "DURATION"),
    ("vague_units", r"(?P<unit>years|months|weeks|days|decades|hours|minutes)", "DURATION"),
    # "the day" is left out: it is nearly always relational ("the day before", "later in the day")
    ("the_unit", r"the\s+(?:full\s+|fiscal\s+)?(?P<unit>year|month|week|weekend|decade)", "DATE"),
    ("holiday", r"(?P<word>christmas(?:\s+(?:day|eve))?|new year's (?:day|eve)|independence day|halloween|valentine's day|thanksgiving(?:\s+day)?|election\s+day)", "DATE"),
    ("ref", r"(?P<word>right now|just now|at present|these days|the future|the past|nowadays|currently|presently|recently|lately|now|current|recent|future|soon|someday)", "DATE"),
    ("year_earlier", r"(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?P<word>year-earlier|year-ago)(?:[\s-]+(?:" + _ORD + r"[\s-]+)?(?P<unit>quarter|period))?", "DATE"),
]
# fmt: on

# spaCy DATE/TIME entities whose text starts with one of these are not time expressions
SPACY_SKIP_PREFIXES = ("the age of", "age")
# ... and a decade after a possessive is an age ("in her 40s"), not a time
SPACY_AGE_BEFORE = r"\b(?:his|her|their|my|your|our|its)\s+$"
# words trimmed from the edges of spaCy spans (TimeBank spans exclude them)
SPACY_TRIM = (
    "about",
    "around",
    "nearly",
    "almost",
    "only",
    "just",
    "some",
    "over",
    "more than",
    "less than",
    "at least",
    "up to",
    "by",
    "on",
    "in",
    "since",
    "until",
    "from",
    "as of",
    "during",
)
