"""Copy-on-write store versions: a write is published whole or not at all; readers follow."""

from __future__ import annotations

import os

import pyoxigraph as ox
import pytest

from govrules.store import versions
from govrules.store.versions import FollowingStore

NT = b"<http://e/s> <http://e/p> <http://e/o> .\n"
G = "http://e/g"


@pytest.fixture()
def store_path(tmp_path):
    """A store of one triple in graph G, published as version 1."""
    path = tmp_path / "store"
    version = versions.new_version(path)
    store = ox.Store(str(version))
    store.load(NT, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(G))
    store.flush()
    del store
    versions.publish(path, version)
    return path


def add(graph: str, n: int = 1):
    def change(store: ox.Store) -> None:
        for i in range(n):
            store.add(
                ox.Quad(
                    ox.NamedNode(f"http://e/{i}"),
                    ox.NamedNode("http://e/p"),
                    ox.Literal(str(i)),
                    ox.NamedNode(graph),
                )
            )

    return change


def test_publish_points_the_symlink_at_the_version(store_path):
    assert os.readlink(store_path) == "store-versions/1"
    assert FollowingStore(store_path).count(G) == 1


def test_a_write_publishes_a_new_version_and_readers_follow(store_path):
    reader = FollowingStore(store_path)
    assert reader.count() == 1
    versions.write(store_path, add("http://e/new", 5))
    assert os.readlink(store_path) == "store-versions/2"
    assert reader.count("http://e/new") == 5
    assert reader.count(G) == 1


def test_a_failed_write_leaves_nothing(store_path):
    def broken(store: ox.Store) -> None:
        add("http://e/half", 100)(store)
        raise RuntimeError("killed halfway")

    with pytest.raises(RuntimeError):
        versions.write(store_path, broken)
    assert os.readlink(store_path) == "store-versions/1"
    assert sorted(p.name for p in versions.versions_dir(store_path).iterdir()) == ["1"]
    assert FollowingStore(store_path).graphs() == [G]


def test_cleanup_removes_unpublished_versions(store_path):
    leftover = versions.new_version(store_path)  # what a killed writer leaves
    leftover.mkdir()
    (leftover / "000001.sst").write_bytes(b"half")
    cut = versions.versions_dir(store_path) / "3.tmp"  # a checkpoint cut short
    cut.mkdir()
    assert sorted(versions.tidy(store_path)) == [leftover, cut]
    assert not leftover.exists() and not cut.exists()


def test_superseded_versions_go_after_the_grace_period(store_path):
    versions.write(store_path, add("http://e/a"))
    versions.write(store_path, add("http://e/b"))
    folder = versions.versions_dir(store_path)
    assert sorted(p.name for p in folder.iterdir()) == ["1", "2", "3"]
    with versions.write_lock(store_path):
        versions.cleanup(store_path, grace=0)
    assert sorted(p.name for p in folder.iterdir()) == ["2", "3"]  # the previous one is kept
    assert FollowingStore(store_path).count() == 3


def test_an_old_plain_directory_store_is_adopted(tmp_path):
    path = tmp_path / "store"
    store = ox.Store(str(path))
    store.load(NT, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(G))
    store.flush()
    del store
    versions.write(path, add("http://e/a"))
    assert path.is_symlink()
    assert FollowingStore(path).count() == 2


def test_readlink_check_costs_microseconds(store_path):
    import time

    reader = FollowingStore(store_path)
    start = time.perf_counter()
    for _ in range(1000):
        reader.refresh()
    assert (time.perf_counter() - start) / 1000 < 50e-6
