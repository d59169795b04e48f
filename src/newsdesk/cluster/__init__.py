"""Articles -> stories: batch ``cluster`` / ``cluster_articles`` and the online ``StoryClusterer``."""

from newsdesk.cluster.batch import cluster, cluster_articles, first_appearance
from newsdesk.cluster.stories import ClusterSettings, StoryClusterer

__all__ = ["ClusterSettings", "StoryClusterer", "cluster", "cluster_articles", "first_appearance"]
