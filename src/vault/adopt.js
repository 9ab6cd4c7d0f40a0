// Copies one IndexedDB database of this origin into another that does not exist yet — the vault's
// unscoped database into its deployment's scoped name (adopt.rs) — in one transaction, then reads
// the copy back and compares every key and value with what was read. The source is only read;
// a target that exists (even emptied by a wipe) or holds anything is never written. The vault's stores have out-of-line keys and no
// index, as a copy made here has too. Errors reject with {name, message}.
const failure = (e, name) => ({ name: (e && e.name) || name, message: (e && e.message) || '' });

const finished = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onabort = () => reject(failure(tx.error, 'AbortError'));
});

// `name` if it exists; undefined, and not created, if not.
function openExisting(name) {
  return new Promise((resolve, reject) => {
    let absent = false;
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => { absent = true; request.transaction.abort(); };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (e) => {
      if (!absent) { reject(failure(request.error, 'UnknownError')); return; }
      e.preventDefault();
      resolve(undefined);
    };
  });
}

function openTarget(name, version, stores) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const s of stores) if (!db.objectStoreNames.contains(s.name)) db.createObjectStore(s.name);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(failure(request.error, 'UnknownError'));
  });
}

// Every store's name, keys and values, read in one transaction (key order).
async function snapshot(db) {
  const names = [...db.objectStoreNames];
  if (names.length === 0) return [];
  const tx = db.transaction(names, 'readonly');
  const stores = names.map((name) => {
    const s = { name, keys: [], values: [] };
    const store = tx.objectStore(name);
    store.getAllKeys().onsuccess = (ev) => { s.keys = ev.target.result; };
    store.getAll().onsuccess = (ev) => { s.values = ev.target.result; };
    return s;
  });
  await finished(tx);
  return stores;
}

function equal(a, b) {
  if (a instanceof ArrayBuffer) a = new Uint8Array(a);
  if (b instanceof ArrayBuffer) b = new Uint8Array(b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.every((v, i) => v === y[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => equal(v, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => equal(a[k], b[k]));
  }
  return Object.is(a, b);
}

function sameStores(read, copy) {
  return read.every((s) => {
    const c = copy.find((t) => t.name === s.name);
    return c && c.keys.length === s.keys.length &&
      s.keys.every((k, i) => indexedDB.cmp(k, c.keys[i]) === 0 && equal(s.values[i], c.values[i]));
  });
}

// Writes every record of `stores` into `db` unless one of its stores holds anything: 'copied' or
// 'kept', decided and done in the same transaction (a second tab's copy finds the first's).
function copyInto(db, stores) {
  const tx = db.transaction(stores.map((s) => s.name), 'readwrite');
  let counting = stores.length;
  let held = false;
  for (const s of stores) {
    tx.objectStore(s.name).count().onsuccess = (ev) => {
      if (ev.target.result > 0) held = true;
      if (--counting > 0 || held) return;
      for (const t of stores) {
        const store = tx.objectStore(t.name);
        t.keys.forEach((k, i) => store.put(t.values[i], k));
      }
    };
  }
  return finished(tx).then(() => (held ? 'kept' : 'copied'));
}

function deleteDatabase(name) {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = () => resolve();
  });
}

async function adoptNow(from, to) {
  // Only into a database that was never there: one emptied by a wipe stays empty.
  const existing = await openExisting(to);
  if (existing) {
    existing.close();
    return 'kept';
  }
  const source = await openExisting(from);
  if (!source) return 'none';
  let stores;
  let version;
  try {
    stores = await snapshot(source);
    version = source.version;
  } finally {
    source.close();
  }
  if (stores.every((s) => s.keys.length === 0)) return 'none';
  let outcome;
  try {
    const target = await openTarget(to, version, stores);
    try {
      outcome = await copyInto(target, stores);
      if (outcome === 'copied' && !sameStores(stores, await snapshot(target))) {
        outcome = { name: 'DataError', message: 'the copy read back differs' };
      }
    } finally {
      target.close();
    }
  } catch (e) {
    outcome = e;
  }
  if (outcome === 'copied' || outcome === 'kept') return outcome;
  // Not copied whole: the database made here goes (other tabs wait for the lock before they open
  // it), so that the next start copies again; the source is as it was.
  await deleteDatabase(to);
  throw outcome;
}

// 'none' (nothing to copy), 'kept' (the target exists already) or 'copied' (verified);
// under a Web Lock so that two tabs starting at once copy once.
export function adopt(from, to) {
  if (!navigator.locks) return adoptNow(from, to);
  return navigator.locks.request(`${to}/adopt`, () => adoptNow(from, to));
}
