"""Demo community for the fictional German provider "Nordlicht Telekom".

Pure data (categories, users, topics and replies) used by the demo loader."""

CATEGORIES = [  # (slug, name, description)
    (
        "internet-dsl",
        "Internet & DSL",
        (
            "Router, WLAN, DSL- und Glasfaseranschluss, IPv6 und Störungen rund ums "
            "Festnetz-Internet."
        ),
    ),
    ("mobilfunk", "Mobilfunk", "Netzabdeckung, 5G, Roaming, eSIM, SIM-Karten und Datenvolumen."),
    (
        "rechnung",
        "Rechnung",
        "Fragen zur Rechnung, Zahlungen, SEPA-Lastschrift und Drittanbieterkosten.",
    ),
    (
        "tv-streaming",
        "TV & Streaming",
        "Nordlicht TV, Apps auf Smart-TVs und Sticks, Aufnahmen und ruckelnde Streams.",
    ),
    (
        "vertrag-umzug",
        "Vertrag & Umzug",
        "Tarifwechsel, Kündigung, Umzug mit dem Anschluss und Rufnummernmitnahme.",
    ),
    (
        "english-corner",
        "English corner",
        "Questions in English – for everyone who is new to Germany or prefers English.",
    ),
]

MEMBERS = [  # (username, display_name, locale)
    ("markus_h", "Markus Hoffmeister", "de"),
    ("sabine_k", "Sabine Kretschmar", "de"),
    ("tobi_rheinland", "Tobias Wendland", "de"),
    ("ingrid_w", "Ingrid Wallner", "de"),
    ("lukas-b", "Lukas Brenninger", "de"),
    ("netzwerk_nerd", "Felix Ambrosch", "de"),
    ("claire_in_hh", "Claire Whitmore", "en"),
    ("raj_m", "Rajesh Mehra", "en"),
    ("oksana_p", "Oksana Pidlisna", "de"),
    ("daniel_ortmann", "Daniel Ortmann", "de"),
    ("miriam_s", "Miriam Sandkuhl", "de"),
    ("tom_expat", "Tom Ashworth", "en"),
    ("lucia_ferreira", "Lúcia Ferreira", "en"),
    ("helmut1958", "Helmut Brandes", "de"),
    ("anna_lenz", "Anna Lenz", "de"),
    ("ben_okonjo", "Ben Okonjo", "en"),
]

EXPERTS = [  # (username, display_name)
    ("jana_nordlicht", "Jana vom Nordlicht-Team"),
    ("kai_nordlicht", "Kai vom Nordlicht-Team"),
]

MODERATOR = ("petra_moderation", "Petra (Community-Moderation)")

ADMIN = ("admin", "Admin")

