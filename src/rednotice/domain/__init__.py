"""The pure domain: the standard library and, for names only, the libraries of decision 0005 (an import-linter
allow-list in pyproject.toml). Nothing here knows the web, the database or the CLI."""
