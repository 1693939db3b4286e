"""Benchmark kit: synthetic data of any size and the steps, harness and report of
``scripts/bench.py`` and ``scripts/bench_maps.py``. Not part of the library: only the scripts,
the benchmarks and the tests use it (pytest puts ``scripts/`` on the path).
"""
