"""The command line: one module per command, one error boundary (``app.py``)."""

from __future__ import annotations

from luedialog.cli.app import app, main

__all__ = ["app", "main"]
