// A team's inbox database (server/validate_inbox.js, provisioned by tools/sync-server/provision.mjs
// --inbox): the partner account may only add sealed deliveries (a random `e…` id, base64 fields
// only, first revisions only), never change or delete one, directly or by replication; the
// administrator may tidy it; nobody else reaches it, and the partner reaches nothing else.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { anonymous, as, deleteUser, eid, envelope, mid, opaque, request, server, team } from "./support.mjs";
import { inboxDb, provisionInbox, putUser } from "../../tools/sync-server/provision.mjs";

function refused(res) {
  return res.status === 403 && res.body.error === "forbidden";
}

/** A delivery as the phone seals it: random bytes in each field (the server cannot tell). */
function delivery(extra = {}) {
  return {
    ...envelope({ kid: "tr1" }),
    eph: randomBytes(32).toString("base64"),
    salt: randomBytes(16).toString("base64"),
    wk: randomBytes(40).toString("base64"),
    ...extra,
  };
}

/** A team database and its inbox with a partner account, all deleted when the test ends. */
async function inbox(t) {
  const { db, member } = await team(t);
  const partner = { name: `p-${opaque(6).toLowerCase()}`, password: opaque(16) };
  const inbox = await provisionInbox(process.env.COUCH_URL, db, partner.name, partner.password);
  assert.equal(inbox, inboxDb(db));
  t.after(async () => {
    await request(server, "DELETE", `/${inbox}`);
    await deleteUser(partner.name);
  });
  return { db, member, inbox, partner: as(partner.name, partner.password) };
}

test("a partner adds a sealed delivery and reads it back; the same provisioning again changes nothing", async (t) => {
  const { db, inbox: ib, partner } = await inbox(t);
  const id = eid();
  const doc = delivery();
  const put = await request(partner, "PUT", `/${ib}/${id}`, doc);
  assert.equal(put.status, 201, JSON.stringify(put.body));
  const read = await request(partner, "GET", `/${ib}/${id}`);
  assert.equal(read.body.wk, doc.wk);
  // Idempotent: provisioning again keeps what was delivered.
  await provisionInbox(process.env.COUCH_URL, db, partner.name, "another-password-1");
  const again = as(partner.name, "another-password-1");
  assert.equal((await request(again, "GET", `/${ib}/${id}`)).status, 200);
});

test("a delivery cannot be changed or deleted by the partner, directly or by replication; the administrator may", async (t) => {
  const { inbox: ib, partner } = await inbox(t);
  const id = eid();
  const put = await request(partner, "PUT", `/${ib}/${id}`, delivery());
  const rev = put.body.rev;
  const hash = rev.split("-")[1];
  assert.ok(refused(await request(partner, "PUT", `/${ib}/${id}`, { _rev: rev, ...delivery() })));
  assert.ok(refused(await request(partner, "PUT", `/${ib}/${id}`, { _rev: rev, _deleted: true })));
  assert.ok(refused(await request(partner, "DELETE", `/${ib}/${id}?rev=${rev}`)));
  for (const doc of [
    { _id: id, _rev: `2-${"b".repeat(32)}`, _revisions: { start: 2, ids: ["b".repeat(32), hash] }, ...delivery() },
    { _id: id, _rev: `2-${"f".repeat(32)}`, _revisions: { start: 2, ids: ["f".repeat(32), hash] }, _deleted: true },
    { _id: eid(), _rev: `2-${"c".repeat(32)}`, _revisions: { start: 2, ids: ["c".repeat(32), "d".repeat(32)] }, ...delivery() },
  ]) {
    const bulk = await request(partner, "POST", `/${ib}/_bulk_docs`, { new_edits: false, docs: [doc] });
    assert.equal(bulk.body[0].error, "forbidden", JSON.stringify(bulk.body));
  }
  const now = await request(partner, "GET", `/${ib}/${id}?open_revs=all`);
  assert.deepEqual(now.body.map((r) => r.ok._rev), [rev]);
  // A replicated first revision is a new delivery: accepted.
  const first = await request(partner, "POST", `/${ib}/_bulk_docs`, {
    new_edits: false,
    docs: [{ _id: eid(), _rev: `1-${"a".repeat(32)}`, _revisions: { start: 1, ids: ["a".repeat(32)] }, ...delivery() }],
  });
  assert.ok(first.body.every((r) => !r.error), JSON.stringify(first.body));
  // The server's administrator tidies it.
  const del = await request(server, "PUT", `/${ib}/${id}`, { _rev: rev, _deleted: true });
  assert.equal(del.status, 201, JSON.stringify(del.body));
});

