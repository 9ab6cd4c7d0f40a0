// Sets up one team database on a CouchDB-protocol server (PouchDB Server or CouchDB 3.x): the
// database, a member account in _users, _security (members only) and the _design/senda document
// with server/validate_doc_update.js; with --inbox, the team's inbox database instead
// (`<db>-inbox`: the one account named may only add sealed deliveries, server/validate_inbox.js;
// a coordinator's phone makes its own the same way, with an account it derives). Idempotent.
// Usage, with the admin's URL in COUCH_URL:
//   COUCH_URL=https://admin:secret@couch.example.org \
//     node tools/sync-server/provision.mjs --db team-3f9c --member ana-phone --password '…'
//   COUCH_URL=… node tools/sync-server/provision.mjs --inbox --db team-3f9c --member partner --password '…'
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const VALIDATE = fileURLToPath(new URL("../../server/validate_doc_update.js", import.meta.url));
const VALIDATE_INBOX = fileURLToPath(new URL("../../server/validate_inbox.js", import.meta.url));

/** The server's base URL without credentials, and the admin's Basic authorization. */
export function admin(couchUrl) {
  const url = new URL(couchUrl);
  const auth =
    "Basic " +
    Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString(
      "base64",
    );
  url.username = "";
  url.password = "";
  return { base: url.href.replace(/\/$/, ""), auth, name: decodeURIComponent(new URL(couchUrl).username) };
}

/** One JSON request; returns { status, body } and never throws on an HTTP status. */
export async function request(server, method, path, body, headers = {}) {
  const res = await fetch(server.base + path, {
    method,
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(server.auth ? { authorization: server.auth } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { unparsed: text };
  }
  return { status: res.status, body: json, headers: res.headers };
}

function expect(what, res, ...ok) {
  if (!ok.includes(res.status)) {
    throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** The validate_doc_update source as CouchDB wants it: the function alone, no leading comments. */
export function validateSource(file = VALIDATE) {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line, i, all) => all.slice(0, i + 1).some((l) => !l.startsWith("//")))
    .join("\n")
    .trim();
}

/** Creates the database if it is missing. */
export async function createDatabase(server, db) {
  expect(`create ${db}`, await request(server, "PUT", `/${db}`), 201, 202, 412);
}

/** Creates or updates the member's account (a new password replaces the old one). */
export async function putUser(server, name, password) {
  expect("create _users", await request(server, "PUT", "/_users"), 201, 202, 412);
  const id = `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
  const old = await request(server, "GET", id);
  const doc = { _id: `org.couchdb.user:${name}`, name, password, roles: [], type: "user" };
  if (old.status === 200) doc._rev = old.body._rev;
  expect(`account ${name}`, await request(server, "PUT", id, doc), 201, 202);
}

/** Members only: the named accounts may read and write, nobody else (admins aside). */
export async function putSecurity(server, db, members) {
  const security = {
    admins: { names: [], roles: [] },
    members: { names: members, roles: [] },
  };
  expect(`${db}/_security`, await request(server, "PUT", `/${db}/_security`, security), 200, 201);
}

/** The inbox's validation (sealed deliveries, added only). */
export function inboxValidateSource() {
  return validateSource(VALIDATE_INBOX);
}

/** A team's inbox database's name. */
export function inboxDb(teamDb) {
  return `${teamDb}-inbox`;
}

/** Installs (or refreshes) _design/senda with the envelope-only validation (or `source`). */
export async function putDesign(server, db, source = validateSource()) {
  const path = `/${db}/_design/senda`;
  const old = await request(server, "GET", path);
  const doc = { _id: "_design/senda", validate_doc_update: source };
  if (old.status === 200) {
    if (old.body.validate_doc_update === doc.validate_doc_update) return;
    doc._rev = old.body._rev;
  }
  expect(`${db}/_design/senda`, await request(server, "PUT", path, doc), 201, 202);
}

/** Everything a team database needs, for one member. */
export async function provision(couchUrl, db, member, password) {
  const server = admin(couchUrl);
  await createDatabase(server, db);
  await putUser(server, member, password);
  await putSecurity(server, db, [member]);
  await putDesign(server, db);
}

/** A team's inbox: its database, the one account that may add deliveries and read them (sealed
 * for the receiving device: reading gives ciphertext only), and the add-only validation. */
export async function provisionInbox(couchUrl, teamDb, account, password) {
  const server = admin(couchUrl);
  const db = inboxDb(teamDb);
  await createDatabase(server, db);
  await putUser(server, account, password);
  await putSecurity(server, db, [account]);
  await putDesign(server, db, inboxValidateSource());
  return db;
}

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) {
    throw new Error(`missing --${name} (usage: provision.mjs --db D --member M --password P)`);
  }
  return process.argv[i + 1];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const couchUrl = process.env.COUCH_URL;
  if (!couchUrl) {
    console.error("provision: set COUCH_URL to the server's URL with the admin's name and password");
    process.exit(2);
  }
  const make = process.argv.includes("--inbox") ? provisionInbox : provision;
  make(couchUrl, arg("db"), arg("member"), arg("password")).catch((e) => {
    console.error(`provision: ${e.message}`);
    process.exit(1);
  });
}
