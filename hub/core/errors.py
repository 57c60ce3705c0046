"""The errors services raise. Each surface (HTML, JSON API, Socket.IO) maps them once."""


class HubError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str = "", fields: dict[str, str] | None = None):
        super().__init__(message or self.__class__.__doc__)
        self.message = message or (self.__class__.__doc__ or "").strip()
        self.fields = fields or {}


class NotFound(HubError):
    """Not found."""

    status = 404
    code = "not_found"


class Moved(NotFound):
    """It has a new address: an old name in a URL answers with a redirect to the new one."""

    def __init__(self, message: str = "", *, old: str, new: str):
        super().__init__(message)
        self.old, self.new = old, new


class Forbidden(HubError):
    """You may not do that."""

    status = 403
    code = "forbidden"


class Unauthorized(HubError):
    """Log in first."""

    status = 401
    code = "unauthorized"


class WrongCredentials(Unauthorized):
    """Wrong username, e-mail or password: the same whichever part was wrong."""

    code = "invalid_credentials"


class Invalid(HubError):
    """Some values are not valid; `fields` says which and why."""

    status = 422
    code = "invalid"


class Conflict(HubError):
    """That conflicts with what exists (a name taken, a duplicate)."""

    status = 409
    code = "conflict"


class TooMany(HubError):
    """Too many requests; try again later."""

    status = 429
    code = "rate_limited"

    def __init__(self, message: str = "", retry_after: int = 60):
        super().__init__(message)
        self.retry_after = retry_after


class Busy(TooMany):
    """The database is too busy to take this now; nothing was saved, send it again shortly."""

    status = 503
    code = "busy"
