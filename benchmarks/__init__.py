"""Benchmarks: `make bench`. Each compares against a named baseline in the same run and reports ratios."""
