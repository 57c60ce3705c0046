"""'3 hours ago' reads exactly as Babel words it, in every language, for every distance, though
each phrase is made once per process."""

from datetime import timedelta

import pytest
from flask_babel import force_locale, format_timedelta

from hub.core import columns, i18n
from hub.core.columns import utcnow

# Around every unit's edges (the rounding and the switch to the next unit), both directions.
SECONDS = sorted(
    {
        sign * (base * per + shift)
        for sign in (-1, 1)
        for per in (1, 60, 3600, 86400, 604800, 2592000, 31536000)
        for base in (0, 1, 1.4, 1.5, 1.6, 2, 6.5, 23.5, 29.5, 29.6, 59.5, 364.5)
        for shift in (-0.5, 0, 0.5)
    }
)


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_distance_reads_as_babel_words_it(app, monkeypatch, language):
    now = utcnow()
    monkeypatch.setattr(columns, "utcnow", lambda: now)
    with app.test_request_context("/"), force_locale(language):
        for seconds in SECONDS:
            delta = timedelta(seconds=seconds)
            expected = format_timedelta(delta, add_direction=True, threshold=1.0)
            assert i18n.timeago(now + delta) == expected, seconds
            assert i18n.timeago(now + delta) == expected, seconds  # and from the phrase cache
