"""Forum pages: browse, ask, read, answer, accept, vote and follow.

Views parse input, call the services (which check permissions) and render. Expected user
errors from the services become form errors (status 400) or a flash message on the page the
action came from; NotFound and Forbidden reach the error pages.

`routes` makes the `forums` blueprint and lists every forum URL with the function that answers
it; the functions live by page family: `browse` (home, lists, a category), `asking` (the ask
page and its helpers), `topic` (a topic's page), `posts` (a post's address, live catch-up,
revisions, replying, editing) and `buttons` (accept, official, vote, follow). `lookups` finds
what the viewer may see and `structured_data` describes a question for search engines.
"""
