"""What search engines and feed readers fetch: `/robots.txt`, the sitemap (`/sitemap.xml`, an
index of pages of at most 10,000 addresses) and the Atom feeds of the latest topics, each
category, the FAQ and the company wall. All of it is what a visitor may read, and only that.
"""
