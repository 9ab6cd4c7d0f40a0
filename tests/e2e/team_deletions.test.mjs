// End to end, two phones of one team against the local sync server (COUCH_URL): a case deleted
// on one phone is gone from the other after its sync; a case deleted on one while the other
// edits it offline is one conflict listed on both, and a person's choice (keep the changes)
// brings the edited case back on the phone that deleted it and settles both phones. A case open
// on a phone when the other's deletion arrives leaves that screen and does not come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshot } from './support.mjs';
import { recordCase, unique } from './vault_steps.mjs';
import { blink, couch, cut, dropDb, restore, setUpTeam, toTeam, twoPhones } from './team_steps.mjs';

// "Sync now" and its own answer on the team screen (the header's light says "Sincronizado" too,
// before this run has ended).
async function syncNow(page) {
  const note = page.locator('.team-status .notice.ok');
  await page.getByRole('button', { name: 'Sincronizar ahora' }).click({ timeout: 60000 });
  await note.filter({ hasText: 'Sincronizado' }).waitFor({ timeout: 60000 });
}

const toCases = (s) => s.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();

async function deleteCase(s, alias) {
  await toCases(s);
  await s.page.getByRole('link', { name: new RegExp(alias) }).first().click();
  await s.page.getByRole('button', { name: 'Eliminar el caso' }).click();
  await s.page.getByRole('button', { name: 'Sí, eliminar' }).click();
  await s.page.getByText('Caso eliminado.').waitFor();
}

async function listed(s, alias) {
  await toCases(s);
  await s.page.getByRole('link', { name: 'Nuevo caso' }).waitFor();
  return s.page.getByRole('link', { name: new RegExp(alias) }).count();
}

test('a deletion travels, and deleting against an offline edit is a conflict a person settles', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server));
    const first = { name: unique('Zuleika'), alias: unique('Estrella'), nationality: 'x', place: 'y' };
    const second = { name: unique('Mireya'), alias: unique('Nube'), nationality: 'x', place: 'y' };
    await toCases(a);
    await recordCase(a.page, first);
    await toCases(a);
    await recordCase(a.page, second);
    await toTeam(a.page);
    await syncNow(a.page);
    await syncNow(b.page);
    assert.equal(await listed(b, first.alias), 1);
    assert.equal(await listed(b, second.alias), 1);

    // Deleted on A: gone from B after B's sync.
    await deleteCase(a, first.alias);
    await toTeam(a.page);
    await syncNow(a.page);
    await toTeam(b.page);
    await syncNow(b.page);
    assert.equal(await listed(b, first.alias), 0, 'the deleted case left B');
    assert.equal(await listed(b, second.alias), 1, 'the other case stays');

    // Offline from each other: A deletes the second case, B changes its alias.
    for (const s of [a, b]) await cut(s, server);
    await deleteCase(a, second.alias);
    const changed = unique('Sol');
    await toCases(b);
    await b.page.getByRole('link', { name: new RegExp(second.alias) }).first().click();
    await b.page.getByLabel('Alias o cómo prefiere que le llamen').fill(changed);
    await b.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    for (const s of [a, b]) {
      await restore(s, server);
      await toTeam(s.page);
    }
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);
    for (const s of [a, b]) {
      await s.page.getByText('borrado en un teléfono y cambiado en otro').waitFor({ timeout: 30000 });
      assert.equal(await s.page.locator('[data-team="conflicts"]').textContent(), '1');
      // The section conflicts' note ("both versions are kept") is not said of a deletion.
      assert.equal(await s.page.getByText('la otra versión también se conserva').count(), 0);
    }
    assert.equal(await listed(b, changed), 1, 'B keeps its edit meanwhile');
    assert.equal(await listed(a, changed), 0, 'A does not get it back until someone decides');

    // On A, which deleted it, a person keeps the changes.
    await toTeam(a.page);
    await a.page.getByRole('button', { name: 'Decidir' }).click();
    await a.page.locator('[data-team="deletion"]').waitFor();
    await a.page.getByRole('heading', { name: changed, level: 3 }).waitFor();
    await snapshot(a.page, 'team-deletion-conflict');
    await a.page.getByRole('button', { name: 'Conservar los cambios' }).click();
    await a.page.getByText('Se conservó el caso con los cambios').waitFor();
    await a.page.getByText('No hay conflictos.').waitFor();
    await syncNow(a.page);
    await toTeam(b.page);
    await syncNow(b.page);
    for (const s of [a, b]) {
      assert.equal(await s.page.locator('[data-team="conflicts"]').textContent(), '0');
      assert.equal(await listed(s, changed), 1, 'the kept case is on both phones');
      assert.equal(await listed(s, first.alias), 0, 'the first deletion still stands');
    }

    // The server never saw what was typed, nor a CouchDB deletion of a case.
    const all = await fetch(`${server.origin}/${db}/_all_docs?include_docs=true`, { headers: { authorization: server.auth } });
    const text = await all.text();
    for (const typed of [...Object.values(first), ...Object.values(second), changed].filter((v) => v.length > 1)) {
      assert.ok(!text.includes(typed), `the server holds ${typed}`);
    }
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});

test('a case open on a phone when the deletion arrives leaves the screen and is not written back', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server));
    const values = { name: unique('Yanira'), alias: unique('Lirio'), nationality: 'x', place: 'y' };
    await toCases(a);
    await recordCase(a.page, values);
    await toTeam(a.page);
    await syncNow(a.page);
    await syncNow(b.page);
    await toCases(b);
    await b.page.getByRole('link', { name: new RegExp(values.alias) }).first().click();
    const alias = b.page.getByLabel('Alias o cómo prefiere que le llamen');
    await alias.waitFor();

    // Deleted on A while B has it open; B's automatic sync runs when its browser is back online.
    await deleteCase(a, values.alias);
    await toTeam(a.page);
    await syncNow(a.page);
    await blink(b);
    const removed = b.page.locator('[data-case="removed"]');
    await removed.getByText('se eliminó en otro teléfono del equipo').waitFor({ timeout: 45000 });
    assert.equal(await alias.count(), 0, 'no editor is left to write the case back');
    await snapshot(b.page, 'team-deletion-arrived-open');
    await removed.getByRole('link', { name: 'Todos los casos' }).click();
    assert.equal(await listed(b, values.alias), 0);

    // More syncs on both phones: the case stays gone, and no conflict was made.
    await toTeam(b.page);
    await syncNow(b.page);
    await syncNow(a.page);
    for (const s of [a, b]) {
      assert.equal(await s.page.locator('[data-team="conflicts"]').textContent(), '0');
      assert.equal(await listed(s, values.alias), 0, 'the case did not come back');
    }
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});
