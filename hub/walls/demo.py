"""Demo walls: the company wall with news, a resolved known issue, and a few member walls.
Written through the walls service, as people would; the lead's demo loader calls `fill`."""

from hub.accounts.models import User
from hub.forums import follows
from hub.moderation import guard
from hub.walls import service as walls

COMPANY_POSTS = [
    (
        "**Neu: Glasfaser in Lüneburg-Kaltenmoor.** Ab Montag können Sie Anschlüsse mit bis zu "
        "1 Gbit/s buchen. Fragen dazu gern hier in die Kommentare.",
        False,
    ),
    (
        "Störung: In Teilen von Hamburg-Altona ist das Internet seit 7:40 Uhr langsam. "
        "Unsere Technik ist vor Ort; wir melden uns hier mit Updates.",
        True,
    ),
    (
        "Tipp der Woche: Das Router-Update 7.57 behebt WLAN-Abbrüche auf Kanal 100+. "
        "Es wird automatisch verteilt; in der Router-Oberfläche können Sie es sofort holen.",
        False,
    ),
]
MEMBER_POSTS = [
    "Endlich Glasfaser! Speedtest heute Morgen: 940 Mbit/s im Download.",
    "Kennt jemand einen guten Mesh-Repeater für ein altes Fachwerkhaus? Die Wände schlucken alles.",
    "Danke an alle, die mir bei der eSIM-Umstellung geholfen haben. Hat am Ende geklappt.",
]
COMMENTS = [
    "Super, darauf habe ich lange gewartet!",
    "Bei mir in Ottensen auch, seit heute Morgen.",
    "Danke für die schnelle Info.",
    "Glückwunsch! Welcher Tarif ist es geworden?",
]


def fill(people: dict[str, User]) -> None:
    """Fill the company wall and three member walls from the demo's people."""
    team = [p for p in people.values() if p.is_expert]
    members = [p for p in people.values() if p.role == "member"]
    if not team or len(members) < 4:
        return
    with guard.bypassed():
        topics = []
        for n, (body, known_issue) in enumerate(COMPANY_POSTS):
            topic = walls.create_wall_post(
                team[n % len(team)], "company", body, known_issue=known_issue
            )
            topics.append((topic, known_issue))
        first, _issue = topics[0]
        walls.set_pinned(team[0], first.id, True)
        for n, (topic, known_issue) in enumerate(topics):
            commenter = members[n % len(members)]
            comment = walls.create_comment(commenter, topic.id, COMMENTS[n % len(COMMENTS)])
            walls.like(members[(n + 1) % len(members)], comment.id)
            if known_issue:
                walls.add_issue_update(
                    team[0], topic.id, "Ein Netzknoten wird getauscht; Ende ca. 11 Uhr."
                )
                walls.add_issue_update(
                    team[-1], topic.id, "Behoben: alle Anschlüsse laufen wieder.", resolve=True
                )
        for n, body in enumerate(MEMBER_POSTS):
            owner = members[n]
            topic = walls.create_wall_post(owner, owner.username, body)
            friend = members[n + 1]
            follows.follow(friend, "user", owner.id)
            walls.create_comment(friend, topic.id, COMMENTS[3 if n == 0 else n])
