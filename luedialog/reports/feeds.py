"""Atom feeds (RFC 4287) of history entries for the site: built with xml.etree, so every text is escaped.

Each entry's ID is a ``tag:`` URI (RFC 4151) from the project's name, the date of its founding paper
and the entry (``tag:luener-dialog,2008-09-25:M-BEK-01/verlauf/2``); it never changes when the site
is built again. ``updated`` is the entry's date; a feed holds the newest :data:`NEWEST` entries.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from luedialog.text import visible

ATOM = "http://www.w3.org/2005/Atom"
NEWEST = 50


@dataclass(frozen=True)
class Feedeintrag:
    ident: str  # unique within the project, e.g. "M-BEK-01/verlauf/2"
    titel: str
    datum: date
    text: str
    url: str  # of the page it belongs to, relative to the site's root


@dataclass(frozen=True)
class Feed:
    pfad: str  # relative to the site's root, e.g. "massnahmen/M-BEK-01.xml"
    titel: str
    eintraege: list[Feedeintrag]  # newest first


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _clean(text: str) -> str:
    """Text for XML 1.0: control characters from the data shown as ``\\x1b`` (XML cannot hold them)."""
    return visible(text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = _clean(text)
    return element


def atom(feed: Feed, authority: str, projekt: str, kommune: str, leer: date) -> bytes:
    """The Atom document of ``feed``; links are relative to the feed's own place in the site.

    A feed without entries is as old as ``leer`` (the date of the founding paper): never the time of
    building, so the same data give the same bytes.
    """
    back = "../" * feed.pfad.count("/")
    entries = feed.eintraege[:NEWEST]
    page = "index.html" if feed.pfad == "feed.xml" else feed.pfad.removesuffix(".xml") + ".html"
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "de"})
    _add(root, "id", f"{authority}{feed.pfad.removesuffix('.xml')}")
    _add(root, "title", feed.titel)
    _add(root, "subtitle", f"Neue Einträge im Verlauf – {projekt}")
    _add(root, "updated", _stamp(entries[0].datum if entries else leer))
    author = _add(root, "author")
    _add(author, "name", kommune or projekt)
    _add(root, "link", rel="alternate", type="text/html", href=back + page)
    _add(root, "generator", "luedialog")
    for e in entries:
        entry = _add(root, "entry")
        _add(entry, "id", f"{authority}{e.ident}")
        _add(entry, "title", e.titel)
        _add(entry, "updated", _stamp(e.datum))
        who = _add(entry, "author")
        _add(who, "name", kommune or projekt)
        _add(entry, "link", rel="alternate", type="text/html", href=back + e.url)
        _add(entry, "summary", e.text or "–", type="text")
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
