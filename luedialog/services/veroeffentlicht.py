"""``pruefen --oeffentlich ORDNER``: scan a built folder (reports, site, open data) for every internal
text and every name without consent, before it is published.

Text files are read as what a reader sees: HTML and XML with entities resolved and tags taken out,
JSON by its strings, CSV by its cells, Markdown without its escapes; whitespace runs count as one
space. Other files (PDF, images) are not read; they are made from the same content as the HTML.
A finding names the file and the kind of content, never the text or the name itself.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from luedialog.errors import LuedialogError, reason
from luedialog.queries.oeffentlich import interne_texte
from luedialog.snapshot import Snapshot

TEXT_SUFFIXES = frozenset(
    (".html", ".htm", ".xml", ".atom", ".rss", ".svg", ".json", ".jsonld", ".csv", ".md", ".txt", ".js", ".css")
)
MAX_BYTES = 200 * 1024 * 1024  # a file larger than this is not a report, and is refused
_TAG = re.compile(r"<[^>]*>")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class Fund:
    datei: str  # relative to the folder, with /
    art: str  # „ein interner Text (Verlaufseintrag 4 von M-BIL-01)“, „ein Name ohne Einwilligung (…)“


@dataclass(frozen=True)
class Ergebnis:
    funde: list[Fund]
    dateien: int  # text files read
    uebersprungen: int  # other files (not read)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)


def lesbar(name: str, data: bytes) -> str:
    """The text of file ``name`` as a reader sees it, whitespace runs as one space."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".jsonld"):
        with contextlib.suppress(ValueError):  # not JSON after all: searched as it is
            text = "\n".join(_strings(json.loads(text)))
    elif suffix == ".csv":
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            text = "\n".join(cell for row in csv.reader(io.StringIO(text), dialect) for cell in row)
        except csv.Error:
            pass
    elif suffix in (".html", ".htm", ".xml", ".atom", ".rss", ".svg"):
        text = html.unescape(_TAG.sub(" ", text))
    elif suffix == ".md":
        text = html.unescape(_MD_ESCAPE.sub(r"\1", text))
    return " ".join(text.replace("\u00a0", " ").split())


def _pattern(text: str) -> re.Pattern[str]:
    """``text`` as a whole (not inside a longer word), any whitespace as one space."""
    return re.compile(r"(?<!\w)" + re.escape(" ".join(text.split())) + r"(?!\w)")


def _files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():  # a link to a file too: it would be published with the folder
            yield path


def pruefe_ordner(snap: Snapshot, folder: Path) -> Ergebnis:
    """Every file in ``folder`` that holds an internal text or a name without consent."""
    if not folder.is_dir():
        raise LuedialogError(
            f"{folder} ist kein Ordner.",
            hint="Nennen Sie den erzeugten Ordner, z. B. luedialog pruefen --oeffentlich public/",
        )
    needles: list[tuple[re.Pattern[str], str]] = [
        (_pattern(t.text), f"ein interner Text ({t.wo})") for t in interne_texte(snap)
    ]
    groups: dict[str, list[str]] = {}
    for g in sorted(snap.gruppen.values(), key=lambda x: x.id):
        for m in g.mitglieder:
            groups.setdefault(m.person, []).append(g.id)
    for name in sorted(snap.private_namen):
        where = ", ".join(dict.fromkeys(groups.get(name, []))) or "einer Gruppe"
        needles.append((_pattern(name), f"ein Name ohne Einwilligung (Mitglied von {where})"))
    funde: list[Fund] = []
    read = skipped = 0
    for path in _files(folder):
        rel = path.relative_to(folder).as_posix()
        if path.suffix.lower() not in TEXT_SUFFIXES:
            skipped += 1
            continue
        try:
            if path.stat().st_size > MAX_BYTES:
                raise LuedialogError(f"{rel} ist größer als 200 MB und wird nicht geprüft.")
            data = path.read_bytes()
        except OSError as exc:
            raise LuedialogError(f"{rel} kann nicht gelesen werden ({reason(exc)}).") from None
        read += 1
        text = lesbar(rel, data)
        for art in dict.fromkeys(art for pattern, art in needles if pattern.search(text)):
            funde.append(Fund(rel, art))
    return Ergebnis(funde, read, skipped)
