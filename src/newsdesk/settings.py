"""Run options -> one frozen ``Settings``: every tunable of a digest, declared once (name, default, help, check).

Each field's metadata is its declaration: ``help`` (one line for the CLI, the docs and error
messages) and the bounds ``validate`` checks.  The CLI builds its options from ``OPTIONS``; the
Python API takes the same names::

    from newsdesk import digest
    from newsdesk.settings import Settings
    digest(["examples/"], settings=Settings(words=120, workers=2))

Tuned constants of a single rule stay beside the rule (each with one line naming what it was
tuned on); what a user may want to change per run is here.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, dataclass, field, fields, replace
from typing import Any

from newsdesk.errors import SettingError
from newsdesk.limits import DEFAULT as DEFAULT_LIMITS
from newsdesk.limits import Limits

BACKENDS = ("processes", "dask")


def _option(default: Any, help: str, *, low: float | None = None, choices: tuple[str, ...] = ()) -> Any:
    return field(default=default, metadata={"help": help, "low": low, "choices": choices})


@dataclass(frozen=True)
class Settings:
    """Everything a digest can be told; the defaults are the tested behaviour."""

    words: int = _option(200, "Word budget of each story's brief.", low=20)
    workers: int = _option(
        1, "Parallel workers for reading, extraction, parsing, embedding and per-story analysis.", low=1
    )
    backend: str = _option("processes", "Where the workers run: processes or dask.", choices=BACKENDS)
    max_analysed: int = _option(
        40, "Articles of one story analysed in full; a larger story is analysed on a sample.", low=2
    )
    language: str = _option("en", "Language of the analysis; articles in others stay out of stories.")
    limits: Limits = _option(DEFAULT_LIMITS, "Bounds on the work one input may cause (newsdesk.limits).")

    def __post_init__(self) -> None:
        validate(self)

    def with_options(self, **changes: Any) -> Settings:
        """A copy with some options changed (``None`` keeps the current value)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


OPTIONS: tuple[Field[Any], ...] = tuple(fields(Settings))


def validate(settings: Settings) -> None:
    """Raise ``SettingError`` (a ``ValueError``) naming the option, the value and what is allowed."""
    for f in OPTIONS:
        value = getattr(settings, f.name)
        expected = type(f.default) if f.default is not MISSING else object
        if isinstance(value, bool) or not isinstance(value, expected):
            raise SettingError(f"{f.name} must be {expected.__name__}, not {value!r}")
        low, choices = f.metadata.get("low"), f.metadata.get("choices")
        if low is not None and value < low:
            raise SettingError(f"{f.name} must be at least {low}, not {value!r} ({f.metadata['help']})")
        if choices and value not in choices:
            raise SettingError(f"{f.name} must be one of {', '.join(choices)}, not {value!r}")


def option_help(name: str) -> str:
    """The one-line help of an option (for the CLI and the docs)."""
    return str(next(f for f in OPTIONS if f.name == name).metadata["help"])


def option_default(name: str) -> Any:
    return next(f for f in OPTIONS if f.name == name).default


def options_markdown() -> str:
    """The options as a Markdown table (``docs/settings.md`` is this; a test keeps them equal)."""
    rows = ["| option | default | allowed | meaning |", "|---|---|---|---|"]
    for f in OPTIONS:
        low, choices = f.metadata.get("low"), f.metadata.get("choices")
        allowed = " or ".join(choices) if choices else f"at least {low}" if low is not None else "any"
        rows.append(f"| `{f.name}` | `{f.default}` | {allowed} | {f.metadata['help']} |")
    return "\n".join(rows) + "\n"


DEFAULT = Settings()
