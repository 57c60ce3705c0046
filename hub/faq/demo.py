"""The demo community's FAQ (German and English), created through the FAQ service.

`hub.demo.load()` calls `load(people)` after the categories exist; entries go to the
categories of `hub.demo_data` and are maintained by its experts.
"""

from hub.faq import service as faq

# (category slug, maintainer username, question, answer in Markdown)
ENTRIES = [
    (
        "internet-dsl",
        "jana_nordlicht",
        "Wie starte ich meinen Router richtig neu?",
        "Ziehe den Stecker des Routers, warte **zehn Sekunden** und stecke ihn wieder ein. "
        "Nach etwa drei Minuten leuchtet die Online-LED dauerhaft grün.",
    ),
    (
        "internet-dsl",
        "kai_nordlicht",
        "Mein WLAN bricht abends immer wieder ab. Was kann ich tun?",
        "Abends funken viele Nachbarn auf denselben Kanälen. So hilfst du dir:\n\n"
        "1. Stelle im Router das 5-GHz-Band ein.\n"
        "2. Wähle einen automatischen Kanal.\n"
        "3. Stelle den Router frei auf, nicht in einen Schrank.",
    ),
    (
        "internet-dsl",
        "jana_nordlicht",
        "Wie finde ich heraus, ob es eine Störung in meiner Straße gibt?",
        "Im Kundenportal unter *Störungen* siehst du alle bekannten Störungen für deine "
        "Adresse. Dort kannst du dich auch per SMS informieren lassen, sobald sie behoben ist.",
    ),
    (
        "internet-dsl",
        "kai_nordlicht",
        "Bekomme ich eine öffentliche IPv4-Adresse?",
        "Neue Glasfaseranschlüsse laufen über Dual-Stack Lite. Eine öffentliche IPv4-Adresse "
        "schalten wir dir auf Wunsch kostenlos frei: ein Anruf bei der Hotline genügt.",
    ),
    (
        "mobilfunk",
        "jana_nordlicht",
        "Wie aktiviere ich meine eSIM?",
        "Scanne den QR-Code aus deiner Auftragsbestätigung in den Mobilfunk-Einstellungen "
        "deines Telefons. Die eSIM ist nach spätestens 15 Minuten aktiv.",
    ),
    (
        "mobilfunk",
        "kai_nordlicht",
        "Was kostet Roaming in der Schweiz?",
        "Die Schweiz gehört nicht zur EU: Daten kosten dort **1,99 € pro 100 MB**. Buche "
        "vorher die Reiseoption *Welt 1 GB* im Kundenportal, das ist deutlich günstiger.",
    ),
    (
        "mobilfunk",
        "jana_nordlicht",
        "Ich habe meine PUK vergessen. Wo finde ich sie?",
        "Die PUK steht auf der Karte, auf der deine SIM geliefert wurde, und im Kundenportal "
        "unter *Meine Verträge → SIM-Karte*.",
    ),
    (
        "rechnung",
        "kai_nordlicht",
        "Wann wird meine Rechnung abgebucht?",
        "Wir buchen die Rechnung per SEPA-Lastschrift am **3. Werktag** des Monats ab. "
        "Die Rechnung liegt zwei Tage vorher im Kundenportal.",
    ),
    (
        "rechnung",
        "jana_nordlicht",
        "Wie ändere ich meine Rechnungsadresse?",
        "Im Kundenportal unter *Persönliche Daten → Rechnungsadresse*. Die Änderung gilt ab "
        "der nächsten Rechnung.",
    ),
    (
        "rechnung",
        "kai_nordlicht",
        "Warum steht ein Drittanbieter auf meiner Rechnung?",
        "Drittanbieter rechnen Abos über deine Mobilfunkrechnung ab. Du kannst die Beträge "
        "im Kundenportal reklamieren und eine **Drittanbietersperre** kostenlos einrichten.",
    ),
    (
        "tv-streaming",
        "jana_nordlicht",
        "Auf welchen Geräten läuft Nordlicht TV?",
        "Auf Smart-TVs von Samsung und LG (ab 2019), auf Fire TV, Apple TV, Android TV und "
        "im Browser. Du kannst drei Geräte gleichzeitig nutzen.",
    ),
    (
        "vertrag-umzug",
        "kai_nordlicht",
        "Ich ziehe um. Kann ich meinen Anschluss mitnehmen?",
        "Ja. Melde den Umzug mindestens **sechs Wochen** vorher im Kundenportal an, dann "
        "schalten wir den Anschluss am Umzugstag in der neuen Wohnung frei.",
    ),
    (
        "vertrag-umzug",
        "jana_nordlicht",
        "Wie kündige ich meinen Vertrag?",
        "Nach der Mindestlaufzeit kannst du monatlich kündigen: im Kundenportal über den "
        "Button *Vertrag kündigen* oder schriftlich. Du bekommst eine Bestätigung per Mail.",
    ),
    (
        "english-corner",
        "kai_nordlicht",
        "How do I reset my router to factory settings?",
        "Press the **reset** button on the back for 15 seconds with a paper clip. The router "
        "restarts with the Wi-Fi name and password printed on its label.",
    ),
    (
        "english-corner",
        "jana_nordlicht",
        "Can I get my invoice in English?",
        "Yes. Switch the language under *Settings → Language* in the customer portal; the "
        "next invoice is sent in English.",
    ),
    (
        "english-corner",
        "kai_nordlicht",
        "Which documents do I need to sign a contract in Germany?",
        "A passport or ID card and a German bank account (IBAN) for the direct debit. A "
        "registration certificate (*Meldebescheinigung*) is only needed for landlines.",
    ),
]


def load(people: dict) -> list:
    """Create the demo FAQ; `people` maps usernames to users (the experts must be there)."""
    return [
        faq.create_entry(people[maintainer], category, question, answer)
        for category, maintainer, question, answer in ENTRIES
    ]
