"""Chrome lexicon -> one owner: the phrases and words of site chrome (teasers, sharing, sign-up, cookies, credits).

Text dumps (``extraction.chrome_rules`` / ``lines``) read it line by line, HTML repair
(``extraction.html_rules``) block by block, the brief sentence by sentence, and the
non-article detector (``nonarticle``) as a share of words.  Generic wording only: no site,
person or phrase of any particular page is named.
"""

from __future__ import annotations

import re

# --- lines of a text dump ---------------------------------------------------------------------

# A whole line announcing a list of other stories or site sections (ends the article).
NAV_HEADER = re.compile(
    r"^(?:hot this week|recent posts?|related(?: articles| posts| stories| news| content| coverage| topics)?"
    r"|topics|trending(?: now| stories| news)?|most (?:popular|read|viewed|shared)|popular(?: now| posts| stories)?"
    r"|latest(?: news| posts| stories| articles)?|more (?:news|stories|from [\w .]{1,30}|on this|in \w+)"
    r"|you (?:may|might) (?:also )?(?:like|enjoy)|recommended(?: for you| stories)?|editor'?s? picks?"
    r"|top stories|don'?t miss|up next|read next|what to read next|also on \w+|further reading|in other news"
    r"|post navigation|related videos?|more videos|watch next|sponsored (?:content|stories|links)|from the web"
    r"|weitere artikel|mehr zum thema|das könnte sie auch interessieren|à lire aussi|lire aussi|leia também"
    r"|te puede interesar|más noticias|ultime notizie|news|categories|archives|follow us|share this)\s*:?$",
    re.I,
)
# A line pointing to another story: the marker opens the line ("ALSO READ: ...").
TEASER_OPEN = re.compile(
    r"^(?:also read|read also|read more|see also|related|more|recommended|watch|must read|don'?t miss|also see"
    r"|read next|click here|lesen sie auch|auch interessant|lire aussi|à lire|leia também|lee también"
    r"|leggi anche|ver también)\s*[:|>»\-–—]",
    re.I,
)
# A teaser blurb ends with a call to read on, or is cut short with an ellipsis.
TEASER_END = re.compile(r"(?:\bread (?:more|full story|on)|\bcontinue reading|\bweiterlesen|\blire la suite"
                        r"|\bleia mais|\bleer más|\bmore)\s*(?:»|›|>+|→)?\s*$|(?:…|\.\.\.)\s*[\"”’']?$", re.I)
TAGS = re.compile(r"^(?:tags?|tagged(?: with)?|categor(?:y|ies)|topics?|filed under|keywords?|schlagwörter"
                  r"|themen|mots-clés|etiquetas)\s*:", re.I)
SHARE = re.compile(
    r"^(?:share(?: this| on| via| article| story)?|tweet|pin(?: it)?|email|e-mail|print|whatsapp|facebook|twitter"
    r"|linkedin|reddit|telegram|copy link|comments?|\d+ comments?|teilen|partager|compartir|condividi"
    r"|(?:share|follow)\b.{0,60}(?:facebook|twitter|whatsapp|linkedin|instagram|telegram))\W*$",
    re.I,
)
# A line of site furniture: cookies, terms, sign-up, imprint, app offers.
LINE_BOILERPLATE = re.compile(
    r"cookie|privacy policy|terms (?:of (?:use|service)|and conditions|& conditions)|all rights reserved"
    r"|^(?:copyright|©)|subscribe\b|newsletter|sign (?:up|in)\b|log ?in\b|javascript|advertisement|^advert\b"
    r"|^sponsored\b|^go to (?:source|original)|^source link|^skip to|^(?:back to )?top$|impressum|datenschutz"
    r"|transparenz|redaktion|kontakt|mentions légales|aviso legal|note légale|disclaimer|affiliate"
    r"|(?:download|get) (?:the|our) app|^loading\b|^advertising\b|^ad$",
    re.I,
)

# --- blocks of an HTML page ------------------------------------------------------------------

