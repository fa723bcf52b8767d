"""Benchmarks over third-party gold data in ../shared/data. Each scorer reads the ledger JSON as any
user would; `python -m bench` runs them and rewrites BENCHMARKS.md."""
