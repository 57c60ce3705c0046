"""The forum benchmark (`make bench`, i.e. `python -m benchmarks`), from issue 3.

Seeds 100,000 posts in 2,000 topics into a fresh SQLite instance, serves the hub and a bare
Flask reference page under gunicorn (2 sync workers), and reports requests/s and p50/p99
latency for the home page, a category page, the first and last page of a long topic, plus the
time to post a reply. Modules: `shape` and `corpus` (what the forum looks like), `seed`
(bulk inserts), `bare_app` (the reference page), `servers` (gunicorn), `load` (the load
generator), `reply` (posting), `report` (table and JSON), `__main__` (the run).
"""
