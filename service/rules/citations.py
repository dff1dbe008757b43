"""Official identifiers of the legal bases (``rules/citations.yaml``), as labels and links.

Every legal basis a route cites has one entry in the catalogue, keyed by the basis id (or, for a basis
with versions, by each version id): its BWB id and article (Dutch law), CELEX or ELI (EU law), or ECLI
(case law), with the day it was last checked; or, where it has none or none could be verified, the
reason. The linter holds every legal basis to it (check/lint.py); the rulebook page shows the links.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from .rulebook import Rulebook

KINDS = ("bwb", "celex", "eli", "ecli")


def cited_ids(book: Rulebook) -> dict[str, list]:
    """Every citable id (a legal basis, or each version of one) -> [(route item, path in its file)]."""
    out: dict[str, list] = {}
    for item in book.routes.values():
        for i, b in enumerate(item.data["legal_basis"]):
            if b["versions"]:
                for k, v in enumerate(b["versions"]):
                    out.setdefault(v["id"], []).append((item, ("legal_basis", i, "versions", k, "id")))
            else:
                out.setdefault(b["id"], []).append((item, ("legal_basis", i, "id")))
    return out


def rulebook_date(book: Rulebook) -> dt.date:
    """The rulebook's date: its version when that is a date (2026.11.30), else today."""
    m = re.fullmatch(r"(\d{4})[.-](\d{2})[.-](\d{2})", str(book.version))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return dt.date.today()


def identifier(entry: dict) -> tuple[str, str | None] | None:
    """(label, link) of a catalogue entry's identifier; None when it has none."""
    article = entry.get("article")
    if entry.get("bwb"):
        bwb = entry["bwb"]
        if article and ":" in article:  # the Civil Code: book and article (6:162)
            book, number = article.split(":", 1)
            ref = f"jci1.3:c:{bwb}&boek={quote(book)}&artikel={quote(number)}"
        elif article:
            ref = f"jci1.3:c:{bwb}&artikel={quote(article)}"
        else:
            ref = bwb
        return (f"{bwb}" + (f", art. {article}" if article else ""), f"https://wetten.overheid.nl/{ref}")
    if entry.get("celex"):
        celex = entry["celex"]
        return (f"CELEX {celex}" + (f", art. {article}" if article else ""),
                f"https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:{celex}")
    if entry.get("eli"):
        return (entry["eli"], entry["eli"])
    if entry.get("ecli"):
        ecli = entry["ecli"]
        if ecli.startswith("ECLI:NL:"):
            return (ecli, f"https://uitspraken.rechtspraak.nl/details?id={ecli}")
        return (ecli, f"https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=ecli:{ecli}")
    return None
