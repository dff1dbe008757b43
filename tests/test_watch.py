"""The rules-directory watcher (service/ops/watch.py) and rule files read from a ConfigMap volume.

The servers that use the watcher are tested in test_replicas.py; here one look at a time, in process.
"""

import pytest
from configmap_volume import files_of, write_volume

from routewijzer.decide.decider import Decider
from routewijzer.ops.reload import RulebookStore
from routewijzer.ops.watch import DEFAULT_INTERVAL, Watcher, interval_from_env
from routewijzer.rules.rulebook import DEFAULT_RULES_DIR, digest_of, load


def with_version(files: dict[str, str], version: str) -> dict[str, str]:
    lines = [f'version: "{version}"' if line.startswith("version:") else line
             for line in files["rulebook.yaml"].splitlines()]
    return {**files, "rulebook.yaml": "\n".join(lines) + "\n"}


@pytest.fixture
def volume(tmp_path):
    target = tmp_path / "rules"
    write_volume(target, files_of(DEFAULT_RULES_DIR))
    return target


def test_a_configmap_volume_reads_as_the_plain_directory(volume, tmp_path):
    assert (volume / "..data").is_symlink() and (volume / "routes").is_symlink()
    book = load(volume)
    plain = load(DEFAULT_RULES_DIR)
    assert book.digest == plain.digest and book.version == plain.version
    assert sorted(book.routes) == sorted(plain.routes), "each file read once, through the symlinks"
    snapshot = RulebookStore(tmp_path / "state", volume).snapshot()
    assert not [p for p in snapshot.rglob("*") if p.name.startswith(".")], "the snapshot has no ..data copies"
    assert not [p for p in snapshot.rglob("*") if p.is_symlink()]
    decider = Decider.from_directory(snapshot, cache_size=0)
    try:
        assert decider.compiled.digest == plain.digest
    finally:
        decider.close()


def test_a_flat_volume_of_the_same_files_loads_the_same_rulebook(tmp_path):
    files = files_of(DEFAULT_RULES_DIR)
    flat = tmp_path / "flat"
    write_volume(flat, {rel.replace("/", "."): text for rel, text in files.items()})
    book, plain = load(flat), load(DEFAULT_RULES_DIR)
    assert sorted(book.routes) == sorted(plain.routes) and book.version == plain.version
    assert book.digest == plain.digest, "a '/' in a file's name counts as '.' in the digest"
    (flat / "..data" / "notes.yaml").write_text("notes: []\n", encoding="utf-8")
    assert digest_of(flat) != plain.digest, "and the bytes count"


def test_the_watcher_calls_once_per_change_of_the_files(volume):
    seen = []
    watcher = Watcher(volume, 0.1, seen.append)
    assert watcher.seen == digest_of(volume)
    assert not watcher.check() and seen == []

    write_volume(volume, with_version(files_of(DEFAULT_RULES_DIR), "2099.01.01"))
    assert watcher.check() and seen == [digest_of(volume)]
    assert load(volume).version == "2099.01.01"
    assert not watcher.check() and len(seen) == 1, "one call per change"

    # Back to the files it started from: that is a change too (a refused change is not sticky).
    write_volume(volume, files_of(DEFAULT_RULES_DIR))
    assert watcher.check() and seen[-1] == digest_of(DEFAULT_RULES_DIR)


def test_the_watcher_starts_from_the_published_digest(volume):
    """Files that changed between publishing and the watcher's start are noticed on its first look."""
    seen = []
    watcher = Watcher(volume, 0.1, seen.append, digest="sha256:published-before")
    assert watcher.check() and seen == [digest_of(volume)]


def test_the_watcher_thread_notices_a_change_and_stops(volume):
    seen = []
    watcher = Watcher(volume, 0.1, seen.append).start()
    try:
        write_volume(volume, with_version(files_of(DEFAULT_RULES_DIR), "2099.02.02"))
        for _ in range(100):
            if seen:
                break
            watcher._stop.wait(0.05)
    finally:
        watcher.stop()
    assert seen == [digest_of(volume)]
    assert not watcher._thread.is_alive()


@pytest.mark.parametrize("raw,value", [("", DEFAULT_INTERVAL), ("0", 0.0), ("2.5", 2.5), (" 10 ", 10.0)])
def test_the_interval_comes_from_the_environment(raw, value):
    assert interval_from_env({"ROUTEWIJZER_WATCH_INTERVAL": raw}) == value
    assert interval_from_env({}) == DEFAULT_INTERVAL


@pytest.mark.parametrize("raw", ["abc", "-1", "nan", "99999"])
def test_a_bad_interval_is_refused_with_the_reason(raw):
    with pytest.raises(ValueError, match="ROUTEWIJZER_WATCH_INTERVAL must be a number of seconds"):
        interval_from_env({"ROUTEWIJZER_WATCH_INTERVAL": raw})
