// IndexedDB for the vault: open the database, and run a list of reads or writes in one
// transaction. A write lands whole or not at all; an "expect" step aborts it when storage is not
// what the caller last saw (another window wrote in between). Errors reject with {name, message}.
// Also the one-time copy of the vault from its unscoped name (`adopt`, at the end).
const STORES = ['meta', 'records', 'index', 'quarantine'];

const failure = (e, name) => ({ name: (e && e.name) || name, message: (e && e.message) || '' });

// Opens the vault database `name`; first, when `from` differs, copies that one into it (`adopt`).
export async function openDatabase(factory, name, from) {
  if (from !== name) await adopt(from, name);
  return new Promise((resolve, reject) => {
    let request;
    try {
      request = (factory || indexedDB).open(name, 1);
    } catch (e) {
      reject(failure(e, 'UnknownError'));
      return;
    }
    request.onupgradeneeded = () => {
      for (const store of STORES) request.result.createObjectStore(store);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close(); // never block a deletion or a newer version
      resolve(db);
    };
    request.onerror = () => reject(failure(request.error, 'UnknownError'));
  });
}

// Keys from `lower` (included) to `upper` (excluded); either may be absent.
function range(lower, upper) {
  if (lower === undefined && upper === undefined) return undefined;
  if (upper === undefined) return IDBKeyRange.lowerBound(lower);
  if (lower === undefined) return IDBKeyRange.upperBound(upper, true);
  return IDBKeyRange.bound(lower, upper, false, true);
}

function same(a, b) {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  return a === b || (a == null && b == null);
}

// Steps: [get|getAll|getAllKeys|count, store, key|lower, upper]
//        [put, store, key, value] [delete, store, key] [deleteRange, store, lower, upper] [clear, store]
//        [expect, store, key, value] [expectCount, store, lower, upper, n]
function run(db, mode, steps) {
  return new Promise((resolve, reject) => {
    const results = new Array(steps.length);
    let tx;
    let broken = null;
    try {
      tx = db.transaction([...new Set(steps.map((s) => s[1]))], mode);
    } catch (e) {
      reject(failure(e, 'UnknownError'));
      return;
    }
    tx.oncomplete = () => resolve(results);
    tx.onabort = () => reject(broken || failure(tx.error, 'AbortError'));
    const check = (request, ok) => {
      request.onsuccess = () => {
        if (!ok(request.result) && !broken) {
          broken = { name: 'ExpectationFailed', message: '' };
          tx.abort();
        }
      };
    };
    try {
      steps.forEach(([kind, name, a, b, c], i) => {
        const store = tx.objectStore(name);
        let request;
        switch (kind) {
          case 'get': request = store.get(a); break;
          case 'getAll': request = store.getAll(range(a, b)); break;
          case 'getAllKeys': request = store.getAllKeys(range(a, b)); break;
          case 'count': request = store.count(range(a, b)); break;
          case 'put': request = store.put(b, a); break;
          case 'delete': request = store.delete(a); break;
          case 'deleteRange': request = store.delete(range(a, b) ?? IDBKeyRange.lowerBound(-Infinity)); break;
          case 'clear': request = store.clear(); break;
          case 'expect': check(store.get(a), (v) => same(v, b)); return;
          case 'expectCount': check(store.count(range(a, b)), (n) => n === c); return;
          default: throw { name: 'UnknownStep', message: String(kind) };
        }
        request.onsuccess = () => { results[i] = request.result; };
      });
    } catch (e) {
      broken = failure(e, 'UnknownError');
      try { tx.abort(); } catch { reject(broken); }
    }
  });
}

export const read = (db, steps) => run(db, 'readonly', steps);
export const write = (db, steps) => run(db, 'readwrite', steps);

// Whether the database `name` exists; never creates it.
const exists = (name) => new Promise((resolve, reject) => {
  const request = indexedDB.open(name);
  request.onupgradeneeded = () => request.transaction.abort();
  request.onsuccess = () => { request.result.close(); resolve(true); };
  request.onerror = (e) => {
    if (request.error && request.error.name === 'AbortError') { e.preventDefault(); resolve(false); }
    else reject(failure(request.error, 'UnknownError'));
  };
});

// The vault under its unscoped name `from` copied into `to` if `to` does not exist (never into
// one that does, even emptied by a wipe): in one transaction that also checks every store of `to`
// empty, then read back and compared. Under a Web Lock, so two tabs copy once; a copy that fails
// or differs is deleted and the error thrown. `from` is only read.
function adopt(from, to) {
  const run = async () => {
    if ((await exists(to)) || !(await exists(from))) return;
    const all = STORES.flatMap((s) => [['getAllKeys', s], ['getAll', s]]);
    const source = await openDatabase(undefined, from, from);
    let found;
    try { found = await read(source, all); } finally { source.close(); }
    if (found.every((r) => r.length === 0)) return;
    // Written where every store is still empty; then read back: as many keys, each its value.
    const steps = STORES.map((s) => ['expectCount', s, undefined, undefined, 0]);
    const checks = STORES.map((s, i) => ['expectCount', s, undefined, undefined, found[2 * i].length]);
    STORES.forEach((s, i) => found[2 * i].forEach((k, j) => {
      steps.push(['put', s, k, found[2 * i + 1][j]]);
      checks.push(['expect', s, k, found[2 * i + 1][j]]);
    }));
    let target;
    try {
      target = await openDatabase(undefined, to, to);
      try {
        await write(target, steps);
      } catch (e) {
        if (e.name === 'ExpectationFailed') return; // another tab copied first (no Web Locks)
        throw e;
      }
      await read(target, checks).catch(() => { throw { name: 'DataError', message: 'the copy differs' }; });
    } catch (e) {
      if (target) target.close();
      await new Promise((done) => { const r = indexedDB.deleteDatabase(to); r.onsuccess = r.onerror = done; });
      throw e;
    } finally {
      if (target) target.close();
    }
  };
  return navigator.locks ? navigator.locks.request(`${to}/adopt`, run) : run();
}

// A wipe under a sub-path clears the vault's copy under its unscoped name too (`from`), if there
// is one: erasing must not leave the vault it was copied from behind. First its header (salt and
// wrapped key, of either format) is overwritten with random bytes in a transaction of its own, so
// no key to its records is left even where the deletion never reaches the disk. Never creates it.
export async function clearUnscoped(from) {
  if (!(await exists(from))) return;
  const db = await openDatabase(undefined, from, from);
  try {
    const [header] = await read(db, [['get', 'meta', 'header']]);
    if (ArrayBuffer.isView(header)) {
      await write(db, [['put', 'meta', 'header', crypto.getRandomValues(new Uint8Array(header.byteLength))]]);
    }
    await write(db, STORES.map((s) => ['clear', s]));
  } finally { db.close(); }
}
