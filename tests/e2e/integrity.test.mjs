// End-to-end tests that no edit and no case is ever lost or hidden without the worker seeing it:
// a damaged index does not hide cases, an edit followed at once by another screen of the case is
// what that screen opens, and a failed save is neither locked away nor closed away in silence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, withApp, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique, unlock } from './vault_steps.mjs';

const WHERE = 'Dónde está ahora (lugar o cuidado)';

/** Changes one stored value of the vault's database from the page, as damage or another
 *  program would: XORs its last byte with `mask`. Returns the bytes as they were. */
async function alterStored(page, store, key, mask) {
  return page.evaluate(async ({ store, key, mask }) => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('senda-vault:/senda/'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
    try {
      const tx = db.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      const before = await new Promise((ok, ko) => { const r = os.get(key); r.onsuccess = () => ok(r.result); r.onerror = ko; });
      const bytes = new Uint8Array(before);
      bytes[bytes.length - 1] ^= mask;
      os.put(bytes, key);
      await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = ko; });
      return Array.from(new Uint8Array(before));
    } finally { db.close(); }
  }, { store, key, mask });
}

async function putStored(page, store, key, bytes) {
  await page.evaluate(async ({ store, key, bytes }) => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('senda-vault:/senda/'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(new Uint8Array(bytes), key);
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = ko; });
    db.close();
  }, { store, key, bytes });
}

/** Makes every write of an open vault fail the way a passcode changed in another window does:
 *  the stored key check no longer matches the one the open window holds. */
const breakKeyCheck = (page) => alterStored(page, 'meta', 'header', 1);

test('a damaged case list does not hide the cases: it is rebuilt from the records', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const alias = unique('Nube');
    await recordCase(s.page, { name: unique('Rosa'), alias, nationality: 'x', place: 'y' });
    await s.page.getByRole('button', { name: 'Bloquear' }).click();
    await s.page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
    await alterStored(s.page, 'index', 1, 0x80);

    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await unlock(s.page);
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor({ timeout: 20000 });
    // And the rebuilt list is stored: after a reload it is there without rebuilding again.
    await s.page.reload();
    await appReady(s.page);
    await unlock(s.page);
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor({ timeout: 20000 });
  });
});

test('an edit followed at once by another screen of the same case is what that screen opens', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await recordCase(s.page, { name: unique('Ana'), alias: unique('Sol'), nationality: 'x', place: 'y' });
    const caseUrl = s.page.url();
    const typed = unique('Albergue');
    await s.page.getByLabel(WHERE).fill(typed);
    // Within the grouping delay: straight to the screening, which rescreens the case on opening.
    await s.page.locator('a[href$="/screening"]').first().click();
    await s.page.waitForURL(/\/screening$/);
    await s.page.locator('.save-state[data-state="saved"]').waitFor({ timeout: 20000 });
    await s.page.goto(caseUrl);
    await appReady(s.page);
    await unlock(s.page);
    await s.page.getByLabel(WHERE).waitFor({ timeout: 20000 });
    assert.equal(await s.page.getByLabel(WHERE).inputValue(), typed, 'the edit was kept');
  });
});

test('a failed save asks before the tab closes, and locking says the change was not saved', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await recordCase(s.page, { name: unique('Ana'), alias: unique('Sol'), nationality: 'x', place: 'y' });
    const header = await breakKeyCheck(s.page);
    await s.page.getByLabel(WHERE).fill(unique('Perdido'));
    await s.page.locator('.save-state[data-state="failed"]').waitFor({ timeout: 20000 });
    await snapshot(s.page, 'save-failed');

    // Closing the tab now asks first.
    const asked = new Promise((resolve) => {
      s.page.once('dialog', async (dialog) => {
        resolve(dialog.type());
        await dialog.dismiss();
      });
    });
    await s.page.close({ runBeforeUnload: true });
    assert.equal(await Promise.race([asked, new Promise((r) => setTimeout(() => r('no prompt'), 5000))]), 'beforeunload');
    assert.equal(s.page.isClosed(), false, 'the worker chose to stay');

    // Locking with the change still unwritten says so on the unlock screen.
    await s.page.getByRole('button', { name: 'Bloquear' }).click();
    await s.page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
    await s.page.getByRole('alert').filter({ hasText: 'no se pudo guardar antes de bloquear' }).waitFor({ timeout: 20000 });
    await snapshot(s.page, 'unsaved-at-lock');
    await putStored(s.page, 'meta', 'header', header);
  });
});