test("anything but a sealed delivery is refused: plaintext, a team envelope, other ids, other fields", async (t) => {
  const { inbox: ib, partner } = await inbox(t);
  const hex = eid().slice(1);
  for (const doc of [
    { name: "Luz", age: 14, country: "GT" },
    { ...delivery(), name: "Luz" },
    { ...delivery(), to: "senda-t-0123" },
    envelope(),
    { ...delivery(), wk: undefined },
    { ...delivery(), eph: "not base64 at all" },
    { ...delivery(), salt: randomBytes(12).toString("base64") },
    { ...delivery(), wk: randomBytes(32).toString("base64") },
    { ...delivery(), iv: "AAAAAAAAAAAAAAAAAAAA" },
    { ...delivery(), ct: "QUJD" },
    { ...delivery(), v: "1" },
    { ...delivery(), kid: "Transfer Of Luz" },
    { ...delivery(), _attachments: { "x.txt": { content_type: "text/plain", data: "THVa" } } },
  ]) {
    const body = JSON.parse(JSON.stringify(doc));
    const res = await request(partner, "PUT", `/${ib}/${eid()}`, body);
    assert.ok(refused(res), `accepted ${JSON.stringify(body)}: ${res.status}`);
  }
  for (const id of [mid(), `m${hex}`, `x${hex}`, `e${hex}0`, `e${hex.toUpperCase()}`, "Luz%20Mar%C3%ADa"]) {
    const res = await request(partner, "PUT", `/${ib}/${id}`, delivery());
    assert.ok(refused(res), `${id}: ${res.status}`);
  }
  const all = await request(partner, "GET", `/${ib}/_all_docs`);
  assert.deepEqual(all.body.rows.filter((r) => !r.id.startsWith("_design/")), []);
});

test("only the inbox's account reaches it; it reaches neither the team database nor the validation", async (t) => {
  const { db, member, inbox: ib, partner } = await inbox(t);
  const outsider = { name: `o-${opaque(6).toLowerCase()}`, password: opaque(16) };
  await putUser(server, outsider.name, outsider.password);
  t.after(() => deleteUser(outsider.name));
  const stored = eid();
  assert.equal((await request(partner, "PUT", `/${ib}/${stored}`, delivery())).status, 201);
  for (const who of [as(outsider.name, outsider.password), anonymous, member.server]) {
    for (const [method, path, body] of [
      ["GET", `/${ib}`],
      ["GET", `/${ib}/_changes`],
      ["GET", `/${ib}/${stored}`],
      ["PUT", `/${ib}/${eid()}`, delivery()],
    ]) {
      const res = await request(who, method, path, body);
      assert.ok([401, 403].includes(res.status), `${who.name ?? "anonymous"} ${method} ${path}: ${res.status}`);
    }
  }
  for (const [method, path, body] of [
    ["GET", `/${db}/_changes`],
    ["PUT", `/${db}/${mid()}`, envelope()],
  ]) {
    const res = await request(partner, method, path, body);
    assert.ok([401, 403].includes(res.status), `partner ${method} ${path}: ${res.status}`);
  }
  const design = await request(partner, "GET", `/${ib}/_design/senda`);
  const replace = await request(partner, "PUT", `/${ib}/_design/senda`, { _rev: design.body._rev, validate_doc_update: "function () {}" });
  assert.ok([401, 403].includes(replace.status), `partner replaced the validation: ${replace.status}`);
  const grab = await request(partner, "PUT", `/${ib}/_security`, { members: { names: [partner.name, outsider.name], roles: [] } });
  assert.ok([401, 403].includes(grab.status), `partner changed _security: ${grab.status}`);
  assert.ok(refused(await request(partner, "PUT", `/${ib}/${eid()}`, { name: "Luz" })));
});
