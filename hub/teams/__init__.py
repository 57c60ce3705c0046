"""Teams: named groups of people, the categories their experts answer in, the private
categories they may read, and the members who moderate one category.

This package holds the tables and their reads only, and imports nothing but `hub/core`:
`hub/permissions` asks these tables who is an expert or a moderator in a category and who may
read a private one, so anything here that imported a feature would close a circle through
the permissions. The admin area writes them (`hub/admin/team_service.py`).
"""
