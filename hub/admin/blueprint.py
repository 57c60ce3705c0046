"""The admin blueprint (`admin.*` endpoints). The pages are in one module per section (see
`views.py`), each adding its routes to `bp`."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
