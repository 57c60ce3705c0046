"""The feed benchmark seeds and measures (a few requests, to keep it quick)."""

from benchmarks import feed as bench


def test_feed_bench_runs(app):
    bench.seed()
    result = bench.run(app, requests=3)
    assert result["requests"] == 3 and result["p50_ms"] > 0
    assert result["statements_per_request"] <= 12
