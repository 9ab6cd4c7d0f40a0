// End-to-end tests of the vault's passcode key on the release build: a new vault's stored header
// names Argon2id, derived in the real key worker (its own wasm, ended after the key), offline
// too from the service worker's cache; a vault made the way the release before made it (PBKDF2,
// format 2) moves to Argon2id after its next unlock, and the same passcode, the cases and the
// wrong-passcode count all survive it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { appReady, goOffline, snapshot, visitOnce, withApp } from './support.mjs';
import { recordCase, setUpVault, unique, unlock } from './vault_steps.mjs';

const ARGON2ID = 'Argon2id-v19-m65536-p1';
const PBKDF2 = 'PBKDF2-SHA-256';
const WORKER_FILE = /\/kdf-worker-[0-9a-f]+\.js$/;

/** The stored header's format byte and KDF name, read raw from IndexedDB. */
async function storedKdf(page) {
  const bytes = await page.evaluate(async () => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('senda-vault:/senda/'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
    try {
      const header = await new Promise((ok, ko) => { const r = db.transaction('meta').objectStore('meta').get('header'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
      return Array.from(new Uint8Array(header));
    } finally { db.close(); }
  });
  return { format: bytes[0], kdf: Buffer.from(bytes.slice(2, 2 + bytes[1])).toString('latin1') };
}

/** Counts the key workers the page starts, and how many of them it ended. */
function watchWorkers(page) {
  const seen = { started: 0, ended: 0 };
  page.on('worker', (w) => {
    if (!WORKER_FILE.test(w.url())) return;
    seen.started += 1;
    w.on('close', () => { seen.ended += 1; });
  });
  return seen;
}

/** Waits until `ok()` holds (a worker's close event arrives after its last message). */
async function until(ok, what) {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(ok(), what);
}

/** The key worker's files as the build named them in index.html. */
function workerFiles(site) {
  const meta = readFileSync(join(site, 'index.html'), 'utf8').match(/<meta name="senda-kdf-worker" content="([^"]+)"/);
  assert.ok(meta, 'index.html names the key worker');
  return meta[1].split(' ');
}

/** Settings, from the bottom navigation (the vault stays open). */
const openSettings = (page) => page.getByRole('link', { name: 'Ajustes', exact: true }).click();

const locked = (page) => page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
const opened = (page) => page.getByRole('button', { name: 'Bloquear' }).waitFor({ timeout: 30000 });

test('a new vault derives its key with Argon2id in the key worker, which ends, and unlocks offline', async () => {
  await withApp(async (s) => {
    const workers = watchWorkers(s.page);
    await visitOnce(s);
    // The worker's two files are named in the page and precached with the first screen's.
    const [script, wasm] = workerFiles(s.site);
    assert.match(script, /^kdf-worker-[0-9a-f]{16}\.js$/);
    assert.match(wasm, /^kdf-worker-[0-9a-f]{16}\.wasm$/);
    const sw = readFileSync(join(s.site, 'sw.js'), 'utf8');
    assert.ok(sw.includes(`"${script}"`) && sw.includes(`"${wasm}"`), 'the worker files are precached');
    // ...by the service worker; the page asks for them only to derive a key.
    const asked = [];
    s.page.on('request', (r) => { if (r.url().includes('/kdf-worker-')) asked.push(r.url()); });
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await s.page.getByRole('heading', { name: 'Proteja los casos con un código' }).waitFor();
    assert.deepEqual(asked, [], 'nothing of the worker before a key is derived');
    await setUpVault(s.page);
    assert.equal(asked.length, 2, 'the worker script and its wasm, once each');
    assert.deepEqual(await storedKdf(s.page), { format: 3, kdf: ARGON2ID });
    assert.equal(workers.started, 1, 'one key worker for the new vault');
    await until(() => workers.ended === 1, 'and it was ended after the key');
    const alias = unique('Brisa');
    await recordCase(s.page, { name: unique('Sol'), alias, nationality: 'x', place: 'y' });

    // Offline, after a reload: the app and the key worker come from the service worker's cache.
    await goOffline(s);
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await locked(s.page);
    await unlock(s.page, 'no es el código de nadie');
    await s.page.getByText('Intentos fallidos: 1.').waitFor();
    await unlock(s.page);
    await opened(s.page);
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor();
    await until(() => workers.started === 3 && workers.ended === 3, 'one worker per key, each ended');
    await snapshot(s.page, 'vault-kdf-offline-unlock');
  });
});

test('a PBKDF2 vault from the release before moves to Argon2id at its next unlock, and loses nothing', async () => {
  // No service worker, and the key worker's script taken off the server at first: the vault is
  // then made as the release before made it (PBKDF2, format 2); the browser reports the 404.
  await withApp({ serviceWorkers: 'block', allow: [/404/] }, async (s) => {
    const [script] = workerFiles(s.site);
    renameSync(join(s.site, script), join(s.site, `${script}.away`));
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    assert.deepEqual(await storedKdf(s.page), { format: 2, kdf: PBKDF2 });
    const alias = unique('Cerro');
    await recordCase(s.page, { name: unique('Eva'), alias, nationality: 'x', place: 'y' });
    // Settings says the vault is on the weaker protection, and why (the worker did not load).
    await openSettings(s.page);
    const weak = s.page.locator('.key-protection[data-kdf="pbkdf2"]');
    await weak.waitFor({ timeout: 30000 });
    assert.match(await weak.innerText(), /PBKDF2.*motivo: load/s);
    await weak.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'vault-kdf-settings-pbkdf2');
    await s.page.getByRole('link', { name: 'Casos', exact: true }).first().click();
    await s.page.getByRole('button', { name: 'Bloquear' }).click();
    await locked(s.page);
    assert.deepEqual(await storedKdf(s.page), { format: 2, kdf: PBKDF2 }, 'still PBKDF2 while the worker cannot run');

    // The key worker loads now: the next unlock opens with PBKDF2, then moves the header.
    renameSync(join(s.site, `${script}.away`), join(s.site, script));
    const workers = watchWorkers(s.page);
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await unlock(s.page);
    await opened(s.page);
    for (let i = 0; i < 120 && (await storedKdf(s.page)).format !== 3; i++) await new Promise((r) => setTimeout(r, 250));
    assert.deepEqual(await storedKdf(s.page), { format: 3, kdf: ARGON2ID });
    assert.equal(workers.started, 1, 'the move derived in the key worker');
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor();
    // ...and Settings now says Argon2id.
    await openSettings(s.page);
    await s.page.locator('.key-protection[data-kdf="argon2id"]').waitFor({ timeout: 30000 });
    await s.page.getByRole('link', { name: 'Casos', exact: true }).first().click();

    // After a reload the same passcode opens it; wrong ones still count, one by one.
    await s.page.reload();
    await appReady(s.page);
    await unlock(s.page, 'una frase equivocada');
    await s.page.getByText('Intentos fallidos: 1.').waitFor();
    await unlock(s.page, 'otra frase equivocada');
    await s.page.getByText('Intentos fallidos: 2.').waitFor();
    await unlock(s.page);
    await opened(s.page);
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor();
    assert.deepEqual(await storedKdf(s.page), { format: 3, kdf: ARGON2ID });
  });
});

test('an Argon2id vault whose key worker cannot load says what to do, and counts no try', async () => {
  await withApp({ serviceWorkers: 'block', allow: [/404/] }, async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    assert.deepEqual(await storedKdf(s.page), { format: 3, kdf: ARGON2ID });
    const [script] = workerFiles(s.site);
    renameSync(join(s.site, script), join(s.site, `${script}.away`));
    await s.page.reload();
    await appReady(s.page);
    for (let i = 0; i < 2; i++) {
      await unlock(s.page);
      await s.page.getByText('Conéctese a internet y recargue Senda una vez').waitFor();
    }
    assert.equal(await s.page.getByText('Intentos fallidos').count(), 0, 'no try counted');
    await snapshot(s.page, 'vault-kdf-worker-missing');
    renameSync(join(s.site, `${script}.away`), join(s.site, script));
    await unlock(s.page);
    await opened(s.page);
  });
});
