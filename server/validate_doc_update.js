// The team database's validate_doc_update (installed as _design/senda by
// tools/sync-server/provision.mjs): the server stores encrypted envelopes only, and never lets an
// append-only entry change. The envelope is core/src/sync/envelope.rs's: `{_id, _rev, v, kid, iv,
// ct}` (+ `_revisions`), ids `m` + 32 hex digits (a mutable case section) or `e` + 32 hex digits
// (an append-only event); iv and ct in standard padded base64; a tombstone carries nothing else.
// CouchDB runs it on every write, replicated ones included; plain ES5 for older JS engines.
function (newDoc, oldDoc, userCtx, secObj) {
  var ALLOWED = { _id: true, _rev: true, _revisions: true, _deleted: true, v: true, kid: true, iv: true, ct: true };
  var BASE64 = /^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=)?$/;

  function refuse(why) {
    throw { forbidden: why };
  }

  var id = String(newDoc._id || "");
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
  // Random ids only: a name, a date or a country can never be read from an id.
  if (!/^[me][0-9a-f]{32}$/.test(id)) {
    refuse("a document id is 'm' or 'e' and 32 hex digits");
  }

  // An event is written once: no second revision, no deletion, and no branch but a first one
  // (a replicated `2-…` whose parent the server does not know is refused as well).
  if (id.charAt(0) === "e") {
    if (oldDoc) {
      refuse("an append-only entry cannot be changed or deleted");
    }
    if (newDoc._deleted === true) {
      refuse("an append-only entry cannot be deleted");
    }
    if (newDoc._rev && String(newDoc._rev).indexOf("1-") !== 0) {
      refuse("an append-only entry has a first revision only");
    }
  }

  for (var key in newDoc) {
    if (Object.prototype.hasOwnProperty.call(newDoc, key) && !ALLOWED[key]) {
      refuse("only encrypted envelopes are stored here: unexpected field '" + key + "'");
    }
  }
  var content = "v" in newDoc || "kid" in newDoc || "iv" in newDoc || "ct" in newDoc;
  if (newDoc._deleted === true) {
    if (content) {
      refuse("a tombstone carries no envelope");
    }
    return;
  }
  if (typeof newDoc.v !== "number" || newDoc.v % 1 !== 0 || newDoc.v < 1 || newDoc.v > 1000) {
    refuse("an envelope needs a format version v (a whole number)");
  }
  if (typeof newDoc.kid !== "string" || !/^[a-z0-9-]{1,64}$/.test(newDoc.kid)) {
    refuse("an envelope needs a key id kid (a-z, 0-9, '-')");
  }
  if (typeof newDoc.iv !== "string" || newDoc.iv.length !== 16 || !BASE64.test(newDoc.iv)) {
    refuse("an envelope needs a 12-byte base64 iv");
  }
  if (typeof newDoc.ct !== "string" || newDoc.ct.length < 24 || !BASE64.test(newDoc.ct)) {
    refuse("an envelope needs a base64 ciphertext ct");
  }
}
