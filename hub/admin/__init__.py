"""The admin area (`/admin`): the sections an admin runs the community from, each a page family
of its own module, and the audit log every admin change is written to (`audit.py`)."""
