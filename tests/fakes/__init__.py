"""Local fake Facebook, X and Mastodon servers speaking the documented APIs over real HTTP."""
