// IndexedDB for a team's local replica: its own database (an opaque name), three stores of JSON
// text (docs: document id -> revisions; links: document id -> case section and synced revision;
// meta: "replica" -> id, sequence, checkpoints). Reads everything at once; writes land whole.
const STORES = ['docs', 'links', 'meta'];

const failure = (e, name) => ({ name: (e && e.name) || name, message: (e && e.message) || '' });

export function openReplica(name) {
  return new Promise((resolve, reject) => {
    let request;
    try {
      request = indexedDB.open(name, 1);
    } catch (e) {
      reject(failure(e, 'UnknownError'));
      return;
    }
    request.onupgradeneeded = () => {
      for (const store of STORES) request.result.createObjectStore(store);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(failure(request.error, 'UnknownError'));
  });
}

// Every store as [keys, values] pairs: [docs, links, meta].
export function loadAll(db) {
  return new Promise((resolve, reject) => {
    let tx;
    try {
      tx = db.transaction(STORES, 'readonly');
    } catch (e) {
      reject(failure(e, 'UnknownError'));
      return;
    }
    const out = STORES.map(() => [null, null]);
    STORES.forEach((name, i) => {
      const store = tx.objectStore(name);
      store.getAllKeys().onsuccess = (ev) => { out[i][0] = ev.target.result; };
      store.getAll().onsuccess = (ev) => { out[i][1] = ev.target.result; };
    });
    tx.oncomplete = () => resolve(out);
    tx.onabort = () => reject(failure(tx.error, 'AbortError'));
  });
}

// puts: [[store, key, text]], all in one transaction.
export function putAll(db, puts) {
  return new Promise((resolve, reject) => {
    let tx;
    try {
      tx = db.transaction(STORES, 'readwrite');
      for (const [store, key, value] of puts) tx.objectStore(store).put(value, key);
    } catch (e) {
      reject(failure(e, 'UnknownError'));
      return;
    }
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(failure(tx.error, 'AbortError'));
  });
}

export function closeReplica(db) {
  db.close();
}

export function deleteReplica(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onblocked = () => resolve();
    request.onerror = () => reject(failure(request.error, 'UnknownError'));
  });
}
