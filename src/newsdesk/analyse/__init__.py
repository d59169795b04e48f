"""Per-story analysis: claims, corroboration, conflicts, quotes, timeline, entities, coverage."""
