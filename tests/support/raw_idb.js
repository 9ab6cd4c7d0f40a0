// Direct IndexedDB access for the vault tests: read, damage and search what is really stored,
// bypassing the vault; and a storage bucket with a small quota for the storage-full test.
const req = (r) => new Promise((resolve, reject) => {
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});
const connect = (name) => req(indexedDB.open(name));

export async function deleteDatabase(name) {
  await req(indexedDB.deleteDatabase(name));
}

export async function rawGet(name, store, key) {
  const db = await connect(name);
  try { return await req(db.transaction(store).objectStore(store).get(key)); } finally { db.close(); }
}

export async function rawPut(name, store, key, value) {
  const db = await connect(name);
  try {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
  } finally { db.close(); }
}

export async function rawDelete(name, store, key) {
  const db = await connect(name);
  try {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).delete(key);
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
  } finally { db.close(); }
}

export async function rawKeys(name, store) {
  const db = await connect(name);
  try { return JSON.stringify(await req(db.transaction(store).objectStore(store).getAllKeys())); } finally { db.close(); }
}

// Every key and value of every store as bytes: byte arrays as they are, strings as UTF-8.
export const rawBytes = (name) => rawStoreBytes(name, null);

// The same for one store only (`only`), or for every store when it is null.
export async function rawStoreBytes(name, only) {
  const db = await connect(name);
  const parts = [];
  const enc = new TextEncoder();
  const add = (v) => {
    if (v == null) return;
    if (ArrayBuffer.isView(v)) parts.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else if (v instanceof ArrayBuffer) parts.push(new Uint8Array(v));
    else if (Array.isArray(v)) v.forEach(add);
    else if (typeof v === 'object') Object.values(v).forEach(add);
    else parts.push(enc.encode(String(v)));
  };
  try {
    for (const store of db.objectStoreNames) {
      if (only !== null && store !== only) continue;
      const s = db.transaction(store).objectStore(store);
      add(await req(s.getAllKeys()));
      add(await req(s.getAll()));
    }
  } finally { db.close(); }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function localStorageText() {
  let text = '';
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    text += `${key}=${localStorage.getItem(key)}\n`;
  }
  return text;
}

// A storage bucket whose quota the browser enforces: its own IndexedDB, filled up for real.
export async function smallBucket(name, quota) {
  await navigator.storageBuckets.delete(name);
  const bucket = await navigator.storageBuckets.open(name, { quota, persisted: false });
  return bucket.indexedDB;
}

export function now() {
  return performance.now();
}

export async function storageUsage() {
  const { usage } = await navigator.storage.estimate();
  return usage;
}

// The names of this origin's IndexedDB databases, as JSON, sorted (opening one would create it).
export async function databaseNames() {
  return JSON.stringify((await indexedDB.databases()).map((d) => d.name).sort());
}
