"""A directory laid out and updated as kubelet lays out a ConfigMap volume (its "atomic writer").

The files live in a hidden timestamped directory ``..2026_12_01_18_00_00.123456789``; ``..data`` is a
symlink to it, and every top-level name is a symlink into ``..data``. An update writes a new timestamped
directory, points a new symlink ``..data_tmp`` at it, renames that over ``..data`` (the one atomic step),
then adds and removes top-level symlinks and deletes the old directory.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from routewijzer.rules.rulebook import rule_files


def files_of(directory: Path) -> dict[str, str]:
    """The rule files below ``directory`` as {relative path: text}."""
    return {p.relative_to(directory).as_posix(): p.read_text(encoding="utf-8") for p in rule_files(directory)}


def write_volume(target: Path, files: dict[str, str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    stamp = f"..{time.strftime('%Y_%m_%d_%H_%M_%S')}.{time.time_ns() % 10**9:09d}"
    for rel, text in files.items():
        path = target / stamp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    data = target / "..data"
    old = os.readlink(data) if data.is_symlink() else None
    tmp = target / "..data_tmp"
    os.symlink(stamp, tmp)
    os.rename(tmp, data)
    tops = {rel.split("/", 1)[0] for rel in files}
    for top in tops:
        if not (target / top).is_symlink():
            os.symlink(f"..data/{top}", target / top)
    for entry in target.iterdir():
        if entry.is_symlink() and not entry.name.startswith(".") and entry.name not in tops:
            entry.unlink()
    if old:
        shutil.rmtree(target / old)
