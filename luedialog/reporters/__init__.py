"""Reporters turn results (findings, states, snapshots) into text, JSON, CSV or rich output."""
