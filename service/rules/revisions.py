"""Rule files from a directory or from the repository's history (a git revision).

``routewijzer decide --rules`` and ``routewijzer rules diff`` take either: a directory as it is, or a
git revision (``HEAD~3``, a tag, a commit, ``main``), whose ``rules/`` (and ``features/``) are read
from git into a temporary directory. ``REV:path`` names another rules directory in that revision.
The revision is one of the repository around the current directory. The copy is named like the
directory it came from, so ``path:line`` messages and the rulebook digest
(which covers the paths below the rules directory and the bytes of every file) are those of the
revision: the rulebook that served a decision then is the rulebook read back now.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .rulebook import DEFAULT_RULES_DIR


class RevisionError(ValueError):
    """Neither a rules directory nor a git revision that has one."""


def _git(repo: Path, *args: str, binary: bool = False):
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout if binary else done.stdout.decode("utf-8").strip()


def _extract(repo: Path, revision: str, path: str, target: Path) -> bool:
    """Write ``path`` as it is in ``revision`` below ``target``; False when the revision has no such path."""
    try:
        tar = _git(repo, "archive", "--format=tar", revision, "--", path, binary=True)
    except RevisionError:
        return False
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(target, filter="data")
    return True


@contextmanager
def checkout(spec: str | Path | None, repo: Path | None = None):
    """The rules directory ``spec`` names, as (rules dir, features dir or None), for the block's duration.

    ``spec`` is a directory, or a git revision (``REV`` for its ``rules/``, ``REV:path`` for another
    directory) of the repository around ``repo`` (default: the current directory).
    """
    if spec is None:
        spec = DEFAULT_RULES_DIR
    as_path = Path(spec)
    if as_path.is_dir():
        features = as_path.resolve().parent / "features"
        yield as_path.resolve(), (features if features.is_dir() else None)
        return
    repo = Path(repo or Path.cwd())
    spec = str(spec)
    revision, _, path = spec.partition(":")
    try:
        top = Path(_git(repo, "rev-parse", "--show-toplevel"))
        commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"'{spec}' is neither a rules directory nor a git revision") from None
    rules_path = (path or DEFAULT_RULES_DIR.name).strip("/")
    tmp = Path(tempfile.mkdtemp(prefix="routewijzer-rev-"))
    try:
        if not _extract(top, commit, rules_path, tmp):
            raise RevisionError(f"revision '{revision}' ({commit[:12]}) has no directory '{rules_path}'")
        features_path = (Path(rules_path).parent / "features").as_posix()
        features = tmp / features_path if _extract(top, commit, features_path, tmp) else None
        yield tmp / rules_path, features
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
