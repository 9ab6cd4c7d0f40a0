// The team database's validate_doc_update (server/validate_doc_update.js): envelopes only, random
// ids (`m…` mutable sections, `e…` append-only events), events never change, checkpoints allowed —
// for direct writes and replicated ones (`_bulk_docs` with `new_edits: false`) alike.
import { test } from "node:test";
import assert from "node:assert/strict";
import { eid, envelope, mid, request, team } from "./support.mjs";

function refused(res) {
  return res.status === 403 && res.body.error === "forbidden";
}

test("a plaintext document is refused, with or without envelope fields around it", async (t) => {
  const { db, member } = await team(t);
  for (const doc of [
    { name: "Luz", age: 14, country: "GT" },
    { ...envelope(), name: "Luz" },
    { ...envelope(), status: "open" },
    { ...envelope(), iv: "not base64 at all" },
    { ...envelope(), iv: "AAAAAAAAAAAAAAAAAAAA" },
    { ...envelope(), ct: "QUJD" },
    { ...envelope(), ct: "AAAAAAAAAAAAAAAAAAAAAAA-" },
    { ...envelope(), v: "1" },
    { ...envelope(), kid: "Team Key" },
    { v: 1, kid: "t1", iv: "AAAAAAAAAAAAAAAA" },
    { ...envelope(), a: 1 },
    { ...envelope(), _attachments: { "x.txt": { content_type: "text/plain", data: "THVa" } } },
  ]) {
    for (const id of [mid(), eid()]) {
      const res = await request(member.server, "PUT", `/${db}/${id}`, doc);
      assert.ok(refused(res), `accepted ${JSON.stringify(doc)}: ${res.status}`);
    }
  }
  const all = await request(member.server, "GET", `/${db}/_all_docs`);
  assert.deepEqual(
    all.body.rows.filter((r) => !r.id.startsWith("_design/")),
    [],
  );
});

test("an id that is not a random m… or e… id is refused", async (t) => {
  const { db, member } = await team(t);
  const hex = mid().slice(1);
  for (const id of ["Luz%20Mar%C3%ADa", "case-2026-11-30", "luz%40example.org", `x${hex}`, `m${hex}0`, `M${hex}`, `m${hex.toUpperCase()}`]) {
    const res = await request(member.server, "PUT", `/${db}/${id}`, envelope());
    assert.ok(refused(res), `${id}: ${res.status}`);
  }
});

test("an envelope is accepted, updated and deleted when it is mutable", async (t) => {
  const { db, member } = await team(t);
  const id = mid();
  const put = await request(member.server, "PUT", `/${db}/${id}`, envelope());
  assert.equal(put.status, 201);
  const update = await request(member.server, "PUT", `/${db}/${id}`, { _rev: put.body.rev, ...envelope() });
  assert.equal(update.status, 201);
  // Deleted as CouchDB's DELETE does it: a bare tombstone. (PouchDB Server validates an HTTP
  // DELETE against the old body, so the suite writes the tombstone itself.)
  const del = await request(member.server, "PUT", `/${db}/${id}`, { _rev: update.body.rev, _deleted: true });
  assert.equal(del.status, 201);
  assert.equal((await request(member.server, "GET", `/${db}/${id}`)).status, 404);
});

test("an append-only event cannot be updated, deleted or branched, directly or by replication", async (t) => {
  const { db, member } = await team(t);
  const id = eid();
  const put = await request(member.server, "PUT", `/${db}/${id}`, envelope());
  assert.equal(put.status, 201);
  const rev = put.body.rev;
  const hash = rev.split("-")[1];

  assert.ok(refused(await request(member.server, "PUT", `/${db}/${id}`, { _rev: rev, ...envelope() })));
  assert.ok(refused(await request(member.server, "DELETE", `/${db}/${id}?rev=${rev}`)));
  const offered = [
    // A replicated second revision on top of the stored one.
    { _id: id, _rev: `2-${"b".repeat(32)}`, _revisions: { start: 2, ids: ["b".repeat(32), hash] }, ...envelope() },
    // A replicated branch whose parent the server never saw.
    { _id: id, _rev: `2-${"c".repeat(32)}`, _revisions: { start: 2, ids: ["c".repeat(32), "d".repeat(32)] }, ...envelope() },
    // A tombstone on top of it.
    { _id: id, _rev: `2-${"f".repeat(32)}`, _revisions: { start: 2, ids: ["f".repeat(32), hash] }, _deleted: true },
  ];
  for (const doc of offered) {
    const bulk = await request(member.server, "POST", `/${db}/_bulk_docs`, { new_edits: false, docs: [doc] });
    assert.equal(bulk.status, 201);
    assert.equal(bulk.body.length, 1);
    assert.equal(bulk.body[0].error, "forbidden", JSON.stringify(bulk.body));
  }
  // A fresh event whose first revision arrives as a second one is refused too.
  const orphan = eid();
  const branch = await request(member.server, "POST", `/${db}/_bulk_docs`, {
    new_edits: false,
    docs: [{ _id: orphan, _rev: `2-${"c".repeat(32)}`, _revisions: { start: 2, ids: ["c".repeat(32), "d".repeat(32)] }, ...envelope() }],
  });
  assert.equal(branch.body[0].error, "forbidden", JSON.stringify(branch.body));

  const now = await request(member.server, "GET", `/${db}/${id}?open_revs=all`);
  assert.deepEqual(now.body.map((r) => r.ok._rev), [rev]);
  assert.equal((await request(member.server, "GET", `/${db}/${orphan}`)).status, 404);
  // Its first revision, replicated from the phone that wrote it, is accepted.
  const first = eid();
  const rep = await request(member.server, "POST", `/${db}/_bulk_docs`, {
    new_edits: false,
    docs: [{ _id: first, _rev: `1-${"a".repeat(32)}`, _revisions: { start: 1, ids: ["a".repeat(32)] }, ...envelope() }],
  });
  assert.ok(rep.body.every((r) => !r.error), JSON.stringify(rep.body));
});

test("a tombstone carries nothing: a deleted revision with an envelope is refused", async (t) => {
  const { db, member } = await team(t);
  const id = mid();
  const put = await request(member.server, "PUT", `/${db}/${id}`, envelope());
  const res = await request(member.server, "PUT", `/${db}/${id}`, { _rev: put.body.rev, _deleted: true, ...envelope() });
  assert.ok(refused(res), `${res.status}`);
});

test("replicated plaintext is refused; replication checkpoints in _local are allowed", async (t) => {
  const { db, member } = await team(t);
  const bulk = await request(member.server, "POST", `/${db}/_bulk_docs`, {
    new_edits: false,
    docs: [
      { _id: mid(), _rev: `1-${"c".repeat(32)}`, name: "Luz" },
      { _id: mid(), _rev: `1-${"d".repeat(32)}`, ...envelope() },
    ],
  });
  assert.equal(bulk.status, 201);
  assert.equal(bulk.body.filter((r) => r.error === "forbidden").length, 1, JSON.stringify(bulk.body));

  const checkpoint = `/${db}/_local/${mid()}`;
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
  assert.ok(refused(await request(member.server, "PUT", `/${db}/${mid()}`, { name: "Luz" })));
});
