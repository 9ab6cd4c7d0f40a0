// Who may reach a team database: CORS for the app's origin with credentials, `_session` cookie
// login, members only, and a removed member locked out at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  APP_ORIGIN,
  anonymous,
  as,
  deleteUser,
  envelope,
  mid,
  request,
  server,
  team,
} from "./support.mjs";
import { putSecurity, putUser } from "../../tools/sync-server/provision.mjs";

test("a CORS preflight from the app's origin is allowed with credentials", async (t) => {
  const { db } = await team(t);
  const res = await fetch(`${server.base}/${db}/_bulk_docs`, {
    method: "OPTIONS",
    headers: {
      origin: APP_ORIGIN,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type,accept",
    },
  });
  assert.ok([200, 204].includes(res.status), `preflight answered ${res.status}`);
  // With credentials, a browser accepts only its own origin echoed back, never "*".
  assert.equal(res.headers.get("access-control-allow-origin"), APP_ORIGIN);
  assert.equal(res.headers.get("access-control-allow-credentials"), "true");
  const methods = (res.headers.get("access-control-allow-methods") || "").toUpperCase();
  for (const m of ["GET", "PUT", "POST", "DELETE"]) assert.ok(methods.includes(m), methods);
  const headers = (res.headers.get("access-control-allow-headers") || "").toLowerCase();
  assert.ok(headers.includes("content-type"), headers);
  // The browser may keep the answer: without it, nearly every request of a sync is preceded by
  // its own preflight, one more round trip each (2 s on a slow 3G network). CouchDB: 600 s.
  const maxAge = Number(res.headers.get("access-control-max-age"));
  assert.ok(maxAge >= 60, `access-control-max-age ${res.headers.get("access-control-max-age")}`);
});

test("a member logs in with a _session cookie and reads the team database with it", async (t) => {
  const { db, member } = await team(t);
  const login = await fetch(`${server.base}/_session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP_ORIGIN },
    body: JSON.stringify({ name: member.name, password: member.password }),
  });
  assert.equal(login.status, 200);
  assert.equal(login.headers.get("access-control-allow-origin"), APP_ORIGIN);
  assert.equal(login.headers.get("access-control-allow-credentials"), "true");
  const setCookie = login.headers.get("set-cookie") || "";
  const cookie = setCookie.match(/AuthSession=[^;]*/)?.[0];
  assert.ok(cookie, `no AuthSession cookie in ${setCookie}`);
  assert.match(setCookie, /HttpOnly/i);

  const withCookie = { base: server.base, auth: null };
  const session = await request(withCookie, "GET", "/_session", undefined, { cookie });
  assert.equal(session.body.userCtx.name, member.name);
  const info = await request(withCookie, "GET", `/${db}`, undefined, { cookie });
  assert.equal(info.status, 200);
  assert.equal(info.body.db_name, db);

  const wrong = await fetch(`${server.base}/_session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: member.name, password: `${member.password}x` }),
  });
  assert.equal(wrong.status, 401);
});

test("only members reach the team database: others get 401 or 403", async (t) => {
  const { db, member } = await team(t);
  const outsider = { name: `o-${Date.now()}`, password: "not-a-member-pass" };
  await putUser(server, outsider.name, outsider.password);
  t.after(() => deleteUser(outsider.name));

  assert.equal((await request(member.server, "GET", `/${db}`)).status, 200);
  const stored = mid();
  assert.equal((await request(member.server, "PUT", `/${db}/${stored}`, envelope())).status, 201);
  const z1 = mid();
  for (const who of [as(outsider.name, outsider.password), anonymous]) {
    for (const [method, path, body] of [
      ["GET", `/${db}`],
      ["GET", `/${db}/_changes`],
      ["PUT", `/${db}/${mid()}`, envelope()],
      ["POST", `/${db}/_revs_diff`, { [stored]: ["1-0"] }],
    ]) {
      const res = await request(who, method, path, body);
      assert.ok([401, 403].includes(res.status), `${who.name ?? "anonymous"} ${method} ${path}: ${res.status}`);
    }
    // CouchDB refuses the whole request; PouchDB Server answers 201 with a refusal per document.
    const bulk = await request(who, "POST", `/${db}/_bulk_docs`, { docs: [{ _id: z1, ...envelope() }] });
    const refusedEach = bulk.status === 201 && bulk.body.every((r) => r.error && !r.ok);
    assert.ok([401, 403].includes(bulk.status) || refusedEach, `_bulk_docs: ${JSON.stringify(bulk.body)}`);
  }
  assert.equal((await request(member.server, "GET", `/${db}/${z1}`)).status, 404);
  // Members cannot change who is a member.
  const grab = await request(member.server, "PUT", `/${db}/_security`, {
    members: { names: [member.name, outsider.name], roles: [] },
  });
  assert.ok([401, 403].includes(grab.status), `member changed _security: ${grab.status}`);
});

test("_bulk_get refuses non-members", async (t) => {
  const { db, member } = await team(t);
  const id = mid();
  assert.equal((await request(member.server, "PUT", `/${db}/${id}`, envelope())).status, 201);
  const res = await request(anonymous, "POST", `/${db}/_bulk_get`, { docs: [{ id }] });
  assert.ok([401, 403].includes(res.status), `anonymous _bulk_get: ${res.status}`);
  assert.ok(!JSON.stringify(res.body).includes('"ct"'), "an envelope was sent to a non-member");
  const mine = await request(member.server, "POST", `/${db}/_bulk_get`, { docs: [{ id }] });
  assert.equal(mine.body.results[0].docs[0].ok._id, id);
});

test("a member removed from _security can no longer read or write", async (t) => {
  const { db, members } = await team(t, { members: 2 });
  const [staying, leaving] = members;
  assert.equal((await request(leaving.server, "GET", `/${db}/_changes`)).status, 200);
  await putSecurity(server, db, [staying.name]);
  for (const [method, path, body] of [
    ["GET", `/${db}/_changes`],
    ["PUT", `/${db}/${mid()}`, envelope()],
  ]) {
    const res = await request(leaving.server, method, path, body);
    assert.ok([401, 403].includes(res.status), `${method} ${path}: ${res.status}`);
  }
  assert.equal((await request(staying.server, "GET", `/${db}/_changes`)).status, 200);
});

test("a member whose account is deleted can no longer log in, read, or use an old cookie", async (t) => {
  const { db, member } = await team(t);
  const login = await fetch(`${server.base}/_session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: member.name, password: member.password }),
  });
  const cookie = (login.headers.get("set-cookie") || "").match(/AuthSession=[^;]*/)?.[0];
  assert.ok(cookie);
  await deleteUser(member.name);

  assert.ok([401, 403].includes((await request(member.server, "GET", `/${db}`)).status));
  const old = await request({ base: server.base, auth: null }, "GET", `/${db}`, undefined, { cookie });
  assert.ok([401, 403].includes(old.status), `old cookie still reads: ${old.status}`);
  const again = await fetch(`${server.base}/_session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: member.name, password: member.password }),
  });
  assert.equal(again.status, 401);
});
