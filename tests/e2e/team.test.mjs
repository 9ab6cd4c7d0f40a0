// End to end, two browser contexts as two phones against the local sync server (COUCH_URL, as
// scripts/test.sh exports it): the coordinator's phone creates a team and shows an invitation,
// the new phone joins with it, a case made on the first appears on the second after "sync now",
// and the server's database, scanned in full, holds none of the typed values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';
import { couch, cut, restore, syncNow, toTeam } from './team_steps.mjs';

test('a team: created on one phone, joined by another with the invitation, a case goes across', async () => {
  const server = couch();
  // The sync server's origin, and the protocol's expected answers the browser logs: 404 for a
  // checkpoint or an account not made yet, 412 for the accounts database that exists.
  const allow = [server.origin, /status of (404 \(Not Found\)|412 \(Precondition Failed\))/, /ERR_INTERNET_DISCONNECTED|Failed to fetch/];
  const a = await open({ allow });
  const b = await open({ allow });
  let db;
  try {
    // The coordinator's phone: the vault first, then the team.
    await a.page.goto(a.url('cases'));
    await setUpVault(a.page);
    await toTeam(a.page);
    await a.page.locator('form.team-create').getByLabel('Dirección del servidor').fill(server.origin);
    await a.page.locator('form.team-create').getByLabel('Nombre del administrador').fill(server.admin);
    await a.page.locator('form.team-create').getByLabel('Contraseña del administrador').fill(server.password);
    await a.page.getByRole('button', { name: 'Crear el equipo' }).click();
    await a.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 30000 });
    await a.page.getByRole('button', { name: 'Crear una invitación' }).click();
    const payload = a.page.locator('textarea.invite-payload');
    await payload.waitFor({ timeout: 30000 });
    const invitation = await payload.inputValue();
    assert.match(invitation, /^SENDA-JOIN:1:senda-t-[0-9a-f]{24}:/);
    db = invitation.split(':')[2];
    await snapshot(a.page, 'team-invite');

    // The new phone joins with what the coordinator's phone shows.
    await b.page.goto(b.url('cases'));
    await setUpVault(b.page);
    await toTeam(b.page);
    await snapshot(b.page, 'team-join');
    await b.page.getByLabel('Invitación', { exact: true }).fill(invitation);
    await b.page.getByRole('button', { name: 'Unirse' }).click();
    await b.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 30000 });
    await assert.rejects(
      b.page.getByRole('button', { name: 'Crear una invitación' }).waitFor({ timeout: 500 }),
      'only the coordinator invites',
    );

    // A case made on the coordinator's phone...
    const values = { name: unique('Zuleika'), alias: unique('Estrella'), nationality: unique('Hondur'), place: unique('Tecun') };
    await a.page.getByRole('link', { name: 'Casos' }).click();
    await recordCase(a.page, values);
    await toTeam(a.page);
    await syncNow(a.page);
    assert.equal(await a.page.locator('[data-team="waiting"]').textContent(), '0');

    // ...appears on the other after its "sync now".
    await syncNow(b.page);
    await b.page.getByRole('status').filter({ hasText: 'Sincronizado: 1 casos' }).waitFor();
    assert.equal(await b.page.locator('[data-team="conflicts"]').textContent(), '0');
    await snapshot(b.page, 'team-synced');
    await b.page.getByRole('link', { name: 'Casos' }).click();
    await b.page.getByText(values.alias).first().waitFor({ timeout: 15000 });

    // Both phones change the alias offline from each other: a conflict, listed on both.
    const editAlias = async (s, from, to) => {
      await s.page.getByRole('link', { name: 'Casos' }).click();
      await s.page.getByRole('link', { name: new RegExp(from) }).first().click();
      await s.page.getByLabel('Alias o cómo prefiere que le llamen').fill(to);
      await s.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
      await toTeam(s.page);
    };
    const [onA, onB] = [unique('Luna'), unique('Sol')];
    // Cut off from the server while they edit (each would otherwise sync by itself).
    for (const s of [a, b]) await cut(s, server);
    await editAlias(a, values.alias, onA);
    await editAlias(b, values.alias, onB);
    for (const s of [a, b]) await restore(s, server);
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);
    for (const s of [a, b]) assert.equal(await s.page.locator('[data-team="conflicts"]').textContent(), '1');
    await a.page.getByRole('button', { name: 'Comparar' }).click();
    await a.page.getByText(`El otro teléfono: ${onB}`).waitFor();
    await snapshot(a.page, 'team-conflict');
    await a.page.getByText(`El otro teléfono: ${onB}`).click();
    await a.page.getByRole('button', { name: 'Guardar lo elegido' }).click();
    await a.page.getByText('No hay conflictos.').waitFor();
    await syncNow(a.page);
    await syncNow(b.page);
    assert.equal(await b.page.locator('[data-team="conflicts"]').textContent(), '0');
    await b.page.getByRole('link', { name: 'Casos' }).click();
    await b.page.getByText(onB).first().waitFor();
    await assert.rejects(b.page.getByText(onA).first().waitFor({ timeout: 500 }), 'the value not chosen is not shown');

    // The server holds envelopes only: none of the typed values.
    const all = await fetch(`${server.origin}/${db}/_all_docs?include_docs=true`, { headers: { authorization: server.auth } });
    const text = await all.text();
    assert.ok(JSON.parse(text).rows.length > 7, text.slice(0, 200));
    for (const typed of [...Object.values(values), onA, onB]) assert.ok(!text.includes(typed), `the server holds ${typed}`);
  } finally {
    await a.close();
    await b.close();
    if (db) await fetch(`${server.origin}/${db}`, { method: 'DELETE', headers: { authorization: server.auth } });
  }
});
