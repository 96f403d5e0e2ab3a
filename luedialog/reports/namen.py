"""File names in the site for IDs and names from the data: never a path outside their folder."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")


def file_stem(ident: str) -> str:
    """A file name for an ID: the ID itself where it is a plain name (``M-BEK-01``), else a slug with a
    short hash, so no ID can name a path outside its folder."""
    if _SAFE_NAME.fullmatch(ident) and ".." not in ident and ident.lower() not in ("index", "feed", "suche"):
        return ident
    return f"{slug(ident)}-{hashlib.sha256(ident.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def slug(text: str) -> str:
    """``Lünen-Nord`` → ``luenen-nord``: lower case ASCII letters, digits and hyphens."""
    value = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        value = value.replace(umlaut, plain)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-")[:60] or "x"
