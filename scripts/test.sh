#!/usr/bin/env bash
#! Runs every test of Senda after installing what is missing: the pure core natively, browser
#! storage in headless Chromium, the release build under /senda/ with its size budget, and the
#! end-to-end tests against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Conventions first (formatting, clippy): fast, and they fail before the slow steps.
step "formatting (rustfmt.toml)"
cargo fmt --all --check

step "clippy, warnings denied: the core natively, the app for the browser"
cargo clippy -p senda-core --all-targets -- -D warnings
cargo clippy -p senda --target wasm32-unknown-unknown --all-targets -- -D warnings

step "no import cycle between the app's files"
node scripts/import_cycles.mjs src

step "build scripts (node): the wasm chunk packing"
node --test tests/build/

# The sync tests run against a real CouchDB-protocol server: PouchDB Server on 127.0.0.1 in memory,
# stopped on exit. They find it by COUCH_URL (the browser test reads it at compile time).
step "sync server (PouchDB Server on 127.0.0.1)"
scripts/sync-server.sh start >/dev/null
trap 'scripts/sync-server.sh stop' EXIT
COUCH_URL="$(scripts/sync-server.sh url)"
export COUCH_URL

step "native tests of the pure core"
cargo test -p senda-core

step "sync server conformance (node, against COUCH_URL)"
node --test --test-concurrency=1 tests/sync/

step "sync replication conformance (the core's replicator against COUCH_URL)"
cargo test -p senda-core --features sync-conformance --test sync_conformance

step "browser tests (wasm-bindgen-test, headless Chromium)"
# One test binary at a time. The test runner's own web server (wasm-bindgen-test-runner 0.2.130)
# sometimes leaves the page's script request unanswered until another connection reaches it; the
# page then never loads and the runner gives up after Chromium's 300 s ("Failed to detect test as
# having been run": the CI failures of 2026-12-02). scripts/wake_test_runner.sh sends that other
# connection every 2 s while the browser tests run (what was measured is in its header). If a
# page still never loads, that one symptom, and only it, is retried once, loudly; any failing
# test fails the step.
scripts/wake_test_runner.sh &
wake_pid=$!
trap 'kill "$wake_pid" 2>/dev/null || true; scripts/sync-server.sh stop' EXIT
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"
for t in browser vault vault_integrity vault_format vault_kdf vault_second_factor storage_scope backup sync_browser sync_crypto sync_replica sync_team sync_join sync_members sync_deletions sync_transfer; do
  log_file="$(mktemp)"
  if ! cargo test -p senda --target wasm32-unknown-unknown --test "$t" 2>&1 | tee "$log_file"; then
    if grep -q "Failed to detect test as having been run" "$log_file" && ! grep -q "^test .* FAILED" "$log_file"; then
      printf '\n\033[1mbrowser test %s: the page never loaded (no test ran); retrying once\033[0m\n' "$t"
      cargo test -p senda --target wasm32-unknown-unknown --test "$t"
    else
      rm -f "$log_file"
      exit 1
    fi
  fi
  rm -f "$log_file"
done
kill "$wake_pid" 2>/dev/null || true

step "release build under /senda/"
cargo fetch --quiet
trunk build --release --offline --public-url /senda/

