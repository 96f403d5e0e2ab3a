"""A small declarative schema: field rules that validate parsed YAML, build the domain objects,
and describe themselves as JSON Schema. One definition serves all three, so they cannot drift.

Every problem becomes a :class:`~luedialog.findings.Finding` with file, line and key path;
validation never stops at the first problem.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from functools import cached_property
from typing import Any

from luedialog.dates import InvalidDateError, parse_date
from luedialog.files.read import Document, KeyPath, Value, format_key_path
from luedialog.findings import Finding, error

CONTACT_KEY = re.compile(
    r"(e-?mail|mail$|telefon|phone|handy|mobil|fax|adresse|anschrift|address|strasse|straße|plz|postleitzahl|"
    r"wohnort|geburt)",
    re.IGNORECASE,
)


Vocab = Mapping[str, tuple[str, ...]] | None


class _Invalid:
    """Marker for a value that failed validation."""


INVALID = _Invalid()


def suggest(word: str, choices: list[str] | set[str] | tuple[str, ...]) -> str:
    """`` Meinten Sie „x“?`` or an empty string."""
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f"Meinten Sie „{lowered[close[0]]}“?" if close else ""


@dataclass
class Context:
    """What validation needs besides the value: the document and the vocabularies."""

    doc: Document
    vocabularies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    vocabulary_labels: Mapping[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def fail(self, key: KeyPath, code: str, message: str, hint: str = "", *, at_key: bool = False) -> None:
        line, column = self.doc.key_position(key) if at_key else self.doc.position(key)
        self.findings.append(
            error(self.doc.name, line, code, message, hint=hint, key=format_key_path(key), column=column)
        )


class FieldType:
    """Base of all field types."""

    label = "Wert"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        raise NotImplementedError

    def wrong_type(self, value: Value, key: KeyPath, ctx: Context) -> _Invalid:
        ctx.fail(key, "falscher-typ", f"Erwartet wird {self.label}, gefunden: {_describe(value)}.")
        return INVALID


def _describe(value: Value) -> str:
    if value is None:
        return "nichts (leer)"
    if isinstance(value, bool):
        return "ein Wahrheitswert (true/false)"
    if isinstance(value, (int, float)):
        return f"die Zahl {value}"
    if isinstance(value, date):
        return f"das Datum {value.isoformat()}"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, dict):
        return "eine Zuordnung (Schlüssel: Wert)"
    return f"der Text „{value}“"


@dataclass(frozen=True)
class Text(FieldType):
    """A text; ``vocabulary`` names a configured list the value must come from."""

    vocabulary: str | None = None
    label = "ein Text"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if value.__class__ is str:  # nearly always
            text: str = value
        elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return self.wrong_type(value, key, ctx)
        else:
            text = str(value)
        if not text or text.isspace():  # as `not text.strip()`, without copying the text
            ctx.fail(key, "leer", "Der Text ist leer.", "Tragen Sie einen Text ein oder lassen Sie den Schlüssel weg.")
            return INVALID
        if self.vocabulary is not None:
            allowed = ctx.vocabularies.get(self.vocabulary, ())
            if text not in allowed:
                what = ctx.vocabulary_labels.get(self.vocabulary, self.vocabulary)
                hint = suggest(text, allowed) or "Erlaubt: " + ", ".join(allowed) + "."
                ctx.fail(
                    key, "unbekannter-wert", f"„{text}“ ist kein bekannter Wert für {what} (luedialog.yaml).", hint
                )
                return INVALID
        return text

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        if self.vocabulary is None:
            return {"type": ["string", "number"]}
        allowed = (vocab or {}).get(self.vocabulary)
        return {"type": "string", "enum": list(allowed)} if allowed else {"type": "string"}


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int | None = None
    maximum: int | None = None
    label = "eine ganze Zahl"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_type(value, key, ctx)
        return _in_range(value, self.minimum, self.maximum, key, ctx)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return _range_schema({"type": "integer"}, self.minimum, self.maximum)


@dataclass(frozen=True)
class Number(FieldType):
    minimum: float | None = None
    maximum: float | None = None
    label = "eine Zahl"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.wrong_type(value, key, ctx)
        if isinstance(value, float) and not math.isfinite(value):
            ctx.fail(key, "ausserhalb", "Unendlich oder „keine Zahl“ (.inf, .nan) ist hier nicht erlaubt.")
            return INVALID
        return _in_range(value, self.minimum, self.maximum, key, ctx)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return _range_schema({"type": "number"}, self.minimum, self.maximum)


def _in_range(value: float, low: float | None, high: float | None, key: KeyPath, ctx: Context) -> Any:
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = (
            f"zwischen {_bound(low)} und {_bound(high)}"
            if low is not None and high is not None
            else (f"mindestens {_bound(low)}" if low is not None else f"höchstens {_bound(high)}")
        )
        shown = str(value) if isinstance(value, int) else f"{value:g}"  # ":g" overflows on huge integers
        shown = shown if len(shown) <= 20 else shown[:20] + "…"
        ctx.fail(key, "ausserhalb", f"Der Wert {shown} liegt nicht im erlaubten Bereich ({bounds}).")
        return INVALID
    return value


def _bound(value: float | None) -> str:
    """A limit as people read it: 100, 2200, 1.000.000.000.000 (not 1e+12)."""
    if value is not None and float(value).is_integer() and 10_000 <= abs(value) < 1e16:
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}"


def _range_schema(schema: dict[str, Any], low: float | None, high: float | None) -> dict[str, Any]:
    if low is not None:
        schema["minimum"] = low
    if high is not None:
        schema["maximum"] = high
    return schema


@dataclass(frozen=True)
class Boolean(FieldType):
    label = "ja oder nein (true/false)"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("ja", "nein"):
            return value.lower() == "ja"
        return self.wrong_type(value, key, ctx)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return {"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nein", "Ja", "Nein"]}]}


@dataclass(frozen=True)
class Intern(FieldType):
    """``intern: ja`` (the whole entry is internal) or a list of the entry's fields that are internal.

    ``felder`` are the fields that may be named; internal content never reaches a published output
    (``queries/oeffentlich.py``), the terminal shows it to staff.
    """

    felder: tuple[str, ...] = ()
    ganz: str | None = None  # why the whole entry cannot be internal (then only a list is allowed)
    label = "ja oder nein, oder eine Liste von Feldnamen"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("ja", "nein")):
            if self.ganz is not None:
                example = "intern: [" + ", ".join(self.felder) + "]"
                ctx.fail(key, "intern-ganz", self.ganz, f"Nennen Sie die internen Felder, z. B. {example}.")
                return INVALID
            return Boolean().check(value, key, ctx)
        if not isinstance(value, list):
            return self.wrong_type(value, key, ctx)
        names: list[str] = []
        ok = True
        for i, item in enumerate(value):
            if not isinstance(item, str) or item not in self.felder:
                shown = f"„{item}“" if isinstance(item, str) else _describe(item)
                hint = (suggest(item, self.felder) if isinstance(item, str) else "") or (
                    "Möglich: " + ", ".join(self.felder) + "."
                )
                ctx.fail((*key, i), "intern-feld", f"{shown} ist kein Feld, das hier intern sein kann.", hint)
                ok = False
            elif item not in names:
                names.append(item)
        return tuple(names) if ok else INVALID

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        fields = {"type": "array", "items": {"type": "string", "enum": list(self.felder)}}
        if self.ganz is not None:
            return fields
        return {"anyOf": [Boolean().json_schema(vocab), fields]}


@dataclass(frozen=True)
class Date(FieldType):
    label = "ein Datum (z. B. 2010-03-15)"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return parse_date(value)
            except InvalidDateError as exc:
                ctx.fail(key, "datum-ungueltig", f"{exc}.", "Schreiben Sie das Datum als 2010-03-15.")
                return INVALID
        return self.wrong_type(value, key, ctx)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$"}


@dataclass(frozen=True)
class TextList(FieldType):
    """A list of texts (an empty list is fine)."""

    vocabulary: str | None = None
    label = "eine Liste von Texten"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, list):
            return self.wrong_type(value, key, ctx)
        item = self._item
        checked = [item.check(v, (*key, i), ctx) for i, v in enumerate(value)]
        return INVALID if INVALID in checked else tuple(checked)

    @cached_property
    def _item(self) -> Text:
        return Text(self.vocabulary)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return {"type": "array", "items": Text(self.vocabulary).json_schema(vocab)}


@dataclass(frozen=True)
class LabelMap(FieldType):
    """``schluessel: Bezeichnung`` pairs (a vocabulary with German labels)."""

    label = "eine Zuordnung „schluessel: Bezeichnung“"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return self.wrong_type(value, key, ctx)
        checked = {k: Text().check(v, key + (k,), ctx) for k, v in value.items()}
        return INVALID if any(c is INVALID for c in checked.values()) else checked

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {"type": "string"}}


@dataclass(frozen=True)
class ListMap(FieldType):
    """``schluessel: [a, b]`` pairs (e.g. allowed transitions)."""

    label = "eine Zuordnung „schluessel: [Liste]“"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return self.wrong_type(value, key, ctx)
        checked = {k: TextList().check(v, key + (k,), ctx) for k, v in value.items()}
        return INVALID if any(c is INVALID for c in checked.values()) else checked

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class Schema(FieldType):
    """A mapping with known keys that builds the dataclass ``cls``.

    If ``cls`` has fields ``datei`` and ``zeile`` they receive the file name and line.
    """

    title: str = ""
    cls: Any = None
    fields: tuple[Field, ...] = ()
    help: str = ""
    label = "eine Zuordnung (Schlüssel: Wert)"

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, dict):
            ctx.fail(
                key,
                "keine-zuordnung",
                f"{self.title}: erwartet wird eine Zuordnung (Schlüssel: Wert), gefunden: {_describe(value)}.",
            )
            return INVALID
        ok = True
        known = self._known
        misspelt: set[str] = set()  # required keys that an unknown key probably meant
        for name in value if not known.keys() >= value.keys() else ():  # only if a key is unknown
            if name not in known and CONTACT_KEY.search(name):
                ctx.fail(
                    (*key, name),
                    "kontaktdaten",
                    f"„{name}“ sieht nach Kontaktdaten aus; die gehören nicht in dieses Repository.",
                    "Das Repository kann öffentlich sein: führen Sie Adressen, Telefonnummern und E-Mail-Adressen "
                    "in einer geschützten Kontaktliste außerhalb von git.",
                    at_key=True,
                )
                ok = False
            elif name not in known:
                hint = suggest(name, [k for k in known if k not in value]) or "Erlaubt: " + ", ".join(known) + "."
                close = difflib.get_close_matches(name, [k for k in known if k not in value], n=1, cutoff=0.6)
                misspelt.update(close)
                ctx.fail(
                    key + (name,),
                    "unbekannter-schluessel",
                    f"Unbekannter Schlüssel „{name}“ in {self.title}.",
                    hint,
                    at_key=True,
                )
                ok = False
        values: dict[str, Any] = {}
        for name, field_type, spec, quick in self._specs:
            raw = value.get(name)
            if raw is None:
                if spec.required and name not in misspelt:
                    where = (*key, name) if name in value else key
                    ctx.fail(
                        where,
                        "pflichtfeld",
                        f"Pflichtfeld „{name}“ fehlt in {self.title}.",
                        f"Ergänzen Sie „{name}: …“." + (f" ({spec.help})" if spec.help else ""),
                        at_key=name in value,
                    )
                    ok = False
                continue
            # the commonest values, taken as Text() and Date() would take them, without the call
            if quick is str:
                if raw.__class__ is str and raw and not raw.isspace():
                    values[name] = raw
                    continue
            elif quick is date and raw.__class__ is date:
                values[name] = raw
                continue
            checked = field_type.check(raw, (*key, name), ctx)
            if checked is INVALID:
                ok = False
            else:
                values[name] = checked
        if not ok:
            return INVALID
        if self.cls is None:
            return values
        return self.build(values, key, ctx)

    @cached_property
    def _known(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def _specs(self) -> tuple[tuple[str, FieldType, Field, type | None], ...]:
        """Each field with the type of value it takes as it is: str for a text without vocabulary
        (that is not blank), date for a date."""
        return tuple((f.name, f.type, f, _quick(f.type)) for f in self.fields)

    @cached_property
    def _class_fields(self) -> frozenset[str]:
        assert is_dataclass(self.cls) and isinstance(self.cls, type)
        return frozenset(f.name for f in fields(self.cls))

    def build(self, values: dict[str, Any], key: KeyPath, ctx: Context) -> Any:
        names = self._class_fields
        if "datei" in names:
            values["datei"] = ctx.doc.name
        if "zeile" in names:
            values["zeile"] = ctx.doc.line(key)
        return self.cls(**values)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for spec in self.fields:
            prop = spec.type.json_schema(vocab)
            if spec.help:
                prop = {**prop, "description": spec.help}
            if not spec.required:
                prop = {"anyOf": [prop, {"type": "null"}], **({"description": spec.help} if spec.help else {})}
            props[spec.name] = prop
        schema: dict[str, Any] = {
            "type": "object",
            "properties": props,
            "required": [f.name for f in self.fields if f.required],
            "additionalProperties": False,
        }
        if self.title:
            schema["title"] = self.title
        if self.help:
            schema["description"] = self.help
        return schema


def _quick(field_type: FieldType) -> type | None:
    if field_type.__class__ is Text and field_type.vocabulary is None:
        return str
    return date if field_type.__class__ is Date else None


@dataclass(frozen=True)
class SchemaList(FieldType):
    """A list of mappings of one schema."""

    item: Schema = field(default_factory=Schema)
    label = "eine Liste"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, list):
            return self.wrong_type(value, key, ctx)
        item = self.item
        checked = [item.check(v, (*key, i), ctx) for i, v in enumerate(value)]
        return INVALID if INVALID in checked else tuple(checked)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return {"type": "array", "items": self.item.json_schema(vocab)}


def validate(doc: Document, schema: Schema, ctx: Context) -> Any:
    """Validate a whole document against ``schema``; return the built object or ``None``."""
    result = schema.check(doc.data, (), ctx)
    return None if result is INVALID else result
