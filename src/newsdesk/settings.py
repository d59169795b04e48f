"""Run options -> one frozen ``Settings``: every tunable of a digest, declared once (name, default, help, check).

Each field's metadata is its declaration: ``help`` (one line for the CLI, the docs and error
messages) and the bounds ``validate`` checks.  The CLI builds its options from ``OPTIONS``; the
Python API takes the same names::

    from newsdesk import digest
    from newsdesk.settings import Settings
    digest(["examples/"], settings=Settings(words=120, workers=2))

``Settings.tuning`` holds every tuned threshold of the stages (``newsdesk.tuning``: one frozen
group per stage, each value with its bounds and what it was tuned on).  ``load_settings`` reads
run options and tunables from a TOML file (``--settings FILE``)::

    words = 120
    [tuning.cluster]
    threshold = 0.2
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsdesk.errors import SettingError
from newsdesk.limits import DEFAULT as DEFAULT_LIMITS
from newsdesk.limits import Limits
from newsdesk.tuning import DEFAULT_TUNING, Tuning, from_table, tuning_markdown

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
    tuning: Tuning = _option(DEFAULT_TUNING, "Tuned thresholds of every stage (newsdesk.tuning; see below).")

    def __post_init__(self) -> None:
        validate(self)

    def with_options(self, **changes: Any) -> Settings:
        """A copy with some options changed (``None`` keeps the current value)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def with_tuning(self, values: Mapping[str, Any]) -> Settings:
        """A copy with tunables changed by dotted name (``{"cluster.threshold": 0.2}``)."""
        return replace(self, tuning=self.tuning.with_overrides(values)) if values else self


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
        default = "see below" if f.name == "tuning" else f"`{f.default}`"
        rows.append(f"| `{f.name}` | {default} | {allowed} | {f.metadata['help']} |")
    return "\n".join(rows) + "\n"


def settings_markdown() -> str:
    """``docs/settings.md`` after its introduction: the options, then every tunable by group."""
    return options_markdown() + "\n## Tunables\n\n" + tuning_markdown()


def load_settings(path: str | Path, base: Settings | None = None) -> Settings:
    """Settings from a TOML file: run options at the top, tunables under ``[tuning.GROUP]``.
    An unknown option or tunable, or a bad value, raises ``SettingError`` naming the file."""
    try:
        table = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise SettingError(f"{path}: cannot read the settings file ({e})") from None
    tuning = table.pop("tuning", {})
    known = {f.name for f in OPTIONS} - {"limits", "tuning"}
    unknown = sorted(set(table) - known)
    try:
        if unknown:
            raise SettingError(f"no option {unknown[0]!r}; options are {', '.join(sorted(known))} and [tuning.GROUP]")
        if not isinstance(tuning, Mapping):
            raise SettingError("[tuning] must hold tables [tuning.GROUP]")
        return replace(base or DEFAULT, **table).with_tuning(from_table(tuning))
    except SettingError as e:
        raise SettingError(f"{path}: {e}") from None


DEFAULT = Settings()
