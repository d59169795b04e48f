"""An article's text, parse and tuning -> its quotes and time expressions, found once per process.

A library re-analyses a story whole each time it grows, and each analysis used to find the quotes
and times of every member again: the same pure work, repeated as often as the story grew.  Kept
here, bounded (least recently used dropped), for the life of the process; a value is a function of
its key alone, so keeping it never changes a result.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsdesk.models import Quote, TimeExpression
    from newsdesk.tuning import SpeechTuning, TimesTuning

ITEMS = 8192  # articles' values kept (a few kB each)
T = TypeVar("T")
_kept: OrderedDict[Hashable, object] = OrderedDict()


def _remembered(key: Hashable, compute: Callable[[], T]) -> T:
    if key in _kept:
        _kept.move_to_end(key)
        return _kept[key]  # type: ignore[return-value]
    value = compute()
    _kept[key] = value
    if len(_kept) > ITEMS:
        _kept.popitem(last=False)
    return value


def _parse_key(doc: Doc | None) -> Hashable:
    """What a parse adds to the text: the pipeline's vocabulary (held by the key, so that its id
    is never reused while the value is kept) and which annotations it carries."""
    if doc is None:
        return None
    return (doc.vocab, id(doc.vocab), *(doc.has_annotation(a) for a in ("TAG", "POS", "DEP", "ENT_IOB", "SENT_START")))


def article_quotes(text: str, doc: Doc | None, tuning: SpeechTuning) -> tuple[Quote, ...]:
    """``nlp.find_quotes`` of an article, computed once per text, parse and tuning."""
    from newsdesk.nlp.quotes import find_quotes

    return _remembered(("quotes", text, _parse_key(doc), tuning),
                       lambda: tuple(find_quotes(text, doc=doc, tuning=tuning)))


def article_times(text: str, reference: str | None, doc: Doc | None, tuning: TimesTuning) -> tuple[TimeExpression, ...]:
    """``nlp.find_times`` of an article against ``reference``, computed once per text, reference,
    parse and tuning (without a reference the values depend on today: never kept)."""
    from newsdesk.nlp.times import find_times

    if reference is None:
        return tuple(find_times(text, reference, doc=doc, tuning=tuning))
    return _remembered(("times", text, reference, _parse_key(doc), tuning),
                       lambda: tuple(find_times(text, reference, doc=doc, tuning=tuning)))
