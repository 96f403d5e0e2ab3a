"""Reports for the council and the Jahreskonferenz: contexts in Python, presentation in Jinja2."""
