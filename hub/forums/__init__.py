"""Forums: categories, topics and posts, questions with accepted and official answers, votes,
follows, tags, and the live topic page."""
