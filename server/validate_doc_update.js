// The team database's validate_doc_update (installed as _design/senda by
// tools/sync-server/provision.mjs): the server stores encrypted envelopes only, and never lets an
// append-only entry change. CouchDB runs it on every write, replicated ones included; it is plain
// ES5 because CouchDB's JavaScript engine may be old. It cannot see sibling revisions: a forged
// conflicting first revision of an append-only id is not refused here, so clients must treat a
// conflict on an append-only document as tampering.
function (newDoc, oldDoc, userCtx, secObj) {
  var ENVELOPE = { v: true, kid: true, iv: true, ct: true };
  var SPECIAL = { _id: true, _rev: true, _revisions: true, _deleted: true };
  var BASE64 = /^[A-Za-z0-9+\/_-]+={0,2}$/;

  function refuse(why) {
    throw { forbidden: why };
  }

  function isAppendOnly(doc) {
    return !!doc && doc.a === 1;
  }

  var id = newDoc._id || "";
  // Replication checkpoints (CouchDB does not validate _local documents; PouchDB may).
  if (id.indexOf("_local/") === 0) {
    return;
  }
  if (id.indexOf("_design/") === 0) {
    if ((userCtx.roles || []).indexOf("_admin") === -1) {
      refuse("only the database's administrator changes design documents");
    }
    return;
  }
  // Opaque ids only: a name, a date or a country must never be readable in an id.
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) {
    refuse("a document id must be opaque: letters, digits, '-' or '_' only");
  }

  if (oldDoc && !oldDoc._deleted && isAppendOnly(oldDoc)) {
    refuse("an append-only entry cannot be changed or deleted");
  }

  var keys = [];
  for (var key in newDoc) {
    if (Object.prototype.hasOwnProperty.call(newDoc, key) && !SPECIAL[key]) {
      keys.push(key);
    }
  }
  // A tombstone may carry nothing, or a whole envelope.
  if (newDoc._deleted === true && keys.length === 0) {
    return;
  }

  for (var i = 0; i < keys.length; i++) {
    if (!ENVELOPE[keys[i]] && keys[i] !== "a") {
      refuse("only encrypted envelopes are stored here: unexpected field '" + keys[i] + "'");
    }
  }
  if (typeof newDoc.v !== "number" || newDoc.v % 1 !== 0 || newDoc.v < 1 || newDoc.v > 1000) {
    refuse("an envelope needs a format version v (a whole number)");
  }
  if (typeof newDoc.kid !== "string" || !/^[A-Za-z0-9_:-]{1,128}$/.test(newDoc.kid)) {
    refuse("an envelope needs an opaque key id kid");
  }
  if (typeof newDoc.iv !== "string" || newDoc.iv.length < 8 || newDoc.iv.length > 64
      || !BASE64.test(newDoc.iv)) {
    refuse("an envelope needs a base64 iv");
  }
  if (typeof newDoc.ct !== "string" || newDoc.ct.length < 16 || !BASE64.test(newDoc.ct)) {
    refuse("an envelope needs a base64 ciphertext ct");
  }
  if ("a" in newDoc && newDoc.a !== 1) {
    refuse("the append-only marker is a: 1");
  }
  if (oldDoc && !oldDoc._deleted && isAppendOnly(newDoc)) {
    refuse("an existing mutable document cannot become append-only");
  }
}
