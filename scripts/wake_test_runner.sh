#!/usr/bin/env bash
#! Keeps the browser tests' page from stalling: while it runs, it sends a GET / every 2 s to the web
#! server of each running wasm-bindgen-test-runner, which releases a request that server left waiting.
#
# Why: with wasm-bindgen-test-runner 0.2.130 (its server is rouille on tiny_http) on these 2-core
# machines, about half of the test binaries' pages stalled with "Loading scripts..." — Chromium's
# request for the page's scripts went unanswered until another connection reached the runner's
# server, and when none came the runner gave up after Chromium's 300 s ("Failed to detect test as
# having been run", the CI failures of 2026-12-02). Measured on 2026-12-03 with vault_integrity
# beside other builds: of 8 runs, 4 stalled past 30 s and one GET / to the runner's port released
# each within 5 s; then alternating runs with and without this script: both runs without it
# stalled until killed at 200 s, the three with it all loaded (34–82 s on a machine loaded with
# three builds). The same symptom is an old open report upstream (wasm-pack #783).
# The GET / only fetches the runner's test page; it changes nothing the tests see.
set -uo pipefail
while sleep 2; do
  for pid in $(pgrep -f '^wasm-bindgen-test-runner ' || true); do
    for port in $(ss -ltnpH 2>/dev/null | awk -v p="pid=$pid," 'index($0, p) { n = split($4, a, ":"); print a[n] }'); do
      curl -s -m 2 -o /dev/null "http://127.0.0.1:$port/" || true
    done
  done
done
