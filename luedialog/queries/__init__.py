"""Questions about the snapshot at a Stichtag; they return data, never text."""
