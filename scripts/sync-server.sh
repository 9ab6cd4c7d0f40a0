#!/usr/bin/env bash
#! The local sync server for tests and for trying teams: PouchDB Server (a CouchDB-protocol
#! server, not the production engine) on 127.0.0.1, in memory, with an admin, one team database
#! (members only, envelope-only validation) and one member account, and that team's inbox (one
#! partner account that may only add sealed deliveries).
#! SENDA_SYNC_STATE=<dir> runs another, independent instance (its own port, admin and state): the
#! transfer test's second organisation.
#!   scripts/sync-server.sh install   installs pouchdb-server once into a cache shared by clones
#!   scripts/sync-server.sh start     starts it (idempotent) and prints COUCH_URL (with the admin)
#!   scripts/sync-server.sh url       prints COUCH_URL of the running server
#!   scripts/sync-server.sh stop      stops it (idempotent)
# State lives in .sync-server/ (git-ignored): url, env (team database and member), pid, log.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
STATE="${SENDA_SYNC_STATE:-$ROOT/.sync-server}"
LOCK="$ROOT/tools/sync-server/package-lock.json"
PATCH="$ROOT/tools/sync-server/patch.mjs"
# The install mode is part of the cache key: a cache made another way is never reused.
INSTALL_MODE="npm ci --ignore-scripts"
HASH="$( { cat "$LOCK" "$PATCH"; echo "$INSTALL_MODE"; } | sha256sum | cut -c1-16)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/senda/sync-server-$HASH"
BIN="${SENDA_POUCHDB_SERVER:-$CACHE/node_modules/pouchdb-server/bin/pouchdb-server}"
TEAM_DB=senda-team
MEMBER=member
PARTNER=partner

log() { printf '\033[1msync-server:\033[0m %s\n' "$*" >&2; }

install() {
  if [ -f "$BIN" ]; then return 0; fi
  log "installing pouchdb-server 4.2.0 (and its one-line patches) into $CACHE (under a minute, once per lock file)"
  mkdir -p "$(dirname "$CACHE")"
  local tmp
  tmp="$(mktemp -d "$CACHE.partial.XXXXXX")"
  cp "$ROOT/tools/sync-server/package.json" "$LOCK" "$tmp/"
  # No install scripts: they would build sqlite3 and leveldown from source (over 10 minutes on
  # 2 cores), and an in-memory server needs neither.
  (cd "$tmp" && $INSTALL_MODE --no-audit --no-fund --loglevel=error)
  node "$PATCH" "$tmp/node_modules"
  # Moved into place only when complete: an interrupted install is never reused.
  rm -rf "$CACHE"
  mv "$tmp" "$CACHE"
}

running() {
  [ -f "$STATE/pid" ] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null
}

secret() { node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))'; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'
}

start() {
  if running && [ -f "$STATE/url" ]; then
    cat "$STATE/url"
    return 0
  fi
  if ! [ -f "$BIN" ]; then
    log "pouchdb-server is not installed: run scripts/setup.sh (or scripts/sync-server.sh install)"
    exit 1
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE"
  local port admin_pw member_pw partner_pw base
  port="$(free_port)"
  admin_pw="$(secret)"
  member_pw="$(secret)"
  partner_pw="$(secret)"
  base="http://127.0.0.1:$port"
  # PouchDB Server 4.2.0 leaves some refusals as unhandled promise rejections (a non-member's
  # _bulk_docs), which would kill it under Node >= 15: warn instead.
  # Its config.json and log.txt land in the working directory: keep them in the state folder.
  (cd "$STATE" && exec node --unhandled-rejections=warn "$BIN" --host 127.0.0.1 --port "$port" --in-memory \
    --config "$STATE/config.json" --no-stdout-logs >"$STATE/server.log" 2>&1) &
  echo $! >"$STATE/pid"
  for _ in $(seq 1 150); do
    if node -e "fetch('$base/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
    if ! running; then
      log "the server exited; its log:"
      cat "$STATE/server.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  # Out of "admin party": the first request creates the admin.
  node -e "fetch('$base/_config/admins/admin',{method:'PUT',body:JSON.stringify('$admin_pw')})
    .then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" || {
    log "could not create the admin"
    stop
    exit 1
  }
  local couch_url="http://admin:$admin_pw@127.0.0.1:$port"
  COUCH_URL="$couch_url" node tools/sync-server/provision.mjs \
    --db "$TEAM_DB" --member "$MEMBER" --password "$member_pw" || {
    stop
    exit 1
  }
  COUCH_URL="$couch_url" node tools/sync-server/provision.mjs --inbox \
    --db "$TEAM_DB" --member "$PARTNER" --password "$partner_pw" || {
    stop
    exit 1
  }
  printf '%s\n' "$couch_url" >"$STATE/url"
  cat >"$STATE/env" <<EOF
COUCH_URL=$couch_url
SENDA_SYNC_SERVER=$base
SENDA_TEAM_DB=$TEAM_DB
SENDA_MEMBER=$MEMBER
SENDA_MEMBER_PASSWORD=$member_pw
SENDA_INBOX_DB=$TEAM_DB-inbox
SENDA_PARTNER=$PARTNER
SENDA_PARTNER_PASSWORD=$partner_pw
EOF
  log "running at $base (pid $(cat "$STATE/pid")); team database $TEAM_DB, member $MEMBER, inbox $TEAM_DB-inbox; details in $STATE/env"
  cat "$STATE/url"
}

stop() {
  if running; then
    local pid
    pid="$(cat "$STATE/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped (pid $pid)"
  fi
  rm -f "$STATE/pid" "$STATE/url" "$STATE/env"
}

url() {
  if running && [ -f "$STATE/url" ]; then
    cat "$STATE/url"
  else
    log "not running: scripts/sync-server.sh start"
    exit 1
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  url) url ;;
  *)
    echo "usage: scripts/sync-server.sh install|start|stop|url" >&2
    exit 2
    ;;
esac
