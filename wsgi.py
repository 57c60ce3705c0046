"""Entry point: `flask --app wsgi run`, or `gunicorn -k gevent -w 1 wsgi:app` (see the README).

`socketio` is exported for servers that want Flask-SocketIO's runner (`socketio.run(app)`).
"""

import logging

from hub import create_app

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = create_app()
socketio = app.extensions["socketio"]

__all__ = ["app", "socketio"]
