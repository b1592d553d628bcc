"""Run the pipeline at scale: worker processes (``local``), Apache Spark (``spark``), benchmarks."""
