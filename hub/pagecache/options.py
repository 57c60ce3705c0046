"""What other packages tell the page cache: the execution option for bulk statements that no
cached page shows, and where an app keeps its page store."""

from flask import Flask

UNCHANGED = "pages_unchanged"  # execution option: a bulk UPDATE that no cached page shows


def store_of(app: Flask):
    """The app's page store, or None when the cache is off."""
    return app.extensions.get("pagecache")
