// End to end, two phones of one team against the local sync server (COUCH_URL): "leave the
// team" on a phone with a case not yet synced says so and offers to sync first; once synced it
// only confirms; after leaving, the phone shows the forms to create or join a team again and
// keeps its cases, and the team got the case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshot } from './support.mjs';
import { recordCase, unique } from './vault_steps.mjs';
import { couch, cut, dropDb, restore, settleMembers, setUpTeam, syncNow, toTeam, twoPhones } from './team_steps.mjs';

test('leaving the team with changes not yet synced asks first', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server));
    // B learns its role from the member list A publishes when it admits B.
    await settleMembers(a, b);
    // B records a case cut off from the server: it cannot go up.
    await cut(b, server);
    const values = { name: unique('Rosa'), alias: unique('Lluvia'), nationality: 'x', place: 'y' };
    await b.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordCase(b.page, values);
    await toTeam(b.page);
    await b.page.getByRole('button', { name: 'Dejar el equipo…' }).click();
    await b.page.locator('[data-team="unsynced"]').filter({ hasText: 'Un caso tiene cambios que aún no se sincronizaron' }).waitFor();
    await snapshot(b.page, 'team-leave-unsynced');

    // Back online, "sync first": then leaving only asks to confirm.
    await restore(b, server);
    await b.page.getByRole('button', { name: 'Sincronizar primero' }).click();
    await b.page.getByText('Todo lo de este teléfono ya está sincronizado').waitFor({ timeout: 60000 });
    await b.page.getByRole('button', { name: 'Sí, dejar el equipo' }).click();
    await b.page.getByRole('button', { name: 'Crear el equipo' }).waitFor({ timeout: 30000 });
    await b.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await b.page.getByRole('link', { name: new RegExp(values.alias) }).first().waitFor();

    // The team has the case.
    await syncNow(a.page);
    await a.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await a.page.getByRole('link', { name: new RegExp(values.alias) }).first().waitFor({ timeout: 15000 });
    assert.ok(true);
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});
