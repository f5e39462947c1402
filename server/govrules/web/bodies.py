"""Request bodies read with their limit, whether they come with a length or chunked.

A chunked body has no length to check up front; werkzeug's reader stops at the limit
without saying so, which stored a cut upload. Here the stream is read to the limit and one
byte beyond: a body over the limit is refused with 413 before any parser sees it.
"""

from __future__ import annotations

from flask import request
from werkzeug.exceptions import RequestEntityTooLarge

from govrules.errors import PayloadTooLarge

CHUNK = 1 << 16


def too_large(limit: int, what: str = "body") -> PayloadTooLarge:
    """Return the 413 for a *what* over *limit* bytes."""
    return PayloadTooLarge(f"the request {what} is larger than {limit} bytes; nothing was stored")


def read_body(limit: int, what: str = "body") -> bytes:
    """Return the whole request body, or refuse it with 413 if it is over *limit* bytes.

    :raises PayloadTooLarge: for a body over *limit*, with a length or chunked.
    """
    if (request.content_length or 0) > limit:
        raise too_large(limit, what)
    parts, size = [], 0
    try:
        while True:
            chunk = request.stream.read(min(CHUNK, limit + 1 - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
            if size > limit:
                raise too_large(limit, what)
    except RequestEntityTooLarge:
        raise too_large(limit, what) from None
    return b"".join(parts)


def check_text(text: str | None, limit: int, what: str) -> None:
    """Refuse query or update text over *limit* bytes (in UTF-8) with 413."""
    if text is not None and len(text.encode("utf-8", "surrogatepass")) > limit:
        raise PayloadTooLarge(
            f"the {what} is larger than {limit} bytes (setting max_query_bytes); "
            "split it or raise the limit"
        )
