// End-to-end tests of the case vault as a field worker uses it: passcode, a case with autosave,
// reload, lock, quick exit, idle lock, deletion with undo, and the wipe after wrong passcodes.
// The privacy test scans every browser store for every value typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, withApp, snapshot } from './support.mjs';
import { PASSCODE, recordCase, setUpVault, unique, unlock } from './vault_steps.mjs';

/** Every place the browser keeps data for this origin, as text, to search for typed values. */
async function everythingStored(page) {
  return page.evaluate(async () => {
    const chunks = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      chunks.push(k, localStorage.getItem(k));
    }
    for (let i = 0; i < sessionStorage.length; i++) chunks.push(sessionStorage.getItem(sessionStorage.key(i)));
    const asText = (v) => {
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const bytes = new Uint8Array(v.buffer ? v.buffer : v);
        return new TextDecoder('utf-8').decode(bytes) + String.fromCharCode(...bytes.slice(0, 65536));
      }
      if (typeof v === 'object' && v !== null) return Object.values(v).map(asText).join(' ') + JSON.stringify(v);
      return String(v);
    };
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, ko) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = ko; });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((ok, ko) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result); r.onerror = ko;
        });
        const keys = await new Promise((ok, ko) => {
          const r = db.transaction(store).objectStore(store).getAllKeys();
          r.onsuccess = () => ok(r.result); r.onerror = ko;
        });
        chunks.push(...all.map(asText), ...keys.map(asText));
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        chunks.push(request.url, await (await cache.match(request)).text());
      }
    }
    return chunks.join('\n');
  });
}

test('a case is typed, autosaved, survives a reload, and no typed value is readable in storage', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const values = { name: unique('Zuleika'), alias: unique('Estrella'), nationality: unique('Hondur'), place: unique('Tecun') };
    await recordCase(s.page, values);
    // With whom the child travels, and a document someone else holds: by kind, never names or numbers.
    await s.page.getByRole('button', { name: 'Añadir un adulto' }).click();
    await s.page.getByLabel('Relación que declaran').selectOption('grandparent');
    await s.page.getByRole('button', { name: 'Añadir un documento' }).click();
    await s.page.getByRole('combobox', { name: 'Documento', exact: true }).selectOption('passport');
    await s.page.getByLabel('Quién lo tiene').selectOption('accompanying_adult');
    await s.page.locator('.save-state[data-state="saved"]').waitFor();
    await snapshot(s.page, 'case-edit');
    const caseUrl = s.page.url();

    // Nothing personal in the address or the title.
    for (const v of Object.values(values)) {
      assert.ok(!caseUrl.includes(v) && !(await s.page.title()).includes(v), `${v} in URL or title`);
    }

    // A reload locks: the key lived only in memory.
    await s.page.reload();
    await appReady(s.page);
    await s.page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
    const stored = await everythingStored(s.page);
    assert.ok(stored.length > 1000, 'the scan read the stores');
    for (const v of Object.values(values)) assert.ok(!stored.includes(v), `"${v}" found in plain storage`);

    await unlock(s.page);
    await s.page.getByLabel('Nombres').waitFor();
    assert.equal(await s.page.getByLabel('Nombres').inputValue(), values.name);
    assert.equal(await s.page.getByLabel('Lugar del primer contacto').inputValue(), values.place);
    assert.equal(await s.page.getByLabel('Acompañamiento').inputValue(), 'separated');
    assert.equal(await s.page.getByLabel('Relación que declaran').inputValue(), 'grandparent');
    assert.equal(await s.page.getByLabel('Relación verificada').isChecked(), false);
    assert.equal(await s.page.getByLabel('Quién lo tiene').inputValue(), 'accompanying_adult');

    // The list finds it without accents or case, and by alias.
    await s.page.getByRole('link', { name: 'Todos los casos' }).click();
    await s.page.getByPlaceholder('Buscar por nombre, alias o número').fill(values.alias.toUpperCase());
    await s.page.getByRole('link', { name: new RegExp(values.alias) }).waitFor();
    await snapshot(s.page, 'case-list');
  });
});

test('lock and quick exit hide every case; a wrong passcode is counted', async () => {
  await withApp({ allow: ['Failed to load resource'] }, async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const name = unique('Maricela');
    await recordCase(s.page, { name, alias: unique('Luna'), nationality: 'x', place: 'y' });

    await s.page.getByRole('button', { name: 'Salida rápida' }).click();
    await s.page.locator('.neutral-screen').waitFor();
    assert.equal(await s.page.title(), 'Reloj');
    assert.ok(!(await s.page.content()).includes(name), 'no case data in the page');
    await snapshot(s.page, 'quick-exit');
    await s.page.getByRole('button', { name: 'Continuar' }).click();
    await s.page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();

    await unlock(s.page, 'not the passcode at all');
    await s.page.getByText('Código incorrecto.').waitFor({ timeout: 20000 });
    await s.page.getByText('Intentos fallidos: 1. Después de 9 más').waitFor();
    await unlock(s.page);
    // Back where the worker was: the case itself.
    await s.page.getByLabel('Nombres').waitFor({ timeout: 20000 });
    assert.equal(await s.page.getByLabel('Nombres').inputValue(), name);
    await s.page.getByRole('button', { name: 'Bloquear' }).click();
    await s.page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
  });
});

