// Fixes two lines of PouchDB Server 4.2.0's dependencies in an installed copy, where it differs
// from CouchDB in ways the conformance suite (tests/sync/) catches:
// - pouchdb-validation overwrote the incoming document's `_revisions` with the stored document's
//   before running validate_doc_update, so a replicated write (`_bulk_docs` with
//   `new_edits: false`) lost its history and was silently dropped, or stored as a new root beside
//   its own ancestor. CouchDB keeps the history it is sent.
// - express-pouchdb's `_bulk_get` route did not pass the session to the security check, so it
//   answered anyone, members or not. CouchDB refuses non-members.
// - pouchdb-server's CORS answers sent no `Access-Control-Max-Age`, so a browser kept each
//   preflight 5 s only and asked again before nearly every request: one more round trip each,
//   2 s on a slow 3G network. CouchDB sends 600 s by default (`[cors] max_age`).
// Usage: node tools/sync-server/patch.mjs <the install's node_modules>. scripts/sync-server.sh
// runs it once after `npm ci`; it fails loudly if a line is not found (a dependency changed).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PATCHES = [
  {
    file: ["pouchdb-validation", "lib", "index.js"],
    before: "  newDoc._revisions = (oldDoc || {})._revisions;\n",
    after:
      "  // Patched by Senda (tools/sync-server/patch.mjs): keep a replicated document's own history.\n" +
      "  if (!newDoc._revisions) { newDoc._revisions = (oldDoc || {})._revisions; }\n",
  },
  {
    file: ["express-pouchdb", "lib", "routes", "bulk-get.js"],
    before: "    req.db.bulkGet(opts, function (err, response) {\n",
    after:
      "    // Patched by Senda (tools/sync-server/patch.mjs): the security check needs the session.\n" +
      "    req.db.bulkGet(utils.makeOpts(req, opts), function (err, response) {\n",
  },
  {
    file: ["pouchdb-server", "lib", "cors.js"],
    before: "        origins: origins\n",
    after:
      "        // Patched by Senda (tools/sync-server/patch.mjs): CouchDB's default preflight lifetime.\n" +
      "        origins: origins, maxAge: 600\n",
  },
];

const root = process.argv[2] ?? "node_modules";
for (const { file, before, after } of PATCHES) {
  const path = join(root, ...file);
  const source = readFileSync(path, "utf8");
  if (source.includes(after)) continue;
  if (source.split(before).length !== 2) {
    console.error(`patch.mjs: the expected line is not in ${path}; did the dependency change?`);
    process.exit(1);
  }
  writeFileSync(path, source.replace(before, after));
}
