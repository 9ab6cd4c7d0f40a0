// End-to-end test of storage scoped by the deployment's path (src/storage_names.rs): an install
// under /senda/ from before the names were scoped (its vault under 'senda-vault', its settings
// under 'senda.*') opens its cases after the change, and the unscoped copies are left as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, withApp } from './support.mjs';
import { recordCase, setUpVault, unique, unlock } from './vault_steps.mjs';

/** In a page of the origin outside the app: moves every store of `from` into `to` (created
 *  fresh) and every localStorage key ending in `suffix` to its name without it, deleting `from`;
 *  returns the number of records moved. */
function moveBack(page, from, to, suffix) {
  return page.evaluate(async ([from, to, suffix]) => {
    const req = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const source = await req(indexedDB.open(from));
    const stores = [];
    for (const name of source.objectStoreNames) {
      const s = source.transaction(name).objectStore(name);
      stores.push({ name, keys: await req(s.getAllKeys()), values: await req(s.getAll()) });
    }
    source.close();
    await req(indexedDB.deleteDatabase(to));
    const open = indexedDB.open(to, 1);
    open.onupgradeneeded = () => { for (const s of stores) open.result.createObjectStore(s.name); };
    const target = await req(open);
    const tx = target.transaction(stores.map((s) => s.name), 'readwrite');
    for (const s of stores) s.keys.forEach((k, i) => tx.objectStore(s.name).put(s.values[i], k));
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
    target.close();
    await req(indexedDB.deleteDatabase(from));
    for (const k of Object.keys(localStorage)) {
      if (k.endsWith(suffix)) { localStorage.setItem(k.slice(0, -suffix.length), localStorage.getItem(k)); localStorage.removeItem(k); }
    }
    return stores.reduce((n, s) => n + s.keys.length, 0);
  }, [from, to, suffix]);
}

/** The number of records in every store of `name`, or -1 when there is no such database. */
function records(page, name) {
  return page.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return -1;
    const req = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const db = await req(indexedDB.open(name));
    let n = 0;
    for (const store of db.objectStoreNames) n += await req(db.transaction(store).objectStore(store).count());
    db.close();
    return n;
  }, name);
}

test('an install under /senda/ from before the names were scoped opens its cases, and the unscoped copy stays', async () => {
  await withApp({ serviceWorkers: 'block', allow: ['Failed to load resource'] }, async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const values = { name: unique('Zuleika'), alias: unique('Estrella'), nationality: 'Hondureña', place: 'Tecún Umán' };
    await recordCase(s.page, values);
    await s.page.locator('.save-state[data-state="saved"]').waitFor();

    // Outside the app, so that nothing holds the vault open: put it back where it was before.
    await s.page.goto(`${s.server.origin}/outside`);
    const moved = await moveBack(s.page, 'senda-vault:/senda/', 'senda-vault', ':/senda/');
    assert.ok(moved >= 4, `the vault held ${moved} records`);
    assert.equal(await records(s.page, 'senda-vault:/senda/'), -1);
    // A plain-storage record of that install (child mode's exit throttle: read only on leaving it).
    const throttle = JSON.stringify({ failed: 2, next_try_at_ms: 0, wrong_at_ms: 0 });
    await s.page.evaluate((t) => localStorage.setItem('senda.child_exit', t), throttle);

    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await s.page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
    await unlock(s.page);
    await s.page.getByRole('link', { name: new RegExp(values.alias) }).waitFor();
    assert.equal(await s.page.evaluate(() => localStorage.getItem('senda.child_exit:/senda/')), throttle);
    assert.equal(await s.page.evaluate(() => localStorage.getItem('senda.child_exit')), throttle);

    await s.page.goto(`${s.server.origin}/outside`);
    assert.equal(await records(s.page, 'senda-vault'), moved, 'the unscoped vault changed');
    assert.ok(await records(s.page, 'senda-vault:/senda/') >= moved);
  });
});
