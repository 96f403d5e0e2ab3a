"""How a value of the command line becomes a Python value, without pydantic where nothing needs it.

Since 0.29 typer converts every parameter value through a pydantic ``TypeAdapter``; building the
first one imports pydantic, pydantic-core and annotated-types (60–90 ms, a fifth of a whole
``luedialog status`` on the city's data). luedialog's parameters are nearly all plain texts, paths,
flags, choices and values read by a ``parser`` of our own, and for those the conversion is a
one-liner. ``process_value`` (click's public ``Parameter`` method, which typer's parameters
implement) converts them here; anything else – another type, an unusual setting, and every value
that is *not* accepted – goes on to typer's own ``process_value``, so that every error message
stays typer's own, word for word (``tests/cli/test_werte.py`` compares both ways for every
parameter of every command).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import typer.core

_UNSURE = object()  # "leave it to typer"


def _direct(param: Any, value: Any, ctx: Any) -> Any:
    """The converted value, or ``_UNSURE`` when typer should decide."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return _UNSURE
    annotation = descriptor.annotation
    info = descriptor.parameter_info
    many = param.multiple or param.nargs == -1
    if value is None:
        return () if many else None
    if info.parser is not None:
        if many or not isinstance(value, str):
            return _UNSURE
        try:
            return info.parser(value)
        except Exception:  # typer reports it (and calls the parser again to word the message)
            return _UNSURE
    if many:
        if annotation == list[str] and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value)
        return _UNSURE
    if annotation is str or annotation is bool:
        return value if type(value) is annotation else _UNSURE
    if annotation is int:
        if type(value) is int and info.min is None and info.max is None:
            return value
        if isinstance(value, str) and value.isascii() and value.isdigit() and info.min is None and info.max is None:
            return int(value)
        return _UNSURE
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if isinstance(value, annotation):
            return value
        if isinstance(value, str) and info.case_sensitive and ctx is not None and ctx.token_normalize_func is None:
            for member in annotation:
                if str(member.value) == value:
                    return member
        return _UNSURE
    if annotation is Path:
        return _path(value, info)
    return _UNSURE


def _path(value: Any, info: Any) -> Any:
    """A path as typer makes it with its default checks (may exist or not, file or folder, readable
    if it exists); any other setting, or a value typer would refuse, is left to typer."""
    plain = (
        not info.exists
        and info.file_okay
        and info.dir_okay
        and not info.writable
        and not info.resolve_path
        and not info.allow_dash
        and info.path_type is None
    )
    if not plain or not isinstance(value, (str, Path)) or value == "" or "\0" in str(value):
        return _UNSURE
    path = value if isinstance(value, Path) else Path(value)
    try:
        os.stat(path)
    except OSError:
        return path
    if info.readable and not os.access(path, os.R_OK):
        return _UNSURE
    return path


def process_value(param: Any, ctx: Any, value: Any, typer_process: Callable[[Any, Any], Any]) -> Any:
    """What ``process_value`` of ``param`` returns: the plain value converted here (then the check for
    a missing required value and the callback, as typer does), anything else by ``typer_process``."""
    converted = _direct(param, value, ctx)
    if converted is _UNSURE or (param.required and param.value_is_missing(converted)):
        return typer_process(ctx, value)
    if param.callback is not None:
        converted = param.callback(ctx, param, converted)
    return converted


class DirectOption(typer.core.TyperOption):
    """typer's option, converting plain values without pydantic."""

    __slots__ = ()

    def process_value(self, ctx: Any, value: Any) -> Any:
        return process_value(self, ctx, value, super().process_value)
