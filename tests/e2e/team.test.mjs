// End to end, two browser contexts as two phones against the local sync server (COUCH_URL, as
// scripts/test.sh exports it): the coordinator's phone creates a team and shows an invitation,
// the new phone joins with it, a case made on the first appears on the second after "sync now",
// and the server's database, scanned in full, holds none of the typed values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';

const COUCH_URL = process.env.COUCH_URL;

function couch() {
  assert.ok(COUCH_URL, 'COUCH_URL is not set: run scripts/sync-server.sh start and export COUCH_URL=$(scripts/sync-server.sh url)');
  const url = new URL(COUCH_URL);
  const admin = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return { origin: url.origin, admin, password, auth: 'Basic ' + Buffer.from(`${admin}:${password}`).toString('base64') };
}

async function toTeam(page) {
  await page.getByRole('link', { name: 'Ajustes' }).click();
  await page.getByRole('link', { name: 'Abrir equipo' }).click();
  await page.getByRole('heading', { name: 'Equipo (sincronización)', level: 1 }).waitFor();
}

async function syncNow(page) {
  await page.getByRole('button', { name: 'Sincronizar ahora' }).click();
  await page.getByRole('status').filter({ hasText: 'Sincronizado' }).waitFor({ timeout: 30000 });
}

test('a team: created on one phone, joined by another with the invitation, a case goes across', async () => {
  const server = couch();
  // The sync server's origin, and the protocol's expected answers the browser logs: 404 for a
  // checkpoint or an account not made yet, 412 for the accounts database that exists.
  const allow = [server.origin, /status of (404 \(Not Found\)|412 \(Precondition Failed\))/];
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
    await editAlias(a, values.alias, onA);
    await editAlias(b, values.alias, onB);
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
