// The replication endpoints as Senda's replicator uses them: `_changes` (all leaves), `_revs_diff`,
// `_bulk_docs` with `new_edits: false` (keeping a conflict as two leaves), `_bulk_get` with
// revision histories, `?conflicts=true` and `open_revs=all`, and resolving by deleting a leaf.
import { test } from "node:test";
import assert from "node:assert/strict";
import { envelope, mid, request, team } from "./support.mjs";

const hash = (c) => c.repeat(32);

test("a phone's revisions go up with new_edits:false and come back down as they were", async (t) => {
  const { db, members } = await team(t, { members: 2 });
  const [phoneA, phoneB] = members;
  const id = mid();
  const base = { _id: id, _rev: `1-${hash("a")}`, _revisions: { start: 1, ids: [hash("a")] }, ...envelope() };
  const left = {
    _id: id,
    _rev: `2-${hash("b")}`,
    _revisions: { start: 2, ids: [hash("b"), hash("a")] },
    ...envelope(),
  };
  const right = {
    _id: id,
    _rev: `2-${hash("c")}`,
    _revisions: { start: 2, ids: [hash("c"), hash("a")] },
    ...envelope(),
  };

  // Phone A asks what the server lacks, then pushes it.
  const diff = await request(phoneA.server, "POST", `/${db}/_revs_diff`, { [id]: [base._rev, left._rev] });
  assert.equal(diff.status, 200);
  assert.deepEqual(diff.body[id].missing.sort(), [base._rev, left._rev].sort());
  const up = await request(phoneA.server, "POST", `/${db}/_bulk_docs`, { new_edits: false, docs: [base, left] });
  assert.equal(up.status, 201);
  assert.ok(up.body.every((r) => !r.error), JSON.stringify(up.body));
  const after = await request(phoneA.server, "POST", `/${db}/_revs_diff`, { [id]: [left._rev] });
  assert.deepEqual(after.body, {});

  // Phone B edited the same base offline: its revision becomes a second leaf, not a loss.
  const upB = await request(phoneB.server, "POST", `/${db}/_bulk_docs`, { new_edits: false, docs: [right] });
  assert.ok(upB.body.every((r) => !r.error), JSON.stringify(upB.body));

  const changes = await request(phoneB.server, "GET", `/${db}/_changes?style=all_docs&since=0`);
  assert.equal(changes.status, 200);
  const row = changes.body.results.find((r) => r.id === id);
  assert.deepEqual(row.changes.map((c) => c.rev).sort(), [left._rev, right._rev].sort());
  assert.ok(changes.body.last_seq !== undefined);

  const winner = await request(phoneB.server, "GET", `/${db}/${id}?conflicts=true`);
  assert.equal(winner.status, 200);
  assert.equal(winner.body._conflicts.length, 1);
  assert.deepEqual([winner.body._rev, ...winner.body._conflicts].sort(), [left._rev, right._rev].sort());

  const all = await request(phoneB.server, "GET", `/${db}/${id}?open_revs=all&revs=true`);
  assert.equal(all.status, 200);
  assert.deepEqual(all.body.map((r) => r.ok._rev).sort(), [left._rev, right._rev].sort());

  // _bulk_get returns each leaf's body untouched and its history back to the common base.
  const got = await request(phoneB.server, "POST", `/${db}/_bulk_get?revs=true`, {
    docs: [{ id, rev: left._rev }, { id, rev: right._rev }, { id: mid(), rev: `1-${hash("e")}` }],
  });
  assert.equal(got.status, 200);
  const docs = got.body.results.flatMap((r) => r.docs);
  const ok = docs.filter((d) => d.ok).map((d) => d.ok);
  assert.equal(ok.length, 2);
  for (const sent of [left, right]) {
    const back = ok.find((d) => d._rev === sent._rev);
    assert.ok(back, `missing ${sent._rev}`);
    for (const field of ["v", "kid", "iv", "ct"]) assert.equal(back[field], sent[field]);
    assert.deepEqual(back._revisions, sent._revisions);
  }
  // A revision the server lacks: CouchDB answers {error: {…}}, PouchDB Server {missing: rev}.
  const absent = docs.filter((d) => !d.ok);
  assert.equal(absent.length, 1);
  assert.ok(absent[0].error || absent[0].missing, JSON.stringify(absent[0]));
});

test("a conflict is resolved by writing the merge on one leaf and deleting the other", async (t) => {
  const { db, member } = await team(t);
  const id = mid();
  const leaves = ["b", "c"].map((c) => ({
    _id: id,
    _rev: `2-${hash(c)}`,
    _revisions: { start: 2, ids: [hash(c), hash("a")] },
    ...envelope(),
  }));
  await request(member.server, "POST", `/${db}/_bulk_docs`, { new_edits: false, docs: leaves });
  const merged = { _id: id, _rev: `3-${hash("d")}`, _revisions: { start: 3, ids: [hash("d"), hash("b")] }, ...envelope() };
  const tomb = { _id: id, _rev: `3-${hash("f")}`, _revisions: { start: 3, ids: [hash("f"), hash("c")] }, _deleted: true };
  const res = await request(member.server, "POST", `/${db}/_bulk_docs`, { new_edits: false, docs: [merged, tomb] });
  assert.ok(res.body.every((r) => !r.error), JSON.stringify(res.body));
  const doc = await request(member.server, "GET", `/${db}/${id}?conflicts=true`);
  assert.equal(doc.body._rev, merged._rev);
  assert.equal(doc.body._conflicts, undefined);
  // The losing leaf is kept as a tombstone, not erased.
  const leavesNow = await request(member.server, "GET", `/${db}/${id}?open_revs=all`);
  const byRev = Object.fromEntries(leavesNow.body.map((r) => [r.ok._rev, r.ok]));
  assert.deepEqual(Object.keys(byRev).sort(), [merged._rev, tomb._rev].sort());
  assert.equal(byRev[tomb._rev]._deleted, true);
  assert.equal(byRev[merged._rev].ct, merged.ct);
});

test("_changes pages with since and limit, and reports deletions", async (t) => {
  const { db, member } = await team(t);
  const ids = [];
  for (let i = 0; i < 5; i++) {
    const id = mid();
    ids.push(id);
    assert.equal((await request(member.server, "PUT", `/${db}/${id}`, envelope())).status, 201);
  }
  const first = await request(member.server, "GET", `/${db}/_changes?style=all_docs&limit=2`);
  assert.equal(first.body.results.length, 2);
  const rest = await request(
    member.server,
    "GET",
    `/${db}/_changes?style=all_docs&since=${encodeURIComponent(JSON.stringify(first.body.last_seq).replace(/^"|"$/g, ""))}`,
  );
  const seen = [...first.body.results, ...rest.body.results].map((r) => r.id);
  for (const id of ids) assert.ok(seen.includes(id), `${id} not in _changes`);

  const doc = await request(member.server, "GET", `/${db}/${ids[0]}`);
  const del = await request(member.server, "PUT", `/${db}/${ids[0]}`, { _rev: doc.body._rev, _deleted: true });
  assert.equal(del.status, 201);
  const after = await request(member.server, "GET", `/${db}/_changes?style=all_docs&since=${encodeURIComponent(String(rest.body.last_seq))}`);
  const gone = after.body.results.find((r) => r.id === ids[0]);
  assert.equal(gone.deleted, true);
});
