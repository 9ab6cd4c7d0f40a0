// A team's inbox database's validate_doc_update (`<team db>-inbox`, installed as _design/senda
// by tools/sync-server/provision.mjs --inbox and by a coordinator's phone): where partner
// organisations deliver transfers and receipts. Partners may only add: a new document with a
// random `e` + 32 hex id, written once, never changed or deleted (the server's administrator
// aside); and only a sealed delivery (src/sync/transfer.rs): `{_id, _rev, v, kid, iv, ct, eph,
// salt, wk}`, every byte field standard padded base64, nothing readable in clear. CouchDB runs it
// on every write, replicated ones included; plain ES5 for older JS engines.
function (newDoc, oldDoc, userCtx, secObj) {
  var ALLOWED = { _id: true, _rev: true, _revisions: true, v: true, kid: true, iv: true, ct: true, eph: true, salt: true, wk: true };
  var BASE64 = /^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=)?$/;

  function refuse(why) {
    throw { forbidden: why };
  }

  function bytes(field, min, max) {
    var value = newDoc[field];
    if (typeof value !== "string" || value.length < min || value.length > max || !BASE64.test(value)) {
      refuse("a delivery needs its base64 field " + field);
    }
  }

  var admin = (userCtx.roles || []).indexOf("_admin") !== -1;
  var id = String(newDoc._id || "");
  if (id.indexOf("_local/") === 0) {
    return;
  }
  if (id.indexOf("_design/") === 0) {
    if (!admin) {
      refuse("only the database's administrator changes design documents");
    }
    return;
  }
  // Only the administrator tidies the inbox; a partner adds, and nothing else.
  if (admin && (oldDoc || newDoc._deleted === true)) {
    return;
  }
  if (oldDoc) {
    refuse("an inbox only takes new deliveries: one cannot be changed or deleted");
  }
  if (newDoc._deleted === true) {
    refuse("an inbox only takes new deliveries: one cannot be deleted");
  }
  if (newDoc._rev && String(newDoc._rev).indexOf("1-") !== 0) {
    refuse("a delivery has a first revision only");
  }
  // Random ids only: nothing can be read from an id.
  if (!/^e[0-9a-f]{32}$/.test(id)) {
    refuse("a delivery's id is 'e' and 32 hex digits");
  }
  for (var key in newDoc) {
    if (Object.prototype.hasOwnProperty.call(newDoc, key) && !ALLOWED[key]) {
      refuse("only sealed deliveries are stored here: unexpected field '" + key + "'");
    }
  }
  if (typeof newDoc.v !== "number" || newDoc.v % 1 !== 0 || newDoc.v < 1 || newDoc.v > 1000) {
    refuse("a delivery needs a format version v (a whole number)");
  }
  if (typeof newDoc.kid !== "string" || !/^[a-z0-9-]{1,64}$/.test(newDoc.kid)) {
    refuse("a delivery needs a key id kid (a-z, 0-9, '-')");
  }
  if (typeof newDoc.iv !== "string" || newDoc.iv.length !== 16 || !BASE64.test(newDoc.iv)) {
    refuse("a delivery needs a 12-byte base64 iv");
  }
  bytes("ct", 24, 8000000);
  // The fresh key wrapped for the receiving device: an ephemeral public key (X25519's 32 bytes
  // to P-256's 65), a 16-byte salt, an AES-KW-wrapped 32-byte key (40 bytes).
  bytes("eph", 44, 120);
  bytes("salt", 24, 24);
  bytes("wk", 56, 56);
}
