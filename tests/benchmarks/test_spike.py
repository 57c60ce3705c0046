"""The spike drill, shortened: the production shape (two gevent processes behind nginx,
PostgreSQL, Redis, a job worker, the fake spokes) through a known issue with every fault, and
the hub must hold: nothing accepted is lost, no 5xx outside the kill window, no chat message
lost, every cross-post exactly once."""

import pytest

from benchmarks import spike, spike_report, spike_stack
from tests import services

pytestmark = pytest.mark.drill

SMALL = ["--members", "12", "--readers", "20", "--visitors", "4", "--chatters", "3"]


def test_the_hub_holds_a_short_outage_spike():
    lacking = spike_stack.missing_parts()
    if lacking:
        services.missing("the spike drill needs " + ", ".join(lacking))

    result = spike.drill(spike.arguments([*SMALL, "--seconds", "45", "--drain", "150"]))

    assert result["passed"], spike_report.text(result)
