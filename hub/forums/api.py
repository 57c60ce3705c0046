"""/api/v1 categories, topics and posts."""
