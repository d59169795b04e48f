"""Language id: py3langid's answers, from the run-to-run cache or from its model unpacked once."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsdesk.extraction.language as language

TEXTS = [
    "The council voted on Monday to close the old bridge for repairs.",
    "Der Stadtrat hat am Montag beschlossen, die alte Brücke zu schließen.",
    "Le conseil municipal a voté lundi la fermeture du vieux pont pour travaux.",
    "El ayuntamiento votó el lunes cerrar el puente viejo por obras.",
]


def test_the_unpacked_model_answers_as_py3langid_does(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import py3langid
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "cache.db"))
    language.identifier.cache_clear()
    made = language.identifier()  # unpacks into the cache folder
    assert (tmp_path / f"py3langid-{py3langid.__version__}" / "ptc.npy").exists()
    language.identifier.cache_clear()
    read = language.identifier()  # reads the unpacked copy
    own = LanguageIdentifier.from_model_file(MODEL_FILE)
    for text in TEXTS:
        assert made.classify(text) == read.classify(text) == own.classify(text)
    language.identifier.cache_clear()


def test_a_known_text_needs_no_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "cache.db"))
    first = [language.detect_language(t) for t in TEXTS]
    assert first == ["en", "de", "fr", "es"]
    monkeypatch.setattr(language, "identifier", lambda: pytest.fail("model asked for a known text"))
    assert [language.detect_language(t) for t in TEXTS] == first


def test_with_the_cache_off_nothing_is_unpacked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSDESK_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    language.identifier.cache_clear()
    assert language.detect_language(TEXTS[1]) == "de" and list(tmp_path.iterdir()) == []
    language.identifier.cache_clear()


def test_a_model_that_cannot_be_unpacked_is_loaded_by_py3langid(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "cache.db"))
    monkeypatch.setattr(language.np, "save", full_disk)
    language.identifier.cache_clear()
    assert language.identifier().classify(TEXTS[1])[0] == "de"
    assert caplog.text.count("cannot unpack") == 1 and "unusable" not in caplog.text
    assert not list(tmp_path.glob(".unpacking-*")) and not list(tmp_path.glob("py3langid-*"))
    language.identifier.cache_clear()
