//! Benchmark: admin_instances (being built). See BENCHMARKS.md.

fn main() {}
