"""The writing commands: ``govrules token add`` and ``govrules load``."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from govrules.store.versions import FollowingStore

from .conftest import BIN, ROOT

EXPORTS = "https://w3id.org/govrules/graph/exports/"


@pytest.fixture()
def store(built_dir, tmp_path):
    target = tmp_path / "build"
    shutil.copytree(built_dir, target, symlinks=True, ignore=shutil.ignore_patterns("server-*"))
    return target / "store"


def govrules(*args, **env):
    import os

    environment = os.environ | {f"GOVRULES_{k.upper()}": str(v) for k, v in env.items()}
    return subprocess.run(
        [BIN / "govrules", *map(str, args)], cwd=ROOT, env=environment, capture_output=True
    )


def test_token_add_prints_the_token_once(tmp_path):
    path = tmp_path / "tokens.json"
    done = govrules("token", "add", "archive", "--scope", "admin", tokens_file=path)
    assert done.returncode == 0
    token = done.stdout.decode().strip()
    assert token.startswith("gr_") and token not in path.read_text()
    assert govrules("token", "add", "archive", tokens_file=path).returncode == 2


def test_load_stores_a_conforming_export(store):
    done = govrules("load", "data/examples/conforming.ttl", "--graph", "city", "--store", store)
    assert done.returncode == 0, done.stderr
    assert b"conforms" in done.stderr
    reader = FollowingStore(store)
    assert reader.count(EXPORTS + "city") > 100
    assert reader.count("https://w3id.org/govrules/graph/provenance") == 12


def test_load_refuses_a_violating_export_unless_forced(store):
    args = ("load", "data/examples/violating.ttl", "--graph", "bad", "--store", store)
    refused = govrules(*args)
    assert refused.returncode == 1
    assert b"does not conform" in refused.stderr and b"findings" in refused.stderr
    assert EXPORTS + "bad" not in FollowingStore(store).graphs()
    assert govrules(*args, "--force").returncode == 0
    assert EXPORTS + "bad" in FollowingStore(store).graphs()
