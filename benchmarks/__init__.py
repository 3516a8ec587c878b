"""Benchmarks: `make bench` rewrites BENCHMARKS.md (never edited by hand)."""
