"""Word lists for quote attribution (quote marks, attribution verbs, pronouns) and mark counting."""

from __future__ import annotations

from newsdesk.vocab import CLOSING_QUOTES, OPENING_QUOTES

# opening / closing marks; a straight '"' opens when no quote is open and closes otherwise
# (tokenizer forms `` and '' too, as spaCy writes them)
OPEN_MARKS: tuple[str, ...] = ("``", *OPENING_QUOTES)
CLOSE_MARKS: tuple[str, ...] = ("''", *CLOSING_QUOTES)

# lemmas of verbs that attribute speech or writing to their subject
ATTRIBUTION_VERBS: frozenset[str] = frozenset(
    """
    say tell add state note warn write ask explain declare insist argue claim tweet announce
    continue reply respond recall acknowledge admit agree suggest predict promise vow urge
    complain joke quip observe remark comment conclude caution stress emphasize emphasise
    report confirm deny repeat recount testify quote post boast charge contend maintain assert
    concede pledge proclaim shout yell chant scream whisper muse wonder lament mock dismiss
    criticize criticise accuse praise blast slam demand question retort counter reiterate
    summarize summarise elaborate describe call put told added noted thunder scoff sigh laugh
    tout brag crow plead pray cry exclaim interject opine posit hint estimate estimated
    believe think feel fear hope acknowledged outline indicate reveal
    """.split()
)

# written forms of attribution verbs that adding -s, -ed or -d to the lemma does not give
IRREGULAR_FORMS: frozenset[str] = frozenset({"said", "told", "tells", "wrote", "written", "thought", "felt", "put", "says"})

# forms that come before their subject after a quotation ("..., said the mayor")
INVERTING_VERBS: frozenset[str] = frozenset({"said", "says", "added", "adds", "wrote", "asked", "explained", "continued"})

# pronouns that stand for a speaker named in an earlier sentence ("..., she said")
SPEAKING_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it"})

# words before a capitalised noun that make it a noun, not a name ("the German wrote")
DETERMINERS: frozenset[str] = frozenset({"the", "a", "an", "this", "that"})

# words that may stand between a speaker and the verb ("she also said", "he later told")
ATTRIBUTION_ADVERBS: frozenset[str] = frozenset({"also", "later", "then", "further", "once"})

# verbs that take the quote as a noun-like complement ("described it as ...", "called it ...")
FRAMING_VERBS: frozenset[str] = frozenset({"describe", "call", "label", "dub", "brand"})

# verbs whose object is the audience, not what was said ("X, he told reporters")
AUDIENCE_VERBS: frozenset[str] = frozenset({"tell", "assure", "inform", "remind", "warn"})

# tags of a finite verb: a reported clause needs one (or a subject of its own)
FINITE_TAGS: frozenset[str] = frozenset({"VBD", "VBZ", "VBP", "MD"})

# subject pronouns kept as the mention, resolved to a name for ``Quote.speaker``
PERSONAL_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
OTHER_PRONOUNS: frozenset[str] = frozenset({"i", "we", "they", "it", "you", "me", "us", "them"})

# dependency labels of a speaker's subject
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "csubj"})

# dependents cut off when a subject token is expanded to a mention
MENTION_CUT_DEPS: frozenset[str] = frozenset(
    {"relcl", "acl", "advcl", "punct", "cc", "conj", "appos", "ccomp", "parataxis", "mark"}
)

# marks that set off a description after a name ("Valmora – one of its partners – said")
ASIDE_MARKS: frozenset[str] = frozenset({"\u2013", "\u2014", "-", "--", ","})

# labels of named entities that can speak
SPEAKER_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE"})

# how far back (characters) a pronoun looks for the person it stands for
PRONOUN_WINDOW = 1500