TOPICS = [
    {
        "category": "internet-dsl",
        "kind": "question",
        "author": "markus_h",
        "title": "Nordlicht Box 7 verliert abends regelmäßig die DSL-Synchronisation",
        "body": (
            "Hallo zusammen,\n"
            "\n"
            "seit etwa zwei Wochen bricht bei mir fast jeden Abend zwischen 19 und 22 Uhr die "
            "DSL-Verbindung ab. Die **Info-LED** an der Nordlicht Box 7 blinkt dann grün, nach "
            "zwei bis drei Minuten ist alles wieder da. Tagsüber läuft es stabil.\n"
            "\n"
            "- Tarif: Nordlicht DSL 100\n"
            "- Router: Nordlicht Box 7, Firmware 7.57\n"
            "- Anschluss: TAE-Dose im Flur, Router hängt direkt dran\n"
            "\n"
            "Im Ereignisprotokoll steht dann jeweils `DSL antwortet nicht (Keine "
            "DSL-Synchronisierung)`. Hat jemand eine Idee, woran das liegen kann?"
        ),
        "hours_ago": 52,
        "replies": [
            {
                "author": "netzwerk_nerd",
                "body": (
                    "Klassiker bei abendlichen Abbrüchen sind Störungen auf der Leitung (Nachbarn, "
                    "die abends Geräte einschalten) oder ein zu knapp eingestellter Störabstand. "
                    "Schau mal unter **Internet > DSL-Informationen > DSL** nach:\n"
                    "\n"
                    "1. Wie hoch ist der **Störabstand** (Downstream) direkt nach der "
                    "Synchronisation?\n"
                    "2. Wie viele **CRC-Fehler** stehen da nach ein paar Stunden?\n"
                    "3. Gibt es ein Verlängerungskabel zwischen TAE-Dose und Router?\n"
                    "\n"
                    "Unter 6 dB Störabstand wird es abends gern wackelig."
                ),
                "after_minutes": 35,
                "official": False,
                "accepted": False,
                "votes": 6,
            },
            {
                "author": "markus_h",
                "body": (
                    "Danke! Störabstand liegt bei **4 dB**, CRC-Fehler ein paar Tausend. Ein "
                    "Verlängerungskabel gibt es nicht, aber die Dose ist ziemlich alt."
                ),
                "after_minutes": 80,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hallo Herr Hoffmeister,\n"
                    "\n"
                    "danke für die ausführliche Beschreibung – das hilft uns sehr. Bei einem "
                    "Störabstand von 4 dB ist Ihre Leitung tatsächlich zu knapp eingestellt. Ich "
                    "habe an Ihrem Anschluss das Leitungsprofil auf **„Stabil“** umgestellt. "
                    "Dadurch sinkt die Bandbreite minimal, die Verbindung sollte aber deutlich "
                    "stabiler sein.\n"
                    "\n"
                    "Bitte starten Sie die Box 7 einmal neu (**System > Sicherung > Neustart**), "
                    "damit sie neu synchronisiert. Falls es danach weiter Abbrüche gibt, schreiben "
                    "Sie mir gern im privaten Chat – bitte posten Sie Ihre Kundennummer nicht hier "
                    "im Forum.\n"
                    "\n"
                    "Viele Grüße, Jana"
                ),
                "after_minutes": 190,
                "official": True,
                "accepted": True,
                "votes": 9,
            },
            {
                "author": "markus_h",
                "body": (
                    "Kurzes Update: Seit der Umstellung zwei Abende ohne einen einzigen Abbruch. "
                    "Störabstand jetzt 9 dB, Sync bei 92 Mbit/s. Vielen Dank euch beiden!"
                ),
                "after_minutes": 2900,
                "official": False,
                "accepted": False,
                "votes": 3,
            },
        ],
    },
    {
        "category": "internet-dsl",
        "kind": "question",
        "author": "sabine_k",
        "title": "WLAN im Obergeschoss extrem langsam",
        "body": (
            "Unten im Wohnzimmer habe ich per WLAN gut 80 Mbit/s, oben im Arbeitszimmer manchmal "
            "nur 3–5 Mbit/s, Videocalls brechen ständig ab. Der Router steht im Flur im "
            "Erdgeschoss, dazwischen eine Betondecke.\n"
            "\n"
            "Lohnt sich ein Repeater oder gibt es vorher noch Einstellungen, die ich probieren "
            "kann?"
        ),
        "hours_ago": 130,
        "replies": [
            {
                "author": "tobi_rheinland",
                "body": (
                    "Betondecken sind für WLAN leider fast eine Wand. Vorher lohnt sich aber ein "
                    "kurzer Check in der Box 7 unter **WLAN > Funkkanal**:\n"
                    "\n"
                    "- **Funkkanal-Einstellungen anpassen** aktivieren und `Autokanal` "
                    "einschalten\n"
                    "- bei 2,4 GHz die Kanalbreite auf `20 MHz` stellen, das reicht oft weiter\n"
                    "- oben eher mit **2,4 GHz** verbinden, 5 GHz kommt durch Beton kaum durch\n"
                    "\n"
                    "Wenn das nicht reicht: Ein **Nordlicht Mesh Repeater** auf der Treppe "
                    "(Sichtkontakt zu beiden Etagen) hat bei mir Wunder gewirkt. Einrichtung per "
                    "WPS-Taste, danach taucht er unter **Heimnetz > Mesh** auf."
                ),
                "after_minutes": 22,
                "official": False,
                "accepted": True,
                "votes": 7,
            },
            {
                "author": "netzwerk_nerd",
                "body": (
                    "Ergänzung: Wenn ohnehin ein Kabel nach oben liegt (z. B. Telefonleitung) oder "
                    "du Powerline nutzen kannst, ist ein Access Point per LAN die stabilste "
                    "Lösung. Für Videocalls ist das Gold wert."
                ),
                "after_minutes": 95,
                "official": False,
                "accepted": False,
                "votes": 3,
            },
            {
                "author": "sabine_k",
                "body": (
                    "Repeater steht jetzt auf dem Treppenabsatz, oben kommen 45 Mbit/s an und die "
                    "Calls laufen stabil. Danke!"
                ),
                "after_minutes": 1440,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
        ],
    },
    {
        "category": "internet-dsl",
        "kind": "question",
        "author": "lukas-b",
        "title": "Portfreigabe funktioniert nicht – liegt das an DS-Lite?",
        "body": (
            "Ich möchte meinen kleinen Heimserver (Nextcloud auf einem Raspberry Pi) von unterwegs "
            "erreichen. In der Box 7 habe ich unter **Internet > Freigaben > Portfreigaben** den "
            "Port `443` auf `192.168.178.40` freigegeben, von außen ist aber nichts erreichbar.\n"
            "\n"
            "Mein Kollege meinte, das liege an „DS-Lite“. Was heißt das und wie komme ich "
            "drumherum?"
        ),
        "hours_ago": 210,
        "replies": [
            {
                "author": "netzwerk_nerd",
                "body": (
                    "@lukas-b dein Kollege hat sehr wahrscheinlich recht. Prüf mal unter "
                    "**Internet > Online-Monitor**: Steht da `DS-Lite-Tunnel aktiv` und bei IPv4 "
                    "eine Adresse aus `100.64.x.x` oder gar keine, dann hast du **keine eigene "
                    "öffentliche IPv4-Adresse**. Portfreigaben für IPv4 laufen dann ins Leere.\n"
                    "\n"
                    "Möglichkeiten:\n"
                    "\n"
                    "1. **IPv6 nutzen:** Beim Freigeben in der Box *IPv6 aktivieren* anhaken. Dann "
                    "ist der Pi über seine IPv6-Adresse erreichbar – klappt aber nur aus "
                    "IPv6-Netzen.\n"
                    "2. **Echte IPv4 beim Anbieter anfragen** (Dual Stack).\n"
                    "3. Notlösung: ein Tunnel über einen kleinen VPS."
                ),
                "after_minutes": 40,
                "official": False,
                "accepted": False,
                "votes": 8,
            },
            {
                "author": "kai_nordlicht",
                "body": (
                    "Hallo Herr Brenninger,\n"
                    "\n"
                    "Felix hat das sehr gut erklärt. Ergänzend aus unserer Sicht: Eine öffentliche "
                    "IPv4-Adresse (Dual Stack) können Sie bei Nordlicht **kostenlos** aktivieren:\n"
                    "\n"
                    "1. Im Kundencenter anmelden\n"
                    "2. **Meine Verträge > Internet > Optionen**\n"
                    "3. Option **„Öffentliche IPv4-Adresse“** auswählen und bestätigen\n"
                    "\n"
                    "Die Umstellung erfolgt in der darauffolgenden Nacht. Danach die Box 7 einmal "
                    "neu starten, dann sollte im Online-Monitor `Dual Stack` stehen und Ihre "
                    "Portfreigabe funktionieren. Weitere Infos finden Sie unter "
                    "https://example.com/hilfe/dual-stack.\n"
                    "\n"
                    "Viele Grüße, Kai"
                ),
                "after_minutes": 150,
                "official": True,
                "accepted": True,
                "votes": 11,
            },
            {
                "author": "lukas-b",
                "body": (
                    "Option gebucht, heute Morgen stand Dual Stack im Online-Monitor und die "
                    "Nextcloud ist von außen erreichbar. Top, danke!"
                ),
                "after_minutes": 1600,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
        ],
    },
    {
        "category": "internet-dsl",
        "kind": "question",
        "author": "ingrid_w",
        "title": "Glasfaser-Installationstermin schon zweimal verschoben",
        "body": (
            "Guten Tag,\n"
            "\n"
            "ich habe im Frühjahr Glasfaser bestellt. Der Termin für die Installation im Haus "
            "wurde jetzt schon zum zweiten Mal kurzfristig abgesagt, jedes Mal per SMS am Vortag. "
            "Ich habe extra Urlaub genommen. Wie lange dauert das denn noch?"
        ),
        "hours_ago": 75,
        "replies": [
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hallo Frau Wallner,\n"
                    "\n"
                    "das tut mir wirklich leid – gerade wenn Sie extra Urlaub genommen haben, ist "
                    "das ärgerlich. Bei Glasfaser gibt es zwei Schritte:\n"
                    "\n"
                    "1. **Hausanschluss** durch den Tiefbaupartner (vom Gehweg bis in den Keller)\n"
                    "2. **Installation in der Wohnung** durch unseren Techniker (Glasfaser-Dose "
                    "und Modem)\n"
                    "\n"
                    "Meist wird der zweite Termin abgesagt, wenn der Hausanschluss noch nicht "
                    "fertig abgenommen ist. Ich schaue mir Ihren Auftrag gern genau an. Bitte "
                    "schicken Sie mir Ihre **Auftragsnummer im privaten Chat** (nicht hier "
                    "öffentlich), dann kläre ich das direkt mit der Planung.\n"
                    "\n"
                    "Viele Grüße, Jana"
                ),
                "after_minutes": 60,
                "official": True,
                "accepted": True,
                "votes": 5,
            },
            {
                "author": "ingrid_w",
                "body": (
                    "Danke, Jana, ich habe Ihnen geschrieben. Inzwischen habe ich einen festen "
                    "Termin am kommenden Dienstag mit Bestätigung erhalten."
                ),
                "after_minutes": 400,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
            {
                "author": "helmut1958",
                "body": (
                    "Bei uns war es genauso, der Tiefbau hing hinterher. Nach dem dritten Termin "
                    "lief es dann aber sauber – Daumen drücken!"
                ),
                "after_minutes": 520,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
        ],
    },
    {
        "category": "internet-dsl",
        "kind": "question",
        "author": "daniel_ortmann",
        "title": "IPv6-Präfix ändert sich täglich – kann man das festlegen?",
        "body": (
            "Bei mir wechselt das IPv6-Präfix jede Nacht. Dadurch sind meine Firewall-Regeln auf "
            "dem NAS ständig veraltet. Gibt es bei Nordlicht ein festes Präfix, vielleicht gegen "
            "Aufpreis?"
        ),
        "hours_ago": 330,
        "replies": [
            {
                "author": "netzwerk_nerd",
                "body": (
                    "In den Privatkundentarifen ist das Präfix dynamisch, soweit ich weiß gibt es "
                    "ein festes nur in den Business-Tarifen. Zwei Tipps, die das Problem "
                    "entschärfen:\n"
                    "\n"
                    "- Der **Interface Identifier** (die hinteren 64 Bit) deines NAS bleibt "
                    "gleich. Regeln in der Box 7 unter **Internet > Freigaben** beziehen sich "
                    "darauf und wandern automatisch mit.\n"
                    "- Für den Zugriff von außen einen **DynDNS-Dienst** nutzen (**Internet > "
                    "Freigaben > DynDNS**), der auch AAAA-Einträge aktualisiert."
                ),
                "after_minutes": 180,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "daniel_ortmann",
                "body": (
                    "Guter Hinweis mit dem Interface Identifier, dann stelle ich die Regeln in der "
                    "Box statt im NAS ein. Ein festes Präfix wäre trotzdem schön."
                ),
                "after_minutes": 420,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
        ],
    },
    {
        "category": "internet-dsl",
        "kind": "discussion",
        "author": "miriam_s",
        "title": "Störung: Internet in Leipzig-Gohlis seit heute Morgen weg?",
        "body": (
            "Seit ca. 7:30 Uhr kein Internet und kein Festnetztelefon, die Box 7 zeigt `DSL` rot. "
            "Betrifft das noch jemanden in Leipzig-Gohlis? Auf der Störungsseite sehe ich noch "
            "nichts."
        ),
        "hours_ago": 6,
        "replies": [
            {
                "author": "oksana_p",
                "body": (
                    "Ja, bei uns auch (Gohlis-Süd). Seit kurz nach sieben ist alles tot, Mobilfunk "
                    "geht aber."
                ),
                "after_minutes": 12,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
            {
                "author": "kai_nordlicht",
                "body": (
                    "Hallo zusammen,\n"
                    "\n"
                    "danke für die Meldungen. Bei Bauarbeiten in der Nähe wurde heute früh ein "
                    "Kabel beschädigt, betroffen sind Teile von Leipzig-Gohlis und Möckern. Unsere "
                    "Technik ist bereits vor Ort, wir rechnen mit einer Behebung **bis ca. 18 "
                    "Uhr**.\n"
                    "\n"
                    "Den aktuellen Stand finden Sie auf https://example.com/stoerungen. Sie müssen "
                    "die Störung nicht zusätzlich melden. Eine Gutschrift für den Ausfall erfolgt "
                    "automatisch.\n"
                    "\n"
                    "Viele Grüße, Kai"
                ),
                "after_minutes": 45,
                "official": True,
                "accepted": False,
                "votes": 7,
            },
            {
                "author": "miriam_s",
                "body": "Seit 12:40 Uhr läuft es wieder. Danke für die schnelle Info!",
                "after_minutes": 320,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
        ],
    },
    {
        "category": "internet-dsl",
        "kind": "question",
        "author": "ben_okonjo",
        "title": "Can I set custom DNS servers on the Box 7?",
        "body": (
            "I'd like to use a privacy-focused DNS resolver instead of the default one. Is that "
            "possible on the Nordlicht Box 7, and does it support DNS over TLS?"
        ),
        "hours_ago": 260,
        "replies": [
            {
                "author": "netzwerk_nerd",
                "body": (
                    "Yes, both work. The menu is in German by default, so here are the paths:\n"
                    "\n"
                    "1. Go to **Internet > Zugangsdaten > DNS-Server**\n"
                    "2. Select **Andere DNSv4-Server verwenden** and enter the two addresses of "
                    "your provider, same for DNSv6 if you like\n"
                    "3. Below that, tick **Verschlüsselte Namensauflösung im Internet (DNS over "
                    "TLS)** and enter the resolver's hostname\n"
                    "4. Click **Übernehmen**\n"
                    "\n"
                    "Tip: you can switch the interface to English under **System > Region und "
                    "Sprache**."
                ),
                "after_minutes": 55,
                "official": False,
                "accepted": True,
                "votes": 5,
            },
            {
                "author": "ben_okonjo",
                "body": "Works perfectly, thanks Felix!",
                "after_minutes": 130,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "internet-dsl",
        "kind": "question",
        "author": "helmut1958",
        "title": "Nach Firmware-Update 7.58 keine Festnetz-Telefonie mehr",
        "body": (
            "Heute Nacht hat sich meine Nordlicht Box 7 auf Firmware `7.58` aktualisiert. Seitdem "
            "höre ich beim Festnetztelefon (DECT, direkt an der Box angemeldet) nur ein "
            "Besetztzeichen. Internet läuft normal. Unter **Telefonie > Eigene Rufnummern** ist "
            "die Nummer grün. Hat das noch jemand?"
        ),
        "hours_ago": 3,
        "replies": [],
    },
    {
        "category": "internet-dsl",
        "kind": "question",
        "author": "anna_lenz",
        "title": "Speedtest zeigt nur 60 statt 100 Mbit/s",
        "body": (
            "Ich habe DSL 100 gebucht, der Speedtest auf dem Laptop zeigt aber meist nur 55–60 "
            "Mbit/s. Ist das normal oder sollte ich mich beschweren?"
        ),
        "hours_ago": 400,
        "replies": [
            {
                "author": "tobi_rheinland",
                "body": (
                    "Erst mal eingrenzen, wo die Geschwindigkeit verloren geht:\n"
                    "\n"
                    "- Schau in der Box 7 unter **Internet > DSL-Informationen**, mit welcher Rate "
                    "der Router synchronisiert ist. Das ist die Obergrenze.\n"
                    "- Dann den Test **per LAN-Kabel** machen, nicht per WLAN. WLAN ist oft der "
                    "Flaschenhals.\n"
                    "- Für eine belastbare Messung die offizielle Breitbandmessung nutzen: "
                    "https://example.com/breitbandmessung\n"
                    "\n"
                    "Wenn per LAN deutlich weniger ankommt als vertraglich „normalerweise "
                    "verfügbar“, kannst du dich auf das Messprotokoll berufen."
                ),
                "after_minutes": 30,
                "official": False,
                "accepted": True,
                "votes": 6,
            },
            {
                "author": "anna_lenz",
                "body": (
                    "Ihr hattet recht: Per Kabel kommen 94 Mbit/s an. Es lag am alten Laptop-WLAN."
                ),
                "after_minutes": 210,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
        ],
    },
    {
        "category": "mobilfunk",
        "kind": "question",
        "author": "claire_in_hh",
        "title": "Roaming in Switzerland – will I be charged extra?",
        "body": (
            "I'm going skiing in Switzerland in two weeks. Is Switzerland covered by EU roaming on "
            "my Nordlicht Mobil M plan, or will I come back to a huge bill?"
        ),
        "hours_ago": 90,
        "replies": [
            {
                "author": "tom_expat",
                "body": (
                    'Careful – Switzerland is **not** in the EU, so the EU "roam like at home" '
                    "rules don't apply automatically. Some plans include it anyway, others don't. "
                    "I'd turn off mobile data roaming until you know for sure."
                ),
                "after_minutes": 25,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hello Ms Whitmore,\n"
                    "\n"
                    "Tom is right: Switzerland is in our **country group 2**. For Nordlicht Mobil "
                    "M the following applies:\n"
                    "\n"
                    "- Calls and SMS are charged per minute / per message\n"
                    "- Mobile data is blocked by default to protect you from high costs\n"
                    "\n"
                    "The easiest option is the **Travel Pass Schweiz** (7 days, 2 GB, 9.99 €). You "
                    "can book it in the Nordlicht app under **Tarif > Optionen > Reisen** – "
                    "ideally before you leave. The full price list is at "
                    "https://example.com/roaming/schweiz.\n"
                    "\n"
                    "Have a great time on the slopes!\n"
                    "\n"
                    "Best regards, Jana"
                ),
                "after_minutes": 110,
                "official": True,
                "accepted": True,
                "votes": 8,
            },
        ],
    },
    {
        "category": "mobilfunk",
        "kind": "question",
        "author": "tom_expat",
        "title": "Is the UK still included in roaming after Brexit?",
        "body": (
            "Flying to Manchester to visit family next month. Is the UK treated like the EU on "
            "Nordlicht plans, or do I need to book something?"
        ),
        "hours_ago": 300,
        "replies": [
            {
                "author": "ben_okonjo",
                "body": (
                    "I was in London in spring on Nordlicht Mobil L and it worked exactly like in "
                    "the EU, no extra charges. The country list in the app (**Tarif > Roaming > "
                    "Länderliste**) shows the UK in the same zone as the EU. Double-check your "
                    "plan there, though."
                ),
                "after_minutes": 90,
                "official": False,
                "accepted": False,
                "votes": 5,
            },
            {
                "author": "claire_in_hh",
                "body": (
                    "Same experience here with Mobil M at Christmas. You get the usual welcome SMS "
                    "when you land and that's it."
                ),
                "after_minutes": 140,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
        ],
    },
    {
        "category": "mobilfunk",
        "kind": "question",
        "author": "oksana_p",
        "title": "eSIM lässt sich nicht aktivieren – QR-Code ungültig",
        "body": (
            "Ich habe ein neues Handy und wollte auf eSIM umsteigen. Beim Scannen des QR-Codes "
            "kommt die Meldung **„Dieser Code ist nicht mehr gültig“**. Den Code hatte ich gestern "
            "schon einmal auf dem alten Handy gescannt, dort aber abgebrochen."
        ),
        "hours_ago": 28,
        "replies": [
            {
                "author": "lukas-b",
                "body": (
                    "Die QR-Codes sind nur **einmal** verwendbar. Sobald er einmal gescannt wurde, "
                    "ist das Profil verbraucht, auch wenn die Installation abgebrochen wurde. Du "
                    "brauchst also ein neues Profil."
                ),
                "after_minutes": 15,
                "official": False,
                "accepted": False,
                "votes": 3,
            },
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hallo Frau Pidlisna,\n"
                    "\n"
                    "Lukas hat recht. Ein neues eSIM-Profil können Sie selbst anfordern:\n"
                    "\n"
                    "1. Im Kundencenter **Meine SIM-Karten > eSIM** öffnen\n"
                    "2. **Neues Profil anfordern** wählen\n"
                    "3. Den neuen QR-Code direkt auf dem **neuen** Handy scannen (iPhone: "
                    "**Einstellungen > Mobilfunk > eSIM hinzufügen**)\n"
                    "\n"
                    "Die Neuausstellung ist einmal im Monat kostenlos. Bitte posten Sie Ihre EID "
                    "oder den QR-Code niemals öffentlich – damit könnte jemand Ihre Rufnummer "
                    "übernehmen.\n"
                    "\n"
                    "Viele Grüße, Jana"
                ),
                "after_minutes": 50,
                "official": True,
                "accepted": True,
                "votes": 6,
            },
            {
                "author": "oksana_p",
                "body": "Hat geklappt, das neue Handy ist online. Vielen Dank!",
                "after_minutes": 95,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "mobilfunk",
        "kind": "question",
        "author": "helmut1958",
        "title": "Kein 5G in Rostock-Warnemünde?",
        "body": (
            "Laut Werbung hat Nordlicht jetzt 5G. Mein neues Smartphone zeigt in Warnemünde aber "
            "immer nur `LTE` bzw. `4G+` an. Muss ich da etwas einstellen?"
        ),
        "hours_ago": 150,
        "replies": [
            {
                "author": "miriam_s",
                "body": (
                    "Drei Dinge prüfen:\n"
                    "\n"
                    "1. **Netzabdeckung:** Auf der Karte unter https://example.com/netzabdeckung "
                    "sieht man pro Straße, ob dort schon 5G ausgebaut ist.\n"
                    "2. **Tarif:** 5G muss im Tarif enthalten sein (steht im Kundencenter unter "
                    "**Meine Verträge > Mobilfunk > Tarifdetails**).\n"
                    "3. **Handy:** Unter Android **Einstellungen > Mobilfunk > Bevorzugter "
                    "Netztyp** auf `5G/4G/3G/2G (automatisch)` stellen."
                ),
                "after_minutes": 40,
                "official": False,
                "accepted": False,
                "votes": 5,
            },
            {
                "author": "helmut1958",
                "body": (
                    "Tarif hat 5G, Einstellung stand auf LTE – jetzt umgestellt. Laut Karte ist "
                    "Warnemünde aber erst „in Planung“. In Rostock-Mitte hatte ich gestern 5G."
                ),
                "after_minutes": 300,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
        ],
    },
    {
        "category": "mobilfunk",
        "kind": "question",
        "author": "ingrid_w",
        "title": "SIM-Tausch auf Nano-SIM – was kostet das?",
        "body": (
            "Meine alte SIM-Karte passt nicht in das neue Telefon von meinem Enkel. Wie bekomme "
            "ich eine kleinere Karte und was kostet der Tausch?"
        ),
        "hours_ago": 470,
        "replies": [
            {
                "author": "anna_lenz",
                "body": (
                    "Die aktuellen Nordlicht-Karten sind **Triple-SIM-Karten** – da kann man "
                    "Standard-, Micro- und Nano-Format einfach herausbrechen. Falls Ihre Karte "
                    "schon älter ist, können Sie im Kundencenter unter **Meine SIM-Karten > "
                    "SIM-Karte tauschen** eine neue bestellen. Bei mir war das kostenlos und nach "
                    "drei Tagen im Briefkasten."
                ),
                "after_minutes": 60,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "helmut1958",
                "body": (
                    "Wichtig: Die alte Karte funktioniert nach der Aktivierung der neuen nicht "
                    "mehr. Also erst aktivieren, wenn das neue Telefon bereit liegt."
                ),
                "after_minutes": 180,
                "official": False,
                "accepted": False,
                "votes": 3,
            },
        ],
    },
    {
        "category": "mobilfunk",
        "kind": "question",
        "author": "miriam_s",
        "title": "Datenvolumen schon am 12. aufgebraucht – was kann ich tun?",
        "body": (
            "Jeden Monat ist mein Datenvolumen (10 GB) schon um den 12. herum weg und ich surfe "
            "dann gedrosselt. Ich streame eigentlich kaum. Wie finde ich heraus, was so viel "
            "verbraucht, und kann ich kurzfristig nachbuchen?"
        ),
        "hours_ago": 100,
        "replies": [
            {
                "author": "tobi_rheinland",
                "body": (
                    "**Kurzfristig:** In der Nordlicht-App unter **Verbrauch > Nachbuchen** gibt "
                    "es den *Speed-Pass* (1 GB für 2,99 € oder 5 GB für 7,99 €), der gilt bis "
                    "Monatsende.\n"
                    "\n"
                    "**Verbrauch finden:**\n"
                    "\n"
                    "- Android: **Einstellungen > Netzwerk & Internet > Datennutzung > "
                    "App-Datennutzung**\n"
                    "- iPhone: **Einstellungen > Mobilfunk**, dann nach unten scrollen\n"
                    "\n"
                    "Häufige Datenfresser sind automatische Videos in Social-Media-Apps, "
                    "Cloud-Backups von Fotos und App-Updates über Mobilfunk. Das lässt sich "
                    "jeweils in der App auf „nur WLAN“ stellen."
                ),
                "after_minutes": 20,
                "official": False,
                "accepted": True,
                "votes": 7,
            },
            {
                "author": "sabine_k",
                "body": (
                    "Bei mir war es der **WLAN-Assistent** (iPhone: „WLAN-Unterstützung“), der bei "
                    "schlechtem WLAN heimlich auf Mobilfunk umschaltet. Seit der aus ist, reichen "
                    "die 10 GB locker."
                ),
                "after_minutes": 75,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "miriam_s",
                "body": (
                    "Es war die Foto-Cloud, die jedes Video sofort hochgeladen hat. Umgestellt, "
                    "danke!"
                ),
                "after_minutes": 240,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
        ],
    },
    {
        "category": "mobilfunk",
        "kind": "question",
        "author": "raj_m",
        "title": "Wi-Fi calling option not showing on my Pixel",
        "body": (
            "Reception in my flat is terrible, so I wanted to enable Wi-Fi calling. On my Pixel 7 "
            "the option simply doesn't appear under **Settings > Network & internet > SIMs**. Does "
            "Nordlicht support Wi-Fi calling on Android at all, and does it need to be activated "
            "for my contract first?"
        ),
        "hours_ago": 9,
        "replies": [],
    },
    {
        "category": "mobilfunk",
        "kind": "discussion",
        "author": "tobi_rheinland",
        "title": "Eure Erfahrungen mit dem Netz im ICE Hamburg–Berlin?",
        "body": (
            "Ich pendle zweimal pro Woche zwischen Hamburg und Berlin. Zwischen Ludwigslust und "
            "Wittenberge ist bei mir regelmäßig Funkloch. Wie sind eure Erfahrungen auf der "
            "Strecke? Lohnt sich das WLAN im Zug mehr?"
        ),
        "hours_ago": 380,
        "replies": [
            {
                "author": "lukas-b",
                "body": (
                    "Deckt sich mit meiner Erfahrung. Ich lade mir Podcasts und Dokumente vorher "
                    "runter, dann ist mir das Loch egal."
                ),
                "after_minutes": 120,
                "official": False,
                "accepted": False,
                "votes": 3,
            },
            {
                "author": "claire_in_hh",
                "body": (
                    "I do the same route. It's gotten noticeably better this year – I can usually "
                    "stay in a video call except for about 10 minutes in the middle."
                ),
                "after_minutes": 200,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
            {
                "author": "markus_h",
                "body": (
                    "Das Zug-WLAN hängt am Ende auch nur am Mobilfunk. Ich nutze lieber mein "
                    "eigenes Handy als Hotspot, das ist meistens schneller."
                ),
                "after_minutes": 460,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
        ],
    },
    {
        "category": "rechnung",
        "kind": "question",
        "author": "sabine_k",
        "title": "Rechnungsbetrag wurde doppelt abgebucht",
        "body": (
            "Auf meinem Kontoauszug sehe ich den Betrag der aktuellen Rechnung (39,99 €) zweimal, "
            "am selben Tag abgebucht. Ist das ein bekannter Fehler? Bekomme ich das Geld zurück, "
            "oder muss ich selbst eine Lastschrift zurückgeben?"
        ),
        "hours_ago": 44,
        "replies": [
            {
                "author": "kai_nordlicht",
                "body": (
                    "Hallo Frau Kretschmar,\n"
                    "\n"
                    "bitte entschuldigen Sie den Ärger. Bei einem Teil unserer Kundinnen und "
                    "Kunden wurde die Lastschrift für diesen Monat durch einen technischen Fehler "
                    "doppelt eingereicht. Der Fehler ist behoben und die **zweite Abbuchung wird "
                    "automatisch innerhalb von fünf Werktagen erstattet**.\n"
                    "\n"
                    "Bitte geben Sie die Lastschrift nicht selbst zurück – dabei entstehen "
                    "Bankgebühren, und die Erstattung würde sich überschneiden. Falls das Geld bis "
                    "nächste Woche nicht da ist, melden Sie sich bitte im privaten Chat (ohne IBAN "
                    "oder Kundennummer hier im Forum).\n"
                    "\n"
                    "Viele Grüße, Kai"
                ),
                "after_minutes": 70,
                "official": True,
                "accepted": True,
                "votes": 9,
            },
            {
                "author": "markus_h",
                "body": "Bei mir genauso, gut zu wissen. Danke für die schnelle Info.",
                "after_minutes": 120,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
            {
                "author": "sabine_k",
                "body": "Geld ist heute wieder auf dem Konto. Danke!",
                "after_minutes": 2500,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "rechnung",
        "kind": "question",
        "author": "helmut1958",
        "title": "Unbekanntes „Premium-Abo“ von einem Drittanbieter auf der Rechnung",
        "body": (
            "Auf meiner Mobilfunkrechnung steht ein Posten **„Drittanbieter: Premium-Abo 4,99 "
            "€“**. Ich habe nichts abonniert. Wie kann das sein, und wie werde ich das wieder los?"
        ),
        "hours_ago": 230,
        "replies": [
            {
                "author": "daniel_ortmann",
                "body": (
                    "Das passiert leider häufig über versehentliche Klicks auf Werbebanner. So "
                    "gehen Sie vor:\n"
                    "\n"
                    "1. **Drittanbietersperre einrichten**, damit nichts Neues dazukommt: "
                    "Kundencenter **Einstellungen > Sicherheit > Drittanbietersperre** aktivieren "
                    "(kostenlos).\n"
                    "2. Auf der Rechnung steht unter dem Posten der **Name des Anbieters** und "
                    "eine Hotline. Dort das Abo kündigen und der Abbuchung widersprechen.\n"
                    "3. Den Betrag können Sie bei Nordlicht **beanstanden**; er wird dann nicht "
                    "mit eingezogen, bis die Sache geklärt ist.\n"
                    "\n"
                    "Eine Vorlage für den Widerspruch gibt es bei der Verbraucherzentrale, z. B. "
                    "hier: https://example.com/vorlage-drittanbieter"
                ),
                "after_minutes": 45,
                "official": False,
                "accepted": True,
                "votes": 8,
            },
            {
                "author": "helmut1958",
                "body": (
                    "Sperre ist eingerichtet und das Abo gekündigt. Der Anbieter erstattet die "
                    "4,99 €. Danke für die Anleitung!"
                ),
                "after_minutes": 300,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
        ],
    },
    {
        "category": "rechnung",
        "kind": "question",
        "author": "anna_lenz",
        "title": "SEPA-Mandat auf neues Konto ändern",
        "body": (
            "Ich habe die Bank gewechselt. Wo kann ich die neue IBAN hinterlegen, und ab wann wird "
            "vom neuen Konto abgebucht?"
        ),
        "hours_ago": 180,
        "replies": [
            {
                "author": "ingrid_w",
                "body": (
                    "Das geht im Kundencenter unter **Meine Daten > Zahlungsdaten > Bankverbindung "
                    "ändern**. Dort die neue IBAN eintragen und das SEPA-Mandat online bestätigen. "
                    "Bei mir wurde ab der **nächsten Rechnung** vom neuen Konto abgebucht. Das "
                    "alte Konto sollte man erst schließen, wenn die letzte Abbuchung durch ist."
                ),
                "after_minutes": 35,
                "official": False,
                "accepted": True,
                "votes": 5,
            },
        ],
    },
    {
        "category": "rechnung",
        "kind": "question",
        "author": "lucia_ferreira",
        "title": "What is „Anteilige Grundgebühr“ on my first bill?",
        "body": (
            "My first bill is higher than expected and has two lines called **Anteilige "
            "Grundgebühr** and **Grundgebühr**. Am I paying twice?"
        ),
        "hours_ago": 140,
        "replies": [
            {
                "author": "claire_in_hh",
                "body": (
                    'Not twice – "anteilig" means *pro-rata*. Your contract started in the '
                    "middle of the billing period, so the first bill contains:\n"
                    "\n"
                    "- **Anteilige Grundgebühr:** the days from your start date until the end of "
                    "that period\n"
                    "- **Grundgebühr:** the full month in advance for the next period\n"
                    "\n"
                    "From the second bill on, only the regular monthly fee appears."
                ),
                "after_minutes": 50,
                "official": False,
                "accepted": False,
                "votes": 6,
            },
            {
                "author": "tom_expat",
                "body": (
                    'Exactly. Had the same "wait, what?" moment. The second bill was back to '
                    "normal."
                ),
                "after_minutes": 90,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
        ],
    },
    {
        "category": "rechnung",
        "kind": "question",
        "author": "markus_h",
        "title": "Rechnung als PDF im Kundencenter nicht abrufbar",
        "body": (
            "Seit gestern bekomme ich beim Klick auf **Rechnungen > PDF herunterladen** nur eine "
            "leere Seite. Egal ob Firefox oder Chrome. Die Rechnungen der Vormonate gehen auch "
            "nicht. Ich brauche die aktuelle Rechnung für die Steuer (Homeoffice)."
        ),
        "hours_ago": 15,
        "replies": [],
    },
    {
        "category": "rechnung",
        "kind": "question",
        "author": "tobi_rheinland",
        "title": "Mahngebühr, obwohl ich pünktlich bezahlt habe",
        "body": (
            "Ich habe eine Mahnung mit 5 € Mahngebühr bekommen, obwohl die Rechnung ganz normal "
            "per Lastschrift laufen sollte. Auf meinem Konto sehe ich für den Monat allerdings "
            "auch keine Abbuchung. Was ist da schiefgelaufen?"
        ),
        "hours_ago": 290,
        "replies": [
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hallo Herr Wendland,\n"
                    "\n"
                    "danke für Ihre Nachricht. Meistens steckt hinter so einem Fall eine "
                    "**Rücklastschrift**, z. B. weil das Mandat noch auf ein altes Konto lief oder "
                    "die Bank die Lastschrift abgelehnt hat. Ich habe mir Ihr Konto angesehen und "
                    "die **Mahngebühr storniert**. Den offenen Betrag ziehen wir mit der nächsten "
                    "Rechnung ein, Sie müssen nichts überweisen.\n"
                    "\n"
                    "Bitte prüfen Sie trotzdem kurz unter **Meine Daten > Zahlungsdaten**, ob die "
                    "hinterlegte IBAN aktuell ist.\n"
                    "\n"
                    "Viele Grüße, Jana"
                ),
                "after_minutes": 95,
                "official": True,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "tobi_rheinland",
                "body": (
                    "Danke! Tatsächlich stand da noch mein altes Konto, das ich letzten Monat "
                    "aufgelöst habe. Ist korrigiert."
                ),
                "after_minutes": 260,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "tv-streaming",
        "kind": "question",
        "author": "oksana_p",
        "title": "Nordlicht TV App auf Samsung-Fernseher nicht im Store",
        "body": (
            "Ich möchte Nordlicht TV auf meinem Samsung-Fernseher nutzen, finde die App aber nicht "
            "im Samsung App Store. Gibt es die nur für bestimmte Modelle?"
        ),
        "hours_ago": 60,
        "replies": [
            {
                "author": "lukas-b",
                "body": (
                    "Die App gibt es nur für Samsung-TVs **ab Modelljahr 2019** (Tizen). Das "
                    "Modelljahr steckt im Typenschild, z. B. `GQ55Q70R` – das `R` steht für 2019. "
                    "Bei älteren Geräten gibt es zwei Alternativen:\n"
                    "\n"
                    "- den **Nordlicht TV Stick** per HDMI\n"
                    "- die App auf dem Handy und per **Casting** auf den Fernseher\n"
                    "\n"
                    "Die Liste der unterstützten Geräte steht hier: https://example.com/tv/geraete"
                ),
                "after_minutes": 25,
                "official": False,
                "accepted": True,
                "votes": 5,
            },
            {
                "author": "oksana_p",
                "body": "Mein Fernseher ist von 2017, schade. Ich bestelle dann den Stick. Danke!",
                "after_minutes": 140,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "tv-streaming",
        "kind": "question",
        "author": "daniel_ortmann",
        "title": "Streams ruckeln abends, tagsüber alles gut",
        "body": (
            "Abends zwischen 20 und 23 Uhr ruckeln Streams auf dem Smart-TV ständig oder die "
            "Qualität springt auf unscharf. Tagsüber in 4K ohne Probleme. Der Fernseher hängt im "
            "WLAN. Liegt das an Nordlicht oder an meinem Heimnetz?"
        ),
        "hours_ago": 20,
        "replies": [
            {
                "author": "netzwerk_nerd",
                "body": (
                    "Abends ist auch im Heimnetz mehr los (Nachbar-WLANs, andere Geräte bei dir). "
                    "Eingrenzen:\n"
                    "\n"
                    "1. Den Fernseher testweise **per LAN** anschließen. Ist es dann gut, liegt es "
                    "am WLAN.\n"
                    "2. In der Box 7 unter **Internet > Filter > Priorisierung** den Fernseher als "
                    "**Echtzeitanwendung** eintragen.\n"
                    "3. Für 4K brauchst du stabil ca. **25 Mbit/s** – Speedtest abends direkt am "
                    "TV machen."
                ),
                "after_minutes": 30,
                "official": False,
                "accepted": False,
                "votes": 5,
            },
            {
                "author": "tobi_rheinland",
                "body": (
                    "Wie @netzwerk_nerd sagt. Bei mir war es das WLAN auf Kanal 1, auf dem abends "
                    "das halbe Haus funkt. Seit `Autokanal` auf 5 GHz ist Ruhe."
                ),
                "after_minutes": 75,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
        ],
    },
    {
        "category": "tv-streaming",
        "kind": "question",
        "author": "ben_okonjo",
        "title": "Can I watch Nordlicht TV while travelling abroad?",
        "body": (
            "I'll be in Portugal for three weeks. Does the Nordlicht TV app work there, or is it "
            "geo-blocked outside Germany?"
        ),
        "hours_ago": 250,
        "replies": [
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hello Mr Okonjo,\n"
                    "\n"
                    "good news: within the **EU** you can use the Nordlicht TV app just like at "
                    "home, thanks to the EU portability rules. Portugal is therefore no problem. "
                    "Please note:\n"
                    "\n"
                    "- You need to log in to the app **in Germany at least once** before "
                    "travelling\n"
                    "- A few channels may not be available abroad for licensing reasons\n"
                    "- Outside the EU (e.g. in the UK or Switzerland) streaming is not possible\n"
                    "\n"
                    "More details: https://example.com/tv/ausland\n"
                    "\n"
                    "Best regards, Jana"
                ),
                "after_minutes": 80,
                "official": True,
                "accepted": True,
                "votes": 6,
            },
        ],
    },
    {
        "category": "tv-streaming",
        "kind": "question",
        "author": "ingrid_w",
        "title": "Aufnahmen sind plötzlich verschwunden",
        "body": (
            "Ich hatte mehrere Krimis aufgenommen, die sind jetzt aus der Liste **Meine "
            "Aufnahmen** verschwunden. Ich habe nichts gelöscht. Wo sind die hin?"
        ),
        "hours_ago": 320,
        "replies": [
            {
                "author": "markus_h",
                "body": (
                    "Die Cloud-Aufnahmen bei Nordlicht TV werden nach **90 Tagen automatisch "
                    "gelöscht**. Unter **Einstellungen > Aufnahmen > Speicherdauer** sieht man, "
                    "wie lange eine Aufnahme noch verfügbar ist. Mit dem Schloss-Symbol kann man "
                    "einzelne Aufnahmen schützen, dann bleiben sie bis zu einem Jahr."
                ),
                "after_minutes": 70,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "ingrid_w",
                "body": (
                    "Das war es wohl, die waren vom Frühjahr. Jetzt weiß ich Bescheid. Danke schön!"
                ),
                "after_minutes": 240,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "tv-streaming",
        "kind": "discussion",
        "author": "lukas-b",
        "title": "Welche Streaming-Hardware nutzt ihr mit Nordlicht TV?",
        "body": (
            "Ich überlege, den alten Receiver abzuschaffen. Was nutzt ihr: Nordlicht TV Stick, die "
            "App direkt auf dem Smart-TV oder etwas anderes? Wie sind eure Erfahrungen mit "
            "Umschaltzeiten und Bedienung?"
        ),
        "hours_ago": 420,
        "replies": [
            {
                "author": "anna_lenz",
                "body": (
                    "Nordlicht TV Stick seit einem Jahr. Umschalten dauert etwa eine Sekunde, die "
                    "Fernbedienung ist okay. Für den Preis völlig in Ordnung."
                ),
                "after_minutes": 90,
                "official": False,
                "accepted": False,
                "votes": 3,
            },
            {
                "author": "raj_m",
                "body": (
                    "App directly on an LG TV. Works fine, but it's a bit slower to start than the "
                    "stick at my friend's place."
                ),
                "after_minutes": 180,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
            {
                "author": "helmut1958",
                "body": (
                    "Ich bin beim Receiver geblieben, wegen der Aufnahme auf Festplatte. Für die "
                    "Schlafzimmer-Glotze habe ich aber den Stick."
                ),
                "after_minutes": 300,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
        ],
    },
    {
        "category": "tv-streaming",
        "kind": "question",
        "author": "anna_lenz",
        "title": "Kein Ton bei HD-Sendern über HDMI-ARC",
        "body": (
            "Seit ich die Soundbar per HDMI-ARC angeschlossen habe, habe ich bei den HD-Sendern in "
            "Nordlicht TV **keinen Ton**. Bei den SD-Sendern und in anderen Apps läuft alles. Am "
            "Stick habe ich unter **Einstellungen > Ton** schon zwischen `Stereo` und `Auto` "
            "gewechselt. Hat jemand eine Idee?"
        ),
        "hours_ago": 2,
        "replies": [],
    },
    {
        "category": "vertrag-umzug",
        "kind": "question",
        "author": "markus_h",
        "title": "Sonderkündigungsrecht nach der Preiserhöhung?",
        "body": (
            "Ich habe ein Schreiben bekommen, dass mein DSL-Tarif ab dem übernächsten Monat 3 € "
            "teurer wird. Mein Vertrag läuft noch 11 Monate. Habe ich jetzt ein "
            "Sonderkündigungsrecht, und wie lange habe ich dafür Zeit?"
        ),
        "hours_ago": 160,
        "replies": [
            {
                "author": "daniel_ortmann",
                "body": (
                    "Ja. Nach **§ 57 TKG** kannst du bei einer einseitigen Vertragsänderung, die "
                    "nicht ausschließlich zu deinem Vorteil ist, ohne Kosten kündigen. Wichtig:\n"
                    "\n"
                    "- Die Frist sind **drei Monate ab Zugang** der Mitteilung\n"
                    "- Die Kündigung kann frühestens zum Zeitpunkt der Preisänderung wirksam "
                    "werden\n"
                    "- Am besten schriftlich bzw. über das Kundencenter, damit es dokumentiert ist"
                ),
                "after_minutes": 30,
                "official": False,
                "accepted": True,
                "votes": 9,
            },
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hallo Herr Hoffmeister,\n"
                    "\n"
                    "Daniel hat die Rechtslage korrekt beschrieben. Die Sonderkündigung geht am "
                    "einfachsten im Kundencenter unter **Vertrag > Kündigen > Sonderkündigung "
                    "wegen Preisänderung**. Sie erhalten dann eine Bestätigung per E-Mail.\n"
                    "\n"
                    "Bevor Sie kündigen: Schauen Sie gern unter https://example.com/tarife, ob "
                    "einer unserer aktuellen Tarife für Sie günstiger ist – ein Wechsel ist "
                    "ebenfalls jederzeit möglich.\n"
                    "\n"
                    "Viele Grüße, Jana"
                ),
                "after_minutes": 110,
                "official": True,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "markus_h",
                "body": (
                    "Danke euch. Ich bin in den neuen DSL-100-Tarif gewechselt, der ist sogar 2 € "
                    "günstiger als mein alter vor der Erhöhung."
                ),
                "after_minutes": 600,
                "official": False,
                "accepted": False,
                "votes": 3,
            },
        ],
    },
    {
        "category": "vertrag-umzug",
        "kind": "question",
        "author": "tobi_rheinland",
        "title": "Umzug nach München – kann ich meinen Vertrag mitnehmen?",
        "body": (
            "Ich ziehe im Sommer von Köln nach München. Kann ich meinen Internetvertrag einfach "
            "mitnehmen? Und was passiert, wenn Nordlicht an der neuen Adresse nicht verfügbar ist?"
        ),
        "hours_ago": 270,
        "replies": [
            {
                "author": "kai_nordlicht",
                "body": (
                    "Hallo Herr Wendland,\n"
                    "\n"
                    "ja, Ihren Vertrag können Sie mitnehmen. So geht's:\n"
                    "\n"
                    "1. Melden Sie den Umzug **mindestens sechs Wochen vorher** im Kundencenter "
                    "unter **Vertrag > Umzug melden** an.\n"
                    "2. Wir prüfen die Verfügbarkeit an der neuen Adresse und schlagen Ihnen einen "
                    "Schalttermin vor, idealerweise am Einzugstag.\n"
                    "3. Ihre Box 7 nehmen Sie einfach mit.\n"
                    "\n"
                    "Ist der gebuchte Tarif an der neuen Adresse nicht verfügbar, können Sie nach "
                    "**§ 60 TKG** mit einer Frist von einem Monat kündigen. Die Verfügbarkeit "
                    "können Sie vorab hier prüfen: https://example.com/verfuegbarkeit\n"
                    "\n"
                    "Viele Grüße, Kai"
                ),
                "after_minutes": 85,
                "official": True,
                "accepted": True,
                "votes": 7,
            },
            {
                "author": "tobi_rheinland",
                "body": (
                    "Verfügbarkeit geprüft, in Sendling gibt es sogar Glasfaser. Dann melde ich "
                    "den Umzug gleich an."
                ),
                "after_minutes": 300,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
        ],
    },
    {
        "category": "vertrag-umzug",
        "kind": "question",
        "author": "miriam_s",
        "title": "Rufnummernmitnahme vom alten Anbieter hängt seit Wochen",
        "body": (
            "Ich habe vor vier Wochen meinen Mobilfunkvertrag zu Nordlicht gewechselt und die "
            "Mitnahme meiner Nummer beauftragt. Im Kundencenter steht immer noch **„Portierung in "
            "Bearbeitung“**, und ich telefoniere mit einer Übergangsnummer. Was kann ich tun?"
        ),
        "hours_ago": 190,
        "replies": [
            {
                "author": "ingrid_w",
                "body": (
                    "Bei mir hat es auch gedauert. Die Nummer wird frühestens zum **Vertragsende "
                    "beim alten Anbieter** übertragen, außer man hat dort eine vorzeitige "
                    "Portierung beauftragt."
                ),
                "after_minutes": 60,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hallo Frau Sandkuhl,\n"
                    "\n"
                    "eine häufige Ursache ist, dass die **Daten beim alten Anbieter nicht genau "
                    "übereinstimmen** – z. B. ein zweiter Vorname, ein anderes Geburtsdatum oder "
                    "die Rechnungsadresse. Dann lehnt der alte Anbieter die Portierung ab.\n"
                    "\n"
                    "Ich habe mir Ihren Vorgang angesehen und Ihnen im **privaten Chat** "
                    "geschrieben, welche Angabe nicht passt. Bitte posten Sie Ihre Rufnummer oder "
                    "Kundennummer nicht hier öffentlich.\n"
                    "\n"
                    "Viele Grüße, Jana"
                ),
                "after_minutes": 150,
                "official": True,
                "accepted": True,
                "votes": 5,
            },
            {
                "author": "miriam_s",
                "body": (
                    "Es war tatsächlich mein zweiter Vorname. Nach der Korrektur lief die "
                    "Portierung innerhalb von zwei Tagen durch. Danke!"
                ),
                "after_minutes": 2700,
                "official": False,
                "accepted": False,
                "votes": 3,
            },
        ],
    },
    {
        "category": "vertrag-umzug",
        "kind": "question",
        "author": "lucia_ferreira",
        "title": "Contract is in my name – can my partner call the hotline for me?",
        "body": (
            "My German is still basic, so my partner usually handles calls. The hotline refused to "
            "talk to him because the contract is in my name. How can I authorise him?"
        ),
        "hours_ago": 350,
        "replies": [
            {
                "author": "tom_expat",
                "body": (
                    "You can add him as an authorised person in the customer portal: **Meine Daten "
                    "> Berechtigte Personen > Person hinzufügen**. After that he can call with his "
                    "own name and a PIN you set there. Took effect for us the next day."
                ),
                "after_minutes": 120,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "lucia_ferreira",
                "body": "Great, I didn't know that existed. Thanks Tom!",
                "after_minutes": 400,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "vertrag-umzug",
        "kind": "discussion",
        "author": "daniel_ortmann",
        "title": "Tipp: Vor dem Kündigen Rechnungen und Daten sichern",
        "body": (
            "Kleiner Tipp aus eigener Erfahrung: Nach dem Vertragsende ist der Zugang zum "
            "Kundencenter nach einiger Zeit weg. Vorher sichern:\n"
            "\n"
            "- alle **Rechnungen als PDF** (Steuer, Homeoffice-Pauschale)\n"
            "- **Einzelverbindungsnachweise**, falls ihr die braucht\n"
            "- E-Mails oder Daten aus einem Nordlicht-Postfach, falls ihr eins nutzt\n"
            "\n"
            "Habt ihr noch etwas, das man nicht vergessen sollte?"
        ),
        "hours_ago": 440,
        "replies": [
            {
                "author": "anna_lenz",
                "body": (
                    "Guter Punkt! Ich würde noch die **Kündigungsbestätigung** ausdrucken und die "
                    "Rückgabe der Mietgeräte (Receiver, Box) dokumentieren – Versandbeleg aufheben."
                ),
                "after_minutes": 150,
                "official": False,
                "accepted": False,
                "votes": 5,
            },
            {
                "author": "sabine_k",
                "body": (
                    "Und bei Rufnummernmitnahme die Nummer **nicht** selbst beim alten Anbieter "
                    "kündigen, sondern den neuen Anbieter machen lassen. Sonst ist sie weg."
                ),
                "after_minutes": 400,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
        ],
    },
    {
        "category": "vertrag-umzug",
        "kind": "question",
        "author": "sabine_k",
        "title": "Tarifwechsel während der Mindestlaufzeit möglich?",
        "body": (
            "Ich bin im Homeoffice und brauche mehr Upload. Kann ich während der Mindestlaufzeit "
            "in einen schnelleren Tarif wechseln? Beginnt die Laufzeit dann von vorn?"
        ),
        "hours_ago": 490,
        "replies": [
            {
                "author": "anna_lenz",
                "body": (
                    "Ein **Upgrade** in einen größeren Tarif geht bei Nordlicht jederzeit, ein "
                    "Downgrade erst zum Ende der Laufzeit. Bei mir hat der Wechsel eine neue "
                    "Mindestlaufzeit von 24 Monaten gestartet – das stand aber vorher deutlich im "
                    "Bestellprozess unter **Vertrag > Tarif wechseln**."
                ),
                "after_minutes": 40,
                "official": False,
                "accepted": True,
                "votes": 3,
            },
            {
                "author": "sabine_k",
                "body": "Danke, dann schaue ich mir die Konditionen genau an.",
                "after_minutes": 130,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "english-corner",
        "kind": "discussion",
        "author": "claire_in_hh",
        "title": "Welcome thread: expats using Nordlicht – say hello!",
        "body": (
            "Hi everyone! I moved to Hamburg two years ago and this community helped me a lot with "
            "the German contract jargon. Let's use this thread to introduce ourselves and share "
            "tips for newcomers.\n"
            "\n"
            "My top tips:\n"
            "\n"
            "- The router menu can be switched to English\n"
            '- "Kündigung" = cancellation, "Laufzeit" = contract term\n'
            "- Always ask for things in writing"
        ),
        "hours_ago": 500,
        "replies": [
            {
                "author": "tom_expat",
                "body": (
                    "Hi Claire! Tom here, from Leeds, living in Bremen. Tip from me: the Nordlicht "
                    "app has an English language setting under **Profil > Sprache**."
                ),
                "after_minutes": 60,
                "official": False,
                "accepted": False,
                "votes": 4,
            },
            {
                "author": "raj_m",
                "body": (
                    "Hello from Stuttgart! Moved here for work in January. Still figuring out the "
                    "internet setup, so I'll probably have questions soon."
                ),
                "after_minutes": 300,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
            {
                "author": "petra_moderation",
                "body": (
                    "Welcome to all of you! 👋 Please feel free to ask in English anywhere in the "
                    "community – our experts answer in English, too. Quick reminder from the "
                    "[community guidelines](https://example.com/community/richtlinien): never post "
                    "customer numbers, IBANs or phone numbers publicly. @claire_in_hh thanks for "
                    "starting this thread!"
                ),
                "after_minutes": 420,
                "official": False,
                "accepted": False,
                "votes": 6,
            },
            {
                "author": "lucia_ferreira",
                "body": (
                    "Olá! Lúcia from Lisbon, now in Düsseldorf. Thanks for the tips, very helpful."
                ),
                "after_minutes": 900,
                "official": False,
                "accepted": False,
                "votes": 1,
            },
        ],
    },
    {
        "category": "english-corner",
        "kind": "question",
        "author": "raj_m",
        "title": "Can I get a contract before my Anmeldung is done?",
        "body": (
            "I just arrived and my appointment at the Bürgeramt is in four weeks. Can I already "
            "sign up for a mobile contract with Nordlicht, or do I need the Anmeldung first?"
        ),
        "hours_ago": 110,
        "replies": [
            {
                "author": "tom_expat",
                "body": (
                    "Prepaid definitely works – you only need your passport for the video "
                    "identification. For a contract I'm not sure."
                ),
                "after_minutes": 30,
                "official": False,
                "accepted": False,
                "votes": 2,
            },
            {
                "author": "jana_nordlicht",
                "body": (
                    "Hello Mr Mehra,\n"
                    "\n"
                    "welcome to Germany! Here is how it works with us:\n"
                    "\n"
                    "- **Prepaid:** only a valid ID document, verified by video call "
                    "(Video-Ident). No Anmeldung needed.\n"
                    "- **Postpaid contract:** you need a German address for the bills and a "
                    "SEPA-capable bank account. The Anmeldung itself is not required, but the "
                    "address on the order should match where you actually live.\n"
                    "\n"
                    "Many newcomers start with prepaid and switch to a contract later – the number "
                    "can be kept. More info: https://example.com/neu-in-deutschland\n"
                    "\n"
                    "Best regards, Jana"
                ),
                "after_minutes": 120,
                "official": True,
                "accepted": True,
                "votes": 7,
            },
        ],
    },
    {
        "category": "english-corner",
        "kind": "question",
        "author": "lucia_ferreira",
        "title": "How do I switch the Box 7 menu to English?",
        "body": (
            "Everything in the router's web interface (`http://192.168.178.1`) is in German. Is "
            "there an English version?"
        ),
        "hours_ago": 70,
        "replies": [
            {
                "author": "netzwerk_nerd",
                "body": (
                    "Yes! Log in at `http://192.168.178.1`, then go to **System > Region und "
                    "Sprache > Sprache**, choose **English** and click **Übernehmen**. The box "
                    "reloads and everything is in English from then on."
                ),
                "after_minutes": 20,
                "official": False,
                "accepted": True,
                "votes": 6,
            },
            {
                "author": "lucia_ferreira",
                "body": "That was easy. Thank you!",
                "after_minutes": 45,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "english-corner",
        "kind": "question",
        "author": "ben_okonjo",
        "title": "Letter says „Ihr Vertrag wurde verlängert“ – what does it mean?",
        "body": (
            "I received a letter saying *„Ihr Vertrag wurde verlängert“*. Am I now locked in for "
            "another two years? I never agreed to anything."
        ),
        "hours_ago": 35,
        "replies": [
            {
                "author": "claire_in_hh",
                "body": (
                    'It means "your contract has been extended", but don\'t worry: since the 2022 '
                    "telecoms law reform, contracts that pass their minimum term are only extended "
                    "**indefinitely with one month's notice**. You are not locked in for another "
                    "two years. You can cancel any time in the portal under **Vertrag > Kündigen**."
                ),
                "after_minutes": 40,
                "official": False,
                "accepted": True,
                "votes": 5,
            },
            {
                "author": "ben_okonjo",
                "body": "Phew, that's a relief. Thanks Claire!",
                "after_minutes": 100,
                "official": False,
                "accepted": False,
                "votes": 0,
            },
        ],
    },
    {
        "category": "english-corner",
        "kind": "question",
        "author": "tom_expat",
        "title": "Is there an English-speaking hotline?",
        "body": (
            "The phone menu at the hotline is only in German and I got lost somewhere between "
            '"Rechnung" and "Technik". Is there a number or an option for English-speaking '
            "support, or is the chat the better way?"
        ),
        "hours_ago": 5,
        "replies": [],
    },
]
