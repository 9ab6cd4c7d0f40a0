#!/usr/bin/env bash
#! The long fuzz run: every parser of untrusted input under the mutation fuzzer of
#! core/src/fuzz_tests.rs, a million inputs per target by default (SENDA_FUZZ_ITERS to change),
#! optimised build, printing per target the inputs tried, panics (the run stops at the first, with
#! the input) and the peak memory. CI runs the same tests with a few thousand inputs each.
set -euo pipefail
cd "$(dirname "$0")/.."
export SENDA_FUZZ_ITERS="${SENDA_FUZZ_ITERS:-1000000}"
cargo test -p senda-core --release --lib fuzz_ -- --nocapture --test-threads=1