# A whole short block that is page chrome, not article text (any language seen in the news).
BLOCK_BOILERPLATE = re.compile(
    r"^(?:"
    r"(?:sign up|subscribe)\b.{0,160}(?:newsletter|inbox|e-?mail|channel|today|here)"
    r"|.{0,60}\bnewsletters?\b.{0,60}$"
    r"|follow (?:us|@?\w+)\b.{0,80}(?:on|at) (?:twitter|facebook|instagram|linkedin|youtube).{0,80}"
    r"|follow \S+ on (?:twitter|facebook|instagram).{0,80}"
    r"|(?:copyright|©|\(c\))\s*(?:©\s*)?\d{4}.{0,120}"
    r"|.{0,80}all rights reserved\.?"
    r"|(?:share|like) this (?:story|article|post)\b.{0,40}"
    r"|share (?:this )?on (?:whatsapp|facebook|twitter)"
    r"|click here\b.{0,60}(?:subscribe|newsletter|sign up|more information)"
    r"|(?:read|see) (?:more|also|next)\s*:.{0,160}"
    r"|(?:related|more|also)\s*(?:post|story|stories|articles?|coverage|reading)?\s*:.{0,160}"
    r"|(?:you may|you might) also like.{0,40}"
    r"|(?:don'?t miss|popular on|most read|trending|recommended)\b.{0,60}"
    r"|(?:leia|lea|leggi) (?:também|tambien|también|anche)\b.{0,160}"
    r"|\(leggi anche.{0,200}"
    r"|comments?|\d+ comments?|tags?:?|advert(?:isement)?|sponsored|explore further"
    r"|this slideshow requires javascript\.?"
    r"|(?:tempo de leitura|reading time|min(?:ute)? read)\b.{0,30}"
    r"|text size|print article|order reprints.{0,40}"
    r"|(?:an )?error has occurred.{0,40}|thank you|thanks for signing up!?"
    r"|if you (?:enjoyed|liked) this article.{0,300}"
    r"|filed under:.{0,120}"
    r"|our standards:.{0,80}"
    r"|get the .{0,40}app"
    r"|atenção: comentários.{0,200}"
    r"|if you buy something through .{0,120}"
    r")$",
    re.I | re.S,
)

# A short block announcing that what follows is a list of other stories.
TEASER_MARKER = re.compile(
    r"^(?:you may (?:also )?like|you might (?:also )?like|related(?: (?:posts|stories|articles|coverage))?"
    r"|more (?:from|on|stories|news)\b.{0,40}|recommended(?: for you)?|popular on .{0,30}|most (?:read|popular)"
    r"|trending(?: now)?|read (?:more|next)|don'?t miss|see also|latest news|more:|also read)\s*[.:…]*$",
    re.I,
)

# --- sentences of an article -----------------------------------------------------------------

# Words that mark a sentence as page chrome (links, credits, sharing, log-in), not news.
SENTENCE_CHROME = re.compile(
    r"read more|click here|sign up|subscribe|newsletter|all rights reserved|copyright|\(c\)|©|"
    r"follow (us|him|her|me)|on twitter|on facebook|share this|advertisement|getty images|"
    r"photo:|image:|video:|caption|http|www\.|\.com\b|@\w|continue reading|related:|"
    r"this (story|article) (has been|was) (updated|corrected)|contributed to this report|"
    r"enable javascript|cookies|log ?in|sign in|comments?\b.*\b(policy|below)|scroll down",
    re.I,
)

# --- whole texts: vocabulary shares ------------------------------------------------------------

# Generic vocabulary of web chrome, crawler and widget notices (data, not phrases).
WEB_BOILERPLATE = frozenset(
    """
    tweet tweets twitter retweet facebook instagram youtube soundcloud social widget widgets
    cookie cookies javascript browser browsers enable enabled disable disabled plugin flash
    archive archives archived archiving crawl crawls crawled crawler crawling wayback seed seeds
    url urls web website websites webpage webpages page pages domain domains host hosts link links
    video videos playlist rating rented loaded loading player transcript interactive
    subscribe subscription subscribers newsletter newsletters unsubscribe inbox email emails
    login log sign signup account accounts password username profile settings privacy policy terms
    click tap download app apps install update updates feature features available unavailable
    location locations third-party applications application api embed embeds share sharing
    comment comments post posts posted follow followers like likes mailing mobile device devices
    internet online site sites collection collections data captures capture
    """.split()
)
# A notice, offer or form speaks to the reader: second person and commands, not reports.
READER_WORDS = frozenset("you your you're yours yourself yourselves".split())
COMMANDS = frozenset(
    """
    click tap sign subscribe join fill enter check download follow share shop visit call email contact
    please learn find watch read get see register login log help sponsor support donate buy order
    """.split()
)
