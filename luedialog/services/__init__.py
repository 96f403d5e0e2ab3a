"""The use cases behind the commands; every write goes through one transaction."""
