"""The forum benchmark (`make bench`, i.e. `python -m benchmarks`), from issue 3.

Seeds 100,000 posts in 2,000 topics into a fresh SQLite instance, serves the hub and a bare
Flask reference page under gunicorn (2 sync workers), and reports requests/s and p50/p99
latency, as a share of the bare page, for what a visitor reads (home, a category, the first and
last page of a long topic, the FAQ, the company wall) and what a logged-in member reads (home,
a category, a topic), plus the time to post a reply. Modules: `shape` and `corpus` (what the
forum looks like), `seed` (bulk inserts), `seed_pages` (FAQ and company wall through the
services), `bare_app` (the reference page), `servers` (gunicorn), `load` (the load generator),
`reply` (login and posting), `report` (table, goals and JSON), `__main__` (the run).

Beside it: `feed`, `search`, `chat` (Socket.IO fan-out: `chat_cases`, `chat_readers`) and the
spike drill `spike` (an outage with faults on the production shape: `spike_stack` the
processes, `spike_seed` the community, `spike_crowd` visitors and members, `spike_team` the
team and the final state, `spike_report` the verdict).
"""
