"""The `rednotice` command line: a thin layer over the use cases."""
