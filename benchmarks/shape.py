"""The shape of the seeded forum: how many posts each topic gets, and when they were written.

Pure functions of a seeded `random.Random`, so every run builds the same forum. Realism where it
matters for speed: a few very long topics next to many short ones, and each topic's posts spread
over days to months and interleaved with every other topic's. Post ids follow time, so a long
topic's rows lie scattered through the posts table, as in a forum that grew over years, and
reading one page of it cannot rely on the rows being next to each other.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Shape:
    users: int = 300
    experts: int = 8
    categories: int = 8
    topics: int = 2_000
    posts: int = 100_000  # opening posts included
    long_topics: int = 20
    long_min: int = 500
    long_max: int = 1_500
    short_max: int = 400  # the other topics stay below this
    days: int = 730  # the forum's age


def topic_sizes(rng: random.Random, shape: Shape) -> list[tuple[int, bool]]:
    """Posts per topic (opening post included) and whether it is one of the long topics.

    Long topics get `long_min`–`long_max` posts; the rest share the remaining posts in a
    skewed (log-normal) way: most get a handful, a few get a few hundred.
    """
    long_sizes = [rng.randint(shape.long_min, shape.long_max) for _ in range(shape.long_topics)]
    short_count = shape.topics - shape.long_topics
    remaining = shape.posts - sum(long_sizes)
    weights = [rng.lognormvariate(0.0, 1.1) for _ in range(short_count)]
    spare = remaining - short_count  # every topic has its opening post
    total_weight = sum(weights)
    short = [min(shape.short_max, 1 + int(w / total_weight * spare)) for w in weights]
    missing = remaining - sum(short)
    while missing > 0:  # rounding and the cap leave a few posts over: hand them out
        i = rng.randrange(short_count)
        if short[i] < shape.short_max:
            short[i] += 1
            missing -= 1
    sizes = [(n, True) for n in long_sizes] + [(n, False) for n in short]
    rng.shuffle(sizes)
    return sizes


def topic_starts(rng: random.Random, shape: Shape, end: datetime) -> list[datetime]:
    """When each topic was opened, oldest first, spread evenly over the forum's life."""
    span = shape.days * 86_400
    return sorted(
        end - timedelta(seconds=span * (1 - rng.random() * 0.995)) for _ in range(shape.topics)
    )


def post_times(
    rng: random.Random, start: datetime, size: int, is_long: bool, end: datetime
) -> list[datetime]:
    """Opening post at `start`, replies after it, front-loaded and never after `end`.

    A long topic stays active for months; a short one for hours to weeks, longer the more
    replies it has.
    """
    days = rng.uniform(120, 600) if is_long else min(60.0, 0.05 + size * rng.uniform(0.05, 0.6))
    window = min(days * 86_400, (end - start).total_seconds() - 60)
    offsets = sorted(window * rng.random() ** 1.6 for _ in range(size - 1))
    return [start] + [start + timedelta(seconds=60 + s) for s in offsets]
