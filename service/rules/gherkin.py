"""A small reader for the scenarios in ``features/*.feature`` (the Gherkin subset the project uses).

Used by the rulebook page (which scenarios specify a route), the linter (ids named in scenarios) and
the scenario coverage report. Scenario outlines are expanded, one scenario per row of examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FEATURES_DIR = Path(__file__).resolve().parents[2] / "features"
_STEP = re.compile(r"^(Given|When|Then|And|But|\*)\s+(.*)$")


@dataclass
class Step:
    keyword: str  # Given, When or Then (And/But resolved to the one before)
    text: str
    line: int


@dataclass
class Scenario:
    name: str
    line: int
    steps: list[Step] = field(default_factory=list)
    example: dict | None = None  # the row of an outline's examples

    def lines(self):
        for s in self.steps:
            yield s.line, s.text

    @property
    def title(self) -> str:
        if not self.example:
            return self.name
        return f"{self.name} [{', '.join(f'{k}={v}' for k, v in self.example.items())}]"


@dataclass
class Feature:
    file: str  # as shown to people, e.g. features/helpwanted.feature
    name: str
    description: str
    scenarios: list[Scenario] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return Path(self.file).stem


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def parse(text: str, file: str) -> Feature:
    feature = Feature(file, "", "")
    background: list[Step] = []
    current = None  # ("scenario", Scenario) | ("outline", Scenario, header, rows) | ("background",)
    outlines = []
    description: list[str] = []
    last_keyword = "Given"
    in_examples = False
    header = None
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", "@")):
            continue
        if line.startswith("Feature:"):
            feature.name = line[len("Feature:"):].strip()
            continue
        if line.startswith("Background:"):
            current, in_examples = ("background", None), False
            continue
        m = re.match(r"^(Scenario Outline|Scenario Template|Scenario|Example):\s*(.*)$", line)
        if m:
            sc = Scenario(m.group(2).strip(), n)
            outline = m.group(1) in ("Scenario Outline", "Scenario Template")
            current, in_examples, header = ("outline" if outline else "scenario", sc), False, None
            if outline:
                outlines.append((sc, []))
            else:
                feature.scenarios.append(sc)
            continue
        if line.startswith(("Examples:", "Scenarios:")):
            in_examples, header = True, None
            continue
        if in_examples and line.startswith("|"):
            cells = _cells(line)
            if header is None:
                header = cells
            else:
                outlines[-1][1].append((n, dict(zip(header, cells, strict=False))))
            continue
        sm = _STEP.match(line)
        if sm and current is not None:
            keyword = sm.group(1)
            if keyword in ("Given", "When", "Then"):
                last_keyword = keyword
            step = Step(last_keyword, sm.group(2), n)
            if current[0] == "background":
                background.append(step)
            else:
                current[1].steps.append(step)
            continue
        if current is None:
            description.append(line)
    feature.description = " ".join(description)
    for sc in feature.scenarios:
        sc.steps = background + sc.steps
    expanded = []
    for sc, rows in outlines:
        for row_line, row in rows:
            steps = []
            for s in background + sc.steps:
                t = s.text
                for k, v in row.items():
                    t = t.replace(f"<{k}>", v)
                steps.append(Step(s.keyword, t, s.line))
            name = sc.name
            for k, v in row.items():
                name = name.replace(f"<{k}>", v)
            expanded.append((sc.line, Scenario(name, row_line, steps, row)))
    feature.scenarios = sorted(feature.scenarios + [s for _, s in expanded], key=lambda s: s.line)
    return feature


def parse_dir(directory: Path | None = None, root: Path | None = None) -> list[Feature]:
    directory = Path(directory or DEFAULT_FEATURES_DIR)
    if not directory.is_dir():
        return []
    root = root or directory.parent
    out = []
    for path in sorted(directory.glob("*.feature")):
        try:
            shown = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
        out.append(parse(path.read_text(encoding="utf-8"), shown))
    return out
