// Shared set-up of the sync server's conformance suite: the server comes from COUCH_URL (the
// admin's URL: scripts/sync-server.sh prints it for PouchDB Server; give a real CouchDB 3.x's to
// run the same suite against it). Each test makes its own team database and member, and deletes
// them afterwards.
import { randomBytes } from "node:crypto";
import {
  admin,
  createDatabase,
  putDesign,
  putSecurity,
  putUser,
  request,
} from "../../tools/sync-server/provision.mjs";

export { request };

if (!process.env.COUCH_URL) {
  throw new Error(
    "COUCH_URL is not set: start the local server with `scripts/sync-server.sh start` and run " +
      "`COUCH_URL=$(scripts/sync-server.sh url) node --test tests/sync/`",
  );
}

/** The server as its admin. */
export const server = admin(process.env.COUCH_URL);

/** The app's origin, as the browser sends it (any origin other than the server's own). */
export const APP_ORIGIN = process.env.SENDA_APP_ORIGIN || "http://127.0.0.1:8080";

export function opaque(bytes = 12) {
  return randomBytes(bytes).toString("base64url").replace(/[^A-Za-z0-9]/g, "x");
}

/** A mutable document's id (a case section), as core/src/sync/envelope.rs makes them. */
export function mid() {
  return `m${randomBytes(16).toString("hex")}`;
}

/** An append-only event's id. */
export function eid() {
  return `e${randomBytes(16).toString("hex")}`;
}

/** An encrypted-looking envelope: random bytes, as the client would send (the server can't tell). */
export function envelope(extra = {}) {
  return {
    v: 1,
    kid: `t1-${randomBytes(4).toString("hex")}`,
    iv: randomBytes(12).toString("base64"),
    ct: randomBytes(64 + 16).toString("base64"),
    ...extra,
  };
}

/** Someone with an account: requests carry their Basic authorization. */
export function as(name, password) {
  return {
    base: server.base,
    auth: "Basic " + Buffer.from(`${name}:${password}`).toString("base64"),
    name,
  };
}

/** No credentials at all. */
export const anonymous = { base: server.base, auth: null };

/**
 * A fresh team database (members only, envelope-only validation) with one member, both deleted
 * when the test ends. Returns { db, member, password, memberServer, path(p) }.
 */
export async function team(t, { members = 1 } = {}) {
  const db = `senda-test-${opaque(8).toLowerCase()}`;
  await createDatabase(server, db);
  const accounts = [];
  for (let i = 0; i < members; i++) {
    const name = `m-${opaque(6).toLowerCase()}`;
    const password = opaque(16);
    await putUser(server, name, password);
    accounts.push({ name, password, server: as(name, password) });
  }
  await putSecurity(
    server,
    db,
    accounts.map((a) => a.name),
  );
  await putDesign(server, db);
  t.after(async () => {
    await request(server, "DELETE", `/${db}`);
    for (const a of accounts) await deleteUser(a.name);
  });
  return { db, members: accounts, member: accounts[0] };
}

/** Deletes an account (if it still exists). */
export async function deleteUser(name) {
  const id = `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
  const doc = await request(server, "GET", id);
  if (doc.status === 200) {
    await request(server, "DELETE", `${id}?rev=${doc.body._rev}`);
  }
}
