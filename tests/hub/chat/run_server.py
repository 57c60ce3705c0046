"""A hub server process for the two-process tests: `python -m tests.hub.chat.run_server PORT`.

Settings come from HUB_* environment variables, as in production.
"""

import sys

from hub import create_app


def main() -> None:
    port = int(sys.argv[1])
    app = create_app()
    app.extensions["socketio"].run(
        app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, use_reloader=False
    )


if __name__ == "__main__":
    main()
