"""The CI files a new project gets (package data, found with importlib.resources)."""
