"""Rules over the snapshot → findings (file, line, severity, code, German text)."""
