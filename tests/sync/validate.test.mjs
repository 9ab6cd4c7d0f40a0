// The team database's validate_doc_update (server/validate_doc_update.js): envelopes only, opaque
// ids, append-only entries never change, checkpoints allowed — for direct writes and replicated
// ones (`_bulk_docs` with `new_edits: false`) alike.
import { test } from "node:test";
import assert from "node:assert/strict";
import { envelope, opaque, request, team } from "./support.mjs";

function refused(res) {
  return res.status === 403 && res.body.error === "forbidden";
}

test("a plaintext document is refused, with or without envelope fields around it", async (t) => {
  const { db, member } = await team(t);
  for (const doc of [
    { name: "Luz", age: 14, country: "GT" },
    { ...envelope(), name: "Luz" },
    { ...envelope(), status: "open" },
    { v: 1, kid: "t1", iv: "not base64!", ct: "AAAAAAAAAAAAAAAAAAAAAAAA" },
    { v: "1", kid: "t1", iv: "AAAAAAAAAAAAAAAA", ct: "AAAAAAAAAAAAAAAAAAAAAAAA" },
    { v: 1, kid: "t1", iv: "AAAAAAAAAAAAAAAA" },
    { ...envelope(), a: true },
    { ...envelope(), _attachments: { "x.txt": { content_type: "text/plain", data: "THVa" } } },
  ]) {
    const res = await request(member.server, "PUT", `/${db}/${opaque()}`, doc);
    assert.ok(refused(res), `accepted ${JSON.stringify(doc)}: ${res.status}`);
  }
  const all = await request(member.server, "GET", `/${db}/_all_docs`);
  assert.deepEqual(
    all.body.rows.filter((r) => !r.id.startsWith("_design/")),
    [],
  );
});

test("an id that could carry a name is refused", async (t) => {
  const { db, member } = await team(t);
  for (const id of ["Luz%20Mar%C3%ADa", "case.2026-11-30", "luz%40example.org"]) {
    const res = await request(member.server, "PUT", `/${db}/${id}`, envelope());
    assert.ok(refused(res), `${id}: ${res.status}`);
  }
});

test("an envelope is accepted, updated and deleted when it is mutable", async (t) => {
  const { db, member } = await team(t);
  const id = opaque();
  const put = await request(member.server, "PUT", `/${db}/${id}`, envelope());
  assert.equal(put.status, 201);
  const update = await request(member.server, "PUT", `/${db}/${id}`, { _rev: put.body.rev, ...envelope() });
  assert.equal(update.status, 201);
  const del = await request(member.server, "DELETE", `/${db}/${id}?rev=${update.body.rev}`);
  assert.equal(del.status, 200);
  assert.equal((await request(member.server, "GET", `/${db}/${id}`)).status, 404);
});

test("an append-only entry cannot be updated, deleted or replicated over", async (t) => {
  const { db, member } = await team(t);
  const id = opaque();
  const put = await request(member.server, "PUT", `/${db}/${id}`, envelope({ a: 1 }));
  assert.equal(put.status, 201);
  const rev = put.body.rev;

  assert.ok(refused(await request(member.server, "PUT", `/${db}/${id}`, { _rev: rev, ...envelope({ a: 1 }) })));
  assert.ok(refused(await request(member.server, "PUT", `/${db}/${id}`, { _rev: rev, ...envelope() })));
  assert.ok(refused(await request(member.server, "DELETE", `/${db}/${id}?rev=${rev}`)));
  // A replicated descendant (new_edits:false) is refused as well.
  const [n, hash] = rev.split("-");
  const bulk = await request(member.server, "POST", `/${db}/_bulk_docs`, {
    new_edits: false,
    docs: [{ _id: id, _rev: `2-${"b".repeat(32)}`, _revisions: { start: 2, ids: ["b".repeat(32), hash] }, ...envelope({ a: 1 }) }],
  });
  assert.equal(n, "1");
  assert.equal(bulk.status, 201);
  assert.equal(bulk.body.length, 1);
  assert.equal(bulk.body[0].error, "forbidden");

  const now = await request(member.server, "GET", `/${db}/${id}?revs_info=true`);
  assert.equal(now.body._rev, rev);
  assert.equal(now.body.a, 1);
});

test("an existing mutable document cannot be turned into an append-only one", async (t) => {
  const { db, member } = await team(t);
  const id = opaque();
  const put = await request(member.server, "PUT", `/${db}/${id}`, envelope());
  const res = await request(member.server, "PUT", `/${db}/${id}`, { _rev: put.body.rev, ...envelope({ a: 1 }) });
  assert.ok(refused(res));
});

test("replicated plaintext is refused; replication checkpoints in _local are allowed", async (t) => {
  const { db, member } = await team(t);
  const bulk = await request(member.server, "POST", `/${db}/_bulk_docs`, {
    new_edits: false,
    docs: [
      { _id: opaque(), _rev: `1-${"c".repeat(32)}`, name: "Luz" },
      { _id: opaque(), _rev: `1-${"d".repeat(32)}`, ...envelope() },
    ],
  });
  assert.equal(bulk.status, 201);
  assert.equal(bulk.body.filter((r) => r.error === "forbidden").length, 1, JSON.stringify(bulk.body));

  const checkpoint = `/${db}/_local/${opaque()}`;
  const first = await request(member.server, "PUT", checkpoint, { last_seq: "12-abc", session_id: "s1" });
  assert.equal(first.status, 201);
  const read = await request(member.server, "GET", checkpoint);
  assert.equal(read.body.last_seq, "12-abc");
  const second = await request(member.server, "PUT", checkpoint, { _rev: read.body._rev, last_seq: "13-abd" });
  assert.equal(second.status, 201);
  // Checkpoints never show up in _changes.
  const changes = await request(member.server, "GET", `/${db}/_changes`);
  assert.ok(changes.body.results.every((r) => !r.id.startsWith("_local/")));
});

test("a member cannot replace the validation", async (t) => {
  const { db, member } = await team(t);
  const design = await request(member.server, "GET", `/${db}/_design/senda`);
  const res = await request(member.server, "PUT", `/${db}/_design/senda`, {
    _rev: design.body._rev,
    validate_doc_update: "function () {}",
  });
  assert.ok([401, 403].includes(res.status), `member replaced the design doc: ${res.status}`);
  assert.ok(refused(await request(member.server, "PUT", `/${db}/${opaque()}`, { name: "Luz" })));
});