test('a deleted case can be brought back within the undo window', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const alias = unique('Sol');
    await recordCase(s.page, { name: unique('Ana'), alias, nationality: 'x', place: 'y' });
    await s.page.getByRole('button', { name: 'Eliminar el caso' }).click();
    await s.page.getByRole('button', { name: 'Sí, eliminar' }).click();
    await s.page.getByText('Caso eliminado.').waitFor();
    assert.equal(await s.page.getByRole('link', { name: new RegExp(alias) }).count(), 0);
    await s.page.getByRole('button', { name: 'Deshacer' }).click();
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor();
  });
});

test('the vault locks itself after five idle minutes', async () => {
  await withApp(async (s) => {
    await s.page.clock.install();
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await s.page.clock.fastForward('04:00');
    assert.equal(await s.page.getByRole('link', { name: 'Nuevo caso' }).count(), 1, 'still open after 4 minutes');
    await s.page.clock.fastForward('01:10');
    await s.page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
    await s.page.getByText('Los casos se bloquearon por inactividad.').waitFor();
  });
});

test('ten wrong passcodes in a row erase the vault', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await recordCase(s.page, { name: unique('Iris'), alias: unique('Iri'), nationality: 'x', place: 'y' });
    await s.page.getByRole('button', { name: 'Bloquear' }).click();
    for (let i = 1; i <= 9; i++) {
      await unlock(s.page, `wrong guess ${i}`);
      await s.page.getByText(`Intentos fallidos: ${i}.`).waitFor({ timeout: 20000 });
    }
    await unlock(s.page, 'wrong guess 10');
    await s.page.getByRole('heading', { name: 'Proteja los casos con un código' }).waitFor({ timeout: 20000 });
    const stored = await s.page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      let records = 0;
      for (const { name } of dbs) {
        const db = await new Promise((ok) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); });
        for (const store of db.objectStoreNames) {
          records += await new Promise((ok) => { const r = db.transaction(store).objectStore(store).count(); r.onsuccess = () => ok(r.result); });
        }
        db.close();
      }
      return records;
    });
    assert.equal(stored, 0, 'nothing left in IndexedDB');
  });
});

test('the passcode is changed in Settings: afterwards only the new one opens the cases', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const alias = unique('Nube');
    await recordCase(s.page, { name: unique('Rosa'), alias, nationality: 'x', place: 'y' });
    await s.page.getByRole('link', { name: 'Ajustes' }).click();
    await s.page.getByLabel('Bloquear tras un tiempo sin uso').selectOption('10');
    await s.page.getByRole('status').filter({ hasText: 'Guardado.' }).waitFor();
    const next = 'montañas verdes al amanecer';
    await s.page.getByLabel('Código actual').fill(PASSCODE);
    await s.page.getByLabel('Código nuevo').fill(next);
    await s.page.getByLabel('Repita el código').fill(next);
    await s.page.getByRole('button', { name: 'Cambiar el código' }).click();
    await s.page.getByText('El código se cambió.').waitFor({ timeout: 30000 });
    await snapshot(s.page, 'settings-security');

    await s.page.getByRole('link', { name: 'Casos' }).click();
    await s.page.getByRole('button', { name: 'Bloquear' }).click();
    await unlock(s.page, PASSCODE);
    await s.page.getByText('Código incorrecto.').waitFor({ timeout: 20000 });
    await unlock(s.page, next);
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor({ timeout: 20000 });
    await s.page.getByRole('link', { name: 'Ajustes' }).click();
    assert.equal(await s.page.getByLabel('Bloquear tras un tiempo sin uso').inputValue(), '10');
  });
});

test('typing survives a killed tab, and markup typed into a field stays text', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const hostile = '<img src=x onerror="window.__pwned=1"><b>Ana</b>';
    await recordCase(s.page, { name: hostile, alias: unique('Kira'), nationality: 'x', place: 'y' });
    assert.equal(await s.page.locator('.case-page img, .case-page b').count(), 0, 'no element made from input');
    assert.equal(await s.page.locator('h1').first().textContent(), await s.page.getByLabel('Alias o cómo prefiere que le llamen').inputValue());
    const caseUrl = s.page.url();

    // Typing, then the tab is killed one second later without any chance to clean up.
    const typed = unique('Puente');
    await s.page.getByLabel('Dónde está ahora (lugar o cuidado)').fill(typed);
    await s.page.waitForTimeout(1000);
    await s.page.close({ runBeforeUnload: false });

    const page = await s.context.newPage();
    await page.goto(caseUrl);
    await unlock(page);
    await page.getByLabel('Nombres').waitFor({ timeout: 20000 });
    assert.equal(await page.getByLabel('Dónde está ahora (lugar o cuidado)').inputValue(), typed);
    assert.equal(await page.getByLabel('Nombres').inputValue(), hostile);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
});
