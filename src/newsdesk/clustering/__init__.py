"""Articles -> stories: batch ``cluster`` / ``cluster_articles`` and the online ``StoryClusterer``."""

from newsdesk.clustering.batch import cluster, cluster_articles, first_appearance
from newsdesk.clustering.stories import ClusterSettings, StoryClusterer

__all__ = ["ClusterSettings", "StoryClusterer", "cluster", "cluster_articles", "first_appearance"]
