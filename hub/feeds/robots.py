"""The lines of /robots.txt (RFC 9309): crawl the public pages, not the admin and moderation
areas, account pages, forms, the API or the search results (each query is a new address: a
crawl trap); and where the sitemap is. A staging install (`HUB_ROBOTS=none`) keeps every
crawler out."""

# Paths no crawler should fetch: each rule is a prefix, `*` matches any characters and `$`
# ends the path (RFC 9309, 2.2.3).
DISALLOWED = (
    "/admin/",
    "/moderation",
    "/my/",
    "/team/",
    "/settings",
    "/wall-settings",
    "/notifications",
    "/api/",
    "/search",
    "/similar",
    "/ask",
    "/c/*/ask",
    "/*?quote=",
    "/*&quote=",
    "/p/*/edit",
    "/p/*/revisions",
    "/wp/",
    "/faq/new",
    "/faq/*/edit",
    "/faq/*/helpful",
    "/faq/*/share",
    "/t/*/share",
    "/report/",
    "/appeal/",
    "/login",
    "/logout",
    "/register",
    "/password/",
    "/confirm/",
    "/language",
    "/feed$",  # a member's own feed; the Atom feeds under /feeds/ stay open
    "/t/*/posts.json",
    "/go/",  # tracked links from the networks: a crawler's visit is no arrival
)


def lines(mode: str, sitemap_url: str) -> list[str]:
    """`mode` is the HUB_ROBOTS setting: `index` (crawl the public pages) or `none`."""
    if mode == "none":
        return ["User-agent: *", "Disallow: /"]
    rules = [f"Disallow: {path}" for path in DISALLOWED]
    return ["User-agent: *", "Allow: /", *rules, "", f"Sitemap: {sitemap_url}"]
