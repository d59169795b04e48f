"""A tunable's declaration (default, bounds, what it was tuned on) -> checked frozen groups of tunables.

A group is a frozen dataclass of ``Group`` whose fields are made by ``tunable``; creating one
checks every value (type and bounds), so a bad value fails where it is given, with one line
naming the tunable, the value and what is allowed.
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields, replace
from typing import Any, ClassVar, TypeVar

from newsdesk.errors import SettingError

G = TypeVar("G", bound="Group")


def tunable(default: float, tuned_on: str, *, low: float | None = None, high: float | None = None) -> Any:
    """A tuned value: its default, inclusive bounds and one line saying what it was tuned on."""
    if not tuned_on:
        raise ValueError("every tunable says what it was tuned on")
    return field(default=default, metadata={"tuned_on": tuned_on, "low": low, "high": high})


@dataclass(frozen=True)
class Group:
    """A frozen group of tunables of one stage; ``name`` is its place in ``Tuning``; ``order``
    lists pairs (a, b) of its tunables that must keep a <= b (a bound and the one above it)."""

    name: ClassVar[str]
    order: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __post_init__(self) -> None:
        for f in tunables(self):
            check(self, f, getattr(self, f.name))
        for a, b in self.order:
            if getattr(self, a) > getattr(self, b):
                raise SettingError(
                    f"tuning {label(self, a)} ({getattr(self, a)}) must not exceed {label(self, b)} ({getattr(self, b)})"
                )

    def with_values(self: G, **values: Any) -> G:
        """A copy with some tunables changed (checked)."""
        return replace(self, **values)


def tunables(group: Group | type[Group]) -> tuple[Field[Any], ...]:
    return tuple(f for f in fields(group) if "tuned_on" in f.metadata)


def label(group: Group | type[Group], name: str) -> str:
    return f"{getattr(group, 'name', type(group).__name__)}.{name}"


def check(group: Group, f: Field[Any], value: Any) -> None:
    """Raise ``SettingError`` naming the tunable, the value and what is allowed."""
    expected = type(f.default)
    if isinstance(value, bool) or not isinstance(value, (int, float) if expected is float else expected):
        raise SettingError(f"tuning {label(group, f.name)} must be {_kind(expected)}, not {value!r}")
    low, high = f.metadata["low"], f.metadata["high"]
    if value != value or (low is not None and value < low) or (high is not None and value > high):
        raise SettingError(
            f"tuning {label(group, f.name)} must be {bounds(f)}, not {value!r} (tuned on {f.metadata['tuned_on']})"
        )


def bounds(f: Field[Any]) -> str:
    """The allowed values of a tunable, in words."""
    low, high = f.metadata["low"], f.metadata["high"]
    if low is not None and high is not None:
        return f"from {low} to {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else "any number"


def parse_value(group: Group, name: str, text: str) -> Any:
    """A tunable's value from its text (``--tune claims.min_words=5``), as the tunable's type."""
    f = next((f for f in tunables(group) if f.name == name), None)
    if f is None:
        known = ", ".join(f.name for f in tunables(group))
        raise SettingError(f"no tunable {label(group, name)}; {type(group).name} has {known}")
    try:
        return int(text) if type(f.default) is int else float(text)
    except ValueError:
        raise SettingError(f"tuning {label(group, name)} must be {_kind(type(f.default))}, not {text!r}") from None


def _kind(t: type) -> str:
    return "a whole number" if t is int else "a number" if t is float else t.__name__
