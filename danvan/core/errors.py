"""The one error type services raise: a message already translated for the user."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken; `message` is shown to the user as it is.

    `code` is a stable machine name for API clients; `status` is the HTTP status views map it to, and
    `headers` go with that answer (`Retry-After` with a 429).
    """

    def __init__(
        self, message: str, *, code: str = "invalid", status: int = 400, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.headers = headers or {}


class NotFound(DomainError):
    """Missing and forbidden look the same to the caller."""

    def __init__(self, message: str, *, code: str = "not_found") -> None:
        super().__init__(message, code=code, status=404)
