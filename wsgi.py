"""Entry point: `flask --app wsgi run`, or `gunicorn -k gthread --threads 32 -w 1 wsgi:app`.

`socketio` is exported for servers that want Flask-SocketIO's runner (`socketio.run(app)`).
"""

from hub import create_app

app = create_app()
socketio = app.extensions["socketio"]

__all__ = ["app", "socketio"]
