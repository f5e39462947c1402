"""Write tokens: stored hashed, checked in constant time, scoped."""

from __future__ import annotations

import json

import pytest

from govrules.errors import BadRequest, Forbidden
from govrules.writes.tokens import Unauthorized, add_token, authenticate, read_tokens


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_a_token_is_printed_once_and_stored_hashed(tmp_path, suffix):
    path = tmp_path / f"tokens{suffix}"
    token = add_token(path, "alice", "write")
    text = path.read_text()
    assert token not in text
    assert "alice" in text
    if suffix == ".json":
        assert json.loads(text)["tokens"][0]["scope"] == "write"
    assert authenticate(f"Bearer {token}", read_tokens(path)).scope == "write"
    assert path.stat().st_mode & 0o077 == 0


def test_wrong_missing_and_disabled(tmp_path):
    path = tmp_path / "tokens.toml"
    add_token(path, "root", "admin")
    entries = read_tokens(path)
    with pytest.raises(Unauthorized):
        authenticate("Bearer nope", entries)
    with pytest.raises(Unauthorized):
        authenticate(None, entries)
    with pytest.raises(Forbidden, match="disabled"):
        authenticate("Bearer x", [])


def test_names_and_scopes_are_checked(tmp_path):
    path = tmp_path / "tokens.toml"
    add_token(path, "a", "admin")
    with pytest.raises(BadRequest, match="exists"):
        add_token(path, "a", "write")
    with pytest.raises(BadRequest, match="scope"):
        add_token(path, "b", "root")
    with pytest.raises(BadRequest, match="name"):
        add_token(path, "a b", "write")
