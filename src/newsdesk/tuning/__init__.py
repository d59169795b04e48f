"""Tuned thresholds of every stage -> one frozen ``Tuning`` of per-stage groups, overridable by name.

``Settings.tuning`` (newsdesk.settings) holds one ``Tuning``; every stage reads its group from the
settings it receives (``StoryContext.tuning`` for the per-story analysers, an argument for dedup
and clustering).  Each value is declared once (``tuning.reading``, ``tuning.analysis``) with its
default, bounds and one line saying what it was tuned on; ``docs/settings.md`` lists them all.
A user changes one by its dotted name::

    newsdesk digest examples/ --tune brief.max_overlap=0.6 --tune cluster.threshold=0.2
    DEFAULT_TUNING.with_overrides({"claims.paraphrase_cosine": 0.85})

Language facts (word lists, patterns: ``vocab``, ``chrome``) and fitted model coefficients
(``brief_model``, ``extraction.html_vote_model``) are not tunables.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from newsdesk.errors import SettingError
from newsdesk.tuning.analysis import (
    AlignTuning,
    BriefTuning,
    CitationsTuning,
    ClaimsTuning,
    ConflictsTuning,
    EvidenceTuning,
    QuotesTuning,
    SpeechTuning,
    TimelineTuning,
    TimesTuning,
    UnitsTuning,
)
from newsdesk.tuning.declare import Group, bounds, parse_value, tunables
from newsdesk.tuning.reading import ClusterTuning, DedupTuning, DumpTuning, ExtractTuning, NonArticleTuning


@dataclass(frozen=True)
class Tuning:
    """Every tuned value of a run, one frozen group per stage, in the order the stages run."""

    extract: ExtractTuning = ExtractTuning()
    dump: DumpTuning = DumpTuning()
    nonarticle: NonArticleTuning = NonArticleTuning()
    dedup: DedupTuning = DedupTuning()
    cluster: ClusterTuning = ClusterTuning()
    align: AlignTuning = AlignTuning()
    speech: SpeechTuning = SpeechTuning()
    times: TimesTuning = TimesTuning()
    units: UnitsTuning = UnitsTuning()
    evidence: EvidenceTuning = EvidenceTuning()
    claims: ClaimsTuning = ClaimsTuning()
    conflicts: ConflictsTuning = ConflictsTuning()
    quotes: QuotesTuning = QuotesTuning()
    timeline: TimelineTuning = TimelineTuning()
    citations: CitationsTuning = CitationsTuning()
    brief: BriefTuning = BriefTuning()

    def groups(self) -> Iterator[Group]:
        for f in fields(self):
            yield getattr(self, f.name)

    def with_overrides(self, values: Mapping[str, Any]) -> Tuning:
        """A copy with tunables changed by dotted name (``"cluster.threshold"``); a value may be
        given as text (from the command line).  An unknown name or a bad value raises
        ``SettingError`` with one line naming it and what is allowed."""
        changed: dict[str, dict[str, Any]] = {}
        for dotted, value in values.items():
            group_name, _, name = dotted.partition(".")
            group = self._group(group_name, dotted)
            if isinstance(value, str):
                value = parse_value(group, name, value)
            else:
                parse_value(group, name, "0")  # the name exists
            changed.setdefault(group_name, {})[name] = value
        return replace(self, **{g: getattr(self, g).with_values(**v) for g, v in changed.items()})

    def _group(self, group_name: str, dotted: str) -> Group:
        if group_name not in {f.name for f in fields(self)}:
            known = ", ".join(f.name for f in fields(self))
            raise SettingError(f"no tunable {dotted!r}; a tunable is GROUP.NAME with GROUP one of {known}")
        group: Group = getattr(self, group_name)
        return group


DEFAULT_TUNING = Tuning()


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """``["cluster.threshold=0.2", ...]`` (``--tune``) -> {dotted name: text}."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise SettingError(f"--tune takes GROUP.NAME=VALUE (e.g. cluster.threshold=0.2), not {pair!r}")
        out[name.strip()] = value.strip()
    return out


def from_table(table: Mapping[str, Any]) -> dict[str, Any]:
    """A TOML ``[tuning]`` table (``{"cluster": {"threshold": 0.2}}``) -> {dotted name: value}."""
    out = {}
    for group, values in table.items():
        if not isinstance(values, Mapping):
            raise SettingError(f"[tuning.{group}] must be a table of NAME = VALUE, not {values!r}")
        out.update({f"{group}.{name}": v for name, v in values.items()})
    return out


def tuning_markdown(tuning: Tuning = DEFAULT_TUNING) -> str:
    """Every tunable as Markdown, one table per group (part of ``docs/settings.md``)."""
    out = []
    for group in tuning.groups():
        summary = " ".join((type(group).__doc__ or "").strip().split("\n\n")[0].split())
        out += [f"### `{group.name}`: {summary}", ""]
        out += ["| tunable | default | allowed | tuned on |", "|---|---|---|---|"]
        for f in tunables(group):
            out.append(f"| `{group.name}.{f.name}` | `{f.default}` | {bounds(f)} | {f.metadata['tuned_on']} |")
        if group.order:
            out += ["", "Must hold: " + ", ".join(f"`{a}` <= `{b}`" for a, b in group.order) + "."]
        out.append("")
    return "\n".join(out)


def count() -> int:
    """How many tunables there are."""
    return sum(len(tunables(g)) for g in DEFAULT_TUNING.groups())


__all__ = ["DEFAULT_TUNING", "Tuning", "count", "from_table", "parse_overrides", "tuning_markdown"]