# The product target is 250 KB (PRODUCT.md); with the lazy screens split off the first load is
# under it (see README, Performance). The first load counts the main wasm and everything the
# first screen needs, never the lazy chunks (size.mjs lists those apart). This budget is a
# ratchet at today's size plus a small margin: it stops silent growth. Lower it whenever the app
# shrinks; never raise it silently.
step "size budget (first load, gzip)"
# Raised from 240 openly to 255 (issue #20, the French documents, the safety review), then
# lowered with issue #16: the interface strings split by area (only the shell's are in the first
# load), the screens grouped into one split per area, the preload hints. Measured 238.6 KB gzip
# (194.5 KB brotli) on 2026-12-02; the product target is 250 KB, issue #16's 200 KB.
# Raised openly to 249 when the same session's other work merged beside it: the practice space's
# Home entry and route (#19, about 2.2 KB), one writer across tabs and the autosave fixes (#15,
# tabs.js and the session code, about 2.8 KB), the team route and the replica's IndexedDB snippet
# that wasm-bindgen loads with the main JS (#17, about 2.6 KB). Measured 248.8 KB gzip (202.5 KB
# brotli), main wasm 216.5 KB. Raised openly to 252 on 2026-12-02 (session 6) for #17's automatic
# sync and its data-loss fix, which must live with the session (the edits written before a sync,
# the open case taking what arrived, the header's light and the start of the lazy engine: main
# wasm +2.7 KB; the packing and static Home of #16 and the team members cost nothing here).
# Measured 251.8 KB gzip (204.4 KB brotli), main wasm 219.2 KB: ABOVE the product's 250 KB gzip
# (brotli is under it). Bringing it back under 250 is #16's first next step. Never raise silently.
# Raised openly to 256 on 2026-12-03 (session 8) for #18's team workflows: the case's workflow log
# in the record the first load reads and writes (kept as stored JSON so no workflow type is in
# it: +1.6 KB), this phone's role and the gate every case screen and the bottom bar pass through
# (a volunteer's phone shows no case: +1.4 KB); the screens themselves are in the cases and team
# chunks. Measured 255.2 KB gzip (206.8 KB brotli), main wasm 222.2 KB, before the deletions
# merge (team chunk only). Still ABOVE the product's 250 KB: #16's first next step.
# Lowered to 250, the product's target, on 2026-12-03 (session 9): the release build minifies its
# scripts and stylesheet (scripts/minify.mjs): measured 248.6 KB gzip (201.7 KB brotli), main wasm
# 222.2 KB unchanged. Lowered again to 242 the same day: wasm-bindgen's hashed import names made
# short in the main wasm and its JS (scripts/wasm_imports.mjs): measured 240.9 KB gzip (195.7 KB
# brotli), main wasm 217.6 KB. The main wasm is most of what is left (#16: 200 KB).
# Raised openly to 243.5 on 2026-12-04 (session 11) for #15's storage scoped by the deployment's
# path: every storage name built from the <base href> (main wasm +0.7 KB), the one-time copy of a
# sub-path install's vault from its unscoped name and a wipe clearing that old copy (idb.js +0.5
# KB), the static Home's scoped key (index.html +0.1 KB). Measured 243.0 KB gzip (197.6 brotli),
# main wasm 219.0 KB. The team workflows of #18 merged the same day cost +0.5 KB (241.2 → 241.7).
# Raised openly to 246.5 on 2026-12-04 (session 12) for #15's vault format 2 (data key, opaque
# storage keys, write counter, crypto-erase) and above all the one-time move of format-1 vaults
# that every start carries though it runs once per phone: main wasm 219.0 -> 222.4 KB. The same
# session's snippets inlined into the main JS and content fetched once per page took 0.7 KB off
# beside it; the team workflows' split (#16) left the first load as it was. Measured 245.9 KB
# gzip. (The move was measured on 2026-12-07 never to have been in the main wasm: the unlock is
# reached only from the lazy unlock screen.)
# Lowered openly to 229.5 on 2026-12-07 (issues #15/#16): the case record's serialisation and the
# vault's write path left the main wasm (the case screens hand the session its writer with each
# edit, session/case_writes.rs), and the shell's strings are joined by fetch::join_all instead of
# futures' join_all. Measured 228.8 KB gzip (246.3 before on this machine), main wasm 205.2 KB.
# Raised openly 229.5 -> 230.0 on 2026-12-07: the merged build (lean's cuts + kdf's worker loader) measured 229.6.
node scripts/size.mjs dist --budget 230.0

# The transfer test's second organisation has its own server, sharing nothing with the first:
# another local instance (its own port, admin and state folder), stopped on exit too.
step "a second sync server (organisation B of the transfer test)"
export SENDA_SYNC_STATE_B="$PWD/.sync-server-b"
SENDA_SYNC_STATE="$SENDA_SYNC_STATE_B" scripts/sync-server.sh start >/dev/null
trap 'SENDA_SYNC_STATE="$SENDA_SYNC_STATE_B" scripts/sync-server.sh stop; scripts/sync-server.sh stop' EXIT
COUCH_URL_B="$(SENDA_SYNC_STATE="$SENDA_SYNC_STATE_B" scripts/sync-server.sh url)"
export COUCH_URL_B

step "end-to-end tests (Playwright + Chromium against the release build)"
node --test --test-concurrency=1 tests/e2e/
