"""The built-in report templates (package data, found with importlib.resources)."""
