"""Bearer tokens for writes: kept hashed in a TOML or JSON file, each with a name and a scope.

Scopes: ``write`` may change named graphs under ``…/graph/exports/`` only; ``admin`` may change
anything, the built regulation graphs included. A token is 32 random bytes, so a salted SHA-256
is enough to keep it (slow hashes guard guessable passwords, not random keys); comparison is
constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from govrules.errors import BadRequest, Forbidden, GovrulesError

SCOPES = ("write", "admin")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class Unauthorized(GovrulesError):
    status, code = 401, "unauthorized"


@dataclass(frozen=True)
class Entry:
    """One stored token: who it belongs to, what it may do, and its salted hash."""

    name: str
    scope: str
    salt: str
    hash: str


@dataclass(frozen=True)
class Caller:
    """Who is writing: a token's name and scope, or a CLI user (always admin)."""

    name: str
    scope: str


def digest(token: str, salt: str) -> str:
    """Return the hex SHA-256 of *salt* and *token*.

    >>> digest("t", "s")[:16]
    '763796fcb8f9d137'
    """
    return hashlib.sha256(f"{salt}:{token}".encode()).hexdigest()


def read_tokens(path: str | Path | None) -> list[Entry]:
    """Return the tokens in *path* (TOML or JSON by suffix); none if *path* is empty.

    :raises govrules.errors.GovrulesError: if the file cannot be read.
    """
    if not path:
        return []
    path = Path(path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
        return [
            Entry(**{k: str(t[k]) for k in ("name", "scope", "salt", "hash")})
            for t in data.get("tokens", [])
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GovrulesError(f"cannot read the tokens file {path}: {exc}") from None


def write_tokens(path: Path, entries: list[Entry]) -> None:
    """Write *entries* to *path* (TOML or JSON by suffix), readable by its owner only."""
    if path.suffix == ".json":
        text = json.dumps({"tokens": [asdict(e) for e in entries]}, indent=1) + "\n"
    else:
        text = "".join(
            "[[tokens]]\n" + "".join(f'{k} = "{v}"\n' for k, v in asdict(e).items()) + "\n"
            for e in entries
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(path.name + ".new")
    staged.write_text(text, encoding="utf-8")
    staged.chmod(0o600)
    staged.replace(path)


def add_token(path: str | Path, name: str, scope: str) -> str:
    """Create a token for *name* with *scope*, store its hash in *path*, return the token.

    :raises govrules.errors.BadRequest: for a bad name, an unknown scope or a name in use.
    """
    if not _NAME.match(name):
        raise BadRequest(f"bad token name {name!r}: letters, digits, '.', '_', '-'")
    if scope not in SCOPES:
        raise BadRequest(f"unknown scope {scope!r}: use {' or '.join(SCOPES)}")
    path = Path(path)
    entries = read_tokens(path)
    if any(e.name == name for e in entries):
        raise BadRequest(f"a token named {name!r} exists already")
    token = "gr_" + secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    write_tokens(path, [*entries, Entry(name, scope, salt, digest(token, salt))])
    return token


def authenticate(header: str | None, entries: list[Entry]) -> Caller:
    """Return the caller an ``Authorization`` header names.

    :raises Forbidden: if no tokens are configured (writes are disabled).
    :raises Unauthorized: for a missing, malformed or unknown token.
    """
    if not entries:
        raise Forbidden("writes are disabled on this server: no tokens are configured")
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("this needs a token: send 'Authorization: Bearer <token>'")
    token = token.strip()
    for entry in entries:
        if hmac.compare_digest(digest(token, entry.salt), entry.hash):
            return Caller(entry.name, entry.scope)
    raise Unauthorized("the token is not valid on this server")
