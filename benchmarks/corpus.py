"""Words for the seeded forum: people, categories, topic titles and a small pool of posts.

The post bodies are Markdown of the sizes and kinds a support forum sees (a one-liner, steps,
code, a quote, a table), so the pages carry realistic HTML. The pool is small on purpose: each
body is rendered once and shared by thousands of posts.
"""

import random

FIRST = [
    "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannes", "Ines", "Jonas",
    "Karin", "Lukas", "Mara", "Niko", "Olga", "Paul", "Quirin", "Rosa", "Sven", "Tilda",
]  # fmt: skip
LAST = [
    "Albers", "Brandt", "Conrad", "Dietz", "Engel", "Fuchs", "Graf", "Hahn", "Imhof", "Jansen",
    "Keller", "Lorenz", "Maier", "Neumann", "Ott", "Pohl", "Roth", "Seidel", "Thiel", "Vogt",
]  # fmt: skip

CATEGORIES = [  # (slug, name, description)
    ("internet", "Internet & DSL", "Routers, Wi-Fi, fibre and outages."),
    ("mobile", "Mobile", "Coverage, 5G, roaming, eSIM and data plans."),
    ("billing", "Billing", "Invoices, payments and direct debits."),
    ("tv", "TV & Streaming", "Set-top boxes, apps and recordings."),
    ("contracts", "Contracts & Moving", "Changing plans, cancelling and moving house."),
    ("devices", "Devices", "Phones, tablets and smart-home gadgets."),
    ("business", "Business customers", "Static IPs, SIP trunks and invoices for companies."),
    ("english", "English corner", "Questions in English."),
]

_THINGS = [
    "router", "Wi-Fi", "fibre line", "eSIM", "invoice", "direct debit", "set-top box",
    "TV app", "mesh repeater", "voicemail", "roaming", "data plan", "static IP", "modem",
]  # fmt: skip
_TROUBLES = [
    "keeps dropping", "is much slower than booked", "stopped working after the update",
    "shows the wrong amount", "cannot be activated", "reboots every night",
    "charged twice", "not recognised", "loses the connection when it rains",
    "asks for a PIN I never got",
]  # fmt: skip
_CONTEXT = [
    "since Monday", "after moving house", "on the new plan", "abroad", "with two phones",
    "in the evening", "since the outage", "after the technician visit", "on fibre 500", "",
]  # fmt: skip


def title(rng: random.Random) -> str:
    thing, trouble, context = rng.choice(_THINGS), rng.choice(_TROUBLES), rng.choice(_CONTEXT)
    text = f"My {thing} {trouble} {context}".strip()
    return text + ("?" if rng.random() < 0.5 else "")


BODIES = [
    "Same here, thanks for asking.",
    "Did you try turning it off for a full minute? That fixed it for me.",
    (
        "I had exactly this last month. What helped:\n\n"
        "1. Log in to the router at `http://192.168.0.1`\n"
        "2. Open **Internet → Access data**\n"
        "3. Re-enter the line ID from your contract letter\n"
        "4. Restart and wait five minutes\n\n"
        "After that the sync rate went back to normal."
    ),
    (
        "> It stopped working after the update\n\n"
        "Which firmware version do you have? The release notes mention a fix for "
        "exactly this: https://example.com/firmware/notes"
    ),
    (
        "Here is my log, maybe someone sees the problem:\n\n"
        "```\n"
        "12:01:07 DSL synchronisation lost\n"
        "12:01:41 DSL ready, 104 Mbit/s down, 38 Mbit/s up\n"
        "12:14:02 PPP authentication failed (timeout)\n"
        "12:14:33 Internet connection established\n"
        "```\n\n"
        "It happens every evening around the same time."
    ),
    (
        "Thanks for the details. I checked your line and there was a fault at the street "
        "cabinet, which our technicians fixed this morning. Please restart the router once; "
        "if the speed is still below *80 Mbit/s*, reply here and we will look again.\n\n"
        "Best regards from the service team"
    ),
    (
        "Comparing the two plans:\n\n"
        "| | Basic | Plus |\n"
        "|---|---|---|\n"
        "| Download | 100 Mbit/s | 250 Mbit/s |\n"
        "| Upload | 40 Mbit/s | 50 Mbit/s |\n"
        "| Price | 34.95 € | 44.95 € |\n\n"
        "For two people working from home I would take **Plus**."
    ),
    (
        "I don't think that is right. The invoice lists the period *in advance*, so the "
        "first bill covers a month and a half. It looks doubled but it isn't. "
        "Check the line *Billing period* on page 2 — the dates explain it."
    ),
    (
        "Short update: after swapping the cable between the wall socket and the router "
        "(the old one was from 2012) the drops are gone. ~~Firmware~~ was not the problem "
        "after all. Marking this for anyone who finds the thread later."
    ),
    (
        "Possible causes, from most to least likely:\n\n"
        "- interference from a neighbour's network on the same channel\n"
        "- the 2.4 GHz band being crowded — try 5 GHz\n"
        "- a power-saving setting on the phone\n"
        "- a faulty repeater\n\n"
        "You can see the channels with any Wi-Fi analyser app. Move to one nobody uses and "
        "watch it for a day before changing anything else."
    ),
    "+1, also waiting for an answer.",
    (
        "We have released a new firmware (7.57) that fixes the reconnect loop. It is "
        "rolling out automatically over the next days; you can also install it by hand "
        "under **System → Update**. Please tell us here if the problem stays after the "
        "update, with the time it happened, so we can look at the line logs."
    ),
]
