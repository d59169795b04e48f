"""Articles -> stories: batch ``cluster`` / ``cluster_articles`` and the online ``StoryClusterer``.

The names load on first use, so that ``import newsdesk`` stays fast (the features need scikit-learn).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.cluster.batch import cluster, cluster_articles, first_appearance
    from newsdesk.cluster.stories import ClusterSettings, StoryClusterer

_HOME = {
    "cluster": "batch",
    "cluster_articles": "batch",
    "first_appearance": "batch",
    "ClusterSettings": "stories",
    "StoryClusterer": "stories",
}
__all__ = ["ClusterSettings", "StoryClusterer", "cluster", "cluster_articles", "first_appearance"]


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
