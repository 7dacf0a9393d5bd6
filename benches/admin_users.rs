//! Benchmark: admin_users (being built). See BENCHMARKS.md.

fn main() {}
