"""Settings: one declaration per option drives defaults, validation and the CLI."""

from __future__ import annotations

import pytest

from newsdesk.errors import SettingError
from newsdesk.settings import DEFAULT, OPTIONS, Settings, option_help


def test_every_option_is_declared_with_help() -> None:
    assert {f.name for f in OPTIONS} >= {"words", "workers", "backend", "max_analysed"}
    assert all(option_help(f.name).endswith(".") for f in OPTIONS)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"words": 0}, "words must be at least 20"),
        ({"workers": 0}, "workers must be at least 1"),
        ({"backend": "threads"}, "backend must be one of processes, dask"),
        ({"words": "200"}, "words must be int"),
        ({"workers": True}, "workers must be int"),
    ],
)
def test_bad_values_name_the_option(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        Settings(**changes)  # type: ignore[arg-type]
    assert isinstance(caught.value, SettingError)


def test_with_options_keeps_what_is_not_given() -> None:
    s = DEFAULT.with_options(words=120, workers=None)
    assert (s.words, s.workers, s.backend) == (120, DEFAULT.workers, DEFAULT.backend)
    with pytest.raises(AttributeError):
        s.words = 10  # type: ignore[misc]


def test_docs_list_every_option_as_declared() -> None:
    from pathlib import Path

    from newsdesk.settings import settings_markdown

    docs = (Path(__file__).resolve().parents[1] / "docs" / "settings.md").read_text(encoding="utf-8")
    assert docs.endswith(settings_markdown()), "regenerate: python scripts/settings_doc.py"
