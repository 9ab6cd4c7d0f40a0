// Fixes one line of pouchdb-validation 4.2.0 (a dependency of pouchdb-server 4.2.0) in an
// installed copy: before running validate_doc_update it overwrites the incoming document's
// `_revisions` with the stored document's, so a replicated write (`_bulk_docs` with
// `new_edits: false`) loses its revision history and is silently dropped, or stored as a new
// root beside its own ancestor. CouchDB keeps the history it is sent. Usage:
//   node tools/sync-server/patch.mjs <the install's node_modules>
// scripts/sync-server.sh runs it once after `npm ci`; it fails loudly if the line is not found.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const file = join(process.argv[2] ?? "node_modules", "pouchdb-validation", "lib", "index.js");
const before = "  newDoc._revisions = (oldDoc || {})._revisions;\n";
const after =
  "  // Patched by Senda (tools/sync-server/patch.mjs): keep a replicated document's own history.\n" +
  "  if (!newDoc._revisions) { newDoc._revisions = (oldDoc || {})._revisions; }\n";

const source = readFileSync(file, "utf8");
if (source.includes(after)) {
  process.exit(0);
}
if (source.split(before).length !== 2) {
  console.error(`patch.mjs: the expected line is not in ${file}; pouchdb-validation changed?`);
  process.exit(1);
}
writeFileSync(file, source.replace(before, after));
