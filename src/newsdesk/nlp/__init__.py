"""Language stage: sentences, entities, quotes, time expressions, embeddings."""
