"""Atom feeds (RFC 4287) of history entries for the site: every text escaped for XML.

Each entry's ID is a ``tag:`` URI (RFC 4151) from the project's name, the date of its founding paper
and the entry (``tag:luener-dialog,2008-09-25:M-BEK-01/verlauf/2``); it never changes when the site
is built again. ``updated`` is the entry's date; a feed holds the newest :data:`NEWEST` entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

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


def _text(text: str) -> str:
    """Text for XML 1.0, escaped: control characters from the data shown as ``\\x1b`` (XML cannot hold
    them), ``&``, ``<`` and ``>`` as entities."""
    return escape(visible(text))


def _attribute(text: str) -> str:
    return quoteattr(visible(text))


def atom(feed: Feed, authority: str, projekt: str, kommune: str, leer: date) -> bytes:
    """The Atom document of ``feed``; links are relative to the feed's own place in the site.

    A feed without entries is as old as ``leer`` (the date of the founding paper): never the time of
    building, so the same data give the same bytes. Written as text with every value escaped (as
    fast as it needs to be for 10,000 feeds; the tests read every feed back with feedparser).
    """
    back = "../" * feed.pfad.count("/")
    entries = feed.eintraege[:NEWEST]
    page = "index.html" if feed.pfad == "feed.xml" else feed.pfad.removesuffix(".xml") + ".html"
    author = _text(kommune or projekt)
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>",
        f'<feed xmlns="{ATOM}" xml:lang="de">',
        f"  <id>{_text(authority + feed.pfad.removesuffix('.xml'))}</id>",
        f"  <title>{_text(feed.titel)}</title>",
        f"  <subtitle>{_text(f'Neue Einträge im Verlauf – {projekt}')}</subtitle>",
        f"  <updated>{_stamp(entries[0].datum if entries else leer)}</updated>",
        f"  <author>\n    <name>{author}</name>\n  </author>",
        f'  <link rel="alternate" type="text/html" href={_attribute(back + page)} />',
        "  <generator>luedialog</generator>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <id>{_text(authority + e.ident)}</id>",
            f"    <title>{_text(e.titel)}</title>",
            f"    <updated>{_stamp(e.datum)}</updated>",
            f"    <author>\n      <name>{author}</name>\n    </author>",
            f'    <link rel="alternate" type="text/html" href={_attribute(back + e.url)} />',
            f'    <summary type="text">{_text(e.text or "–")}</summary>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")
