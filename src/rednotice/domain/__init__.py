"""The pure domain: standard library only. Nothing here knows the web, the database or the CLI."""
