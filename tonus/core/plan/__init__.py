"""Plans drawn from the ranking: what to examine first, and how to treat."""
