"""Reading and writing files: YAML with the position of every value, appending lines, atomic writes."""
