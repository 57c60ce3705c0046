"""/api/v1 for the forums, one module per family of endpoints, each with its own blueprint:
`topics` (categories, topics, following a topic), `posts` (replying, editing) and `answers`
(the accepted answer, official answers, votes). `schemas` holds the pydantic shapes the
endpoints validate and document, `serializers` builds them with the viewer, `cursors` pages
lists and `lookups` finds what the caller may see.
"""
