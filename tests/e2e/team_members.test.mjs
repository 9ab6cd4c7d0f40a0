// End to end, three browser contexts as three phones against the local sync server (COUCH_URL,
// as scripts/test.sh exports it): the coordinator's phone invites two phones with a role, lists
// them with their fingerprints after they join, and removes one after a confirm; the removed
// phone's sync fails with "removed from the team" and pulls nothing new, while the remaining
// phone goes on syncing the cases made after the removal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';
import { couch, syncNow, toTeam } from './team_steps.mjs';

async function invite(page) {
  await page.getByRole('button', { name: 'Crear una invitación' }).click();
  const payload = page.locator('textarea.invite-payload');
  await payload.waitFor({ timeout: 30000 });
  // A new invitation replaces the one shown: wait for it to change.
  return payload.inputValue();
}

async function joinWith(s, invitation) {
  await s.page.goto(s.url('cases'));
  await setUpVault(s.page);
  await toTeam(s.page);
  await s.page.getByLabel('Invitación', { exact: true }).fill(invitation);
  await s.page.getByRole('button', { name: 'Unirse' }).click();
  await s.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 30000 });
}

/// The fingerprint a phone shows for itself.
async function ownFingerprint(page) {
  const row = page.locator('li.member').filter({ hasText: 'Este teléfono' });
  return (await row.locator('code').textContent()).trim();
}

test('members: listed with role and fingerprint; a removed phone is shut out, the others go on', async () => {
  const server = couch();
  const allow = [server.origin, /status of (401 \(Unauthorized\)|403 \(Forbidden\)|404 \(Not Found\)|412 \(Precondition Failed\))/];
  const [a, b, c] = [await open({ allow }), await open({ allow }), await open({ allow })];
  let db;
  try {
    await a.page.goto(a.url('cases'));
    await setUpVault(a.page);
    await toTeam(a.page);
    await a.page.locator('form.team-create').getByLabel('Dirección del servidor').fill(server.origin);
    await a.page.locator('form.team-create').getByLabel('Nombre del administrador').fill(server.admin);
    await a.page.locator('form.team-create').getByLabel('Contraseña del administrador').fill(server.password);
    await a.page.getByRole('button', { name: 'Crear el equipo' }).click();
    await a.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 30000 });
    // The coordinator's phone lists itself from the first signed list.
    await a.page.locator('li.member').filter({ hasText: 'Este teléfono' }).filter({ hasText: 'Coordinación' }).waitFor();
    assert.match(await ownFingerprint(a.page), /^[0-9A-Z]{4}( [0-9A-Z]{4}){3}$/);

    // B joins as a supervisor, C with the default role (caseworker).
    await a.page.getByLabel('Rol del nuevo teléfono').selectOption('supervisor');
    const forB = await invite(a.page);
    db = forB.split(':')[2];
    await joinWith(b, forB);
    await a.page.getByLabel('Rol del nuevo teléfono').selectOption('caseworker');
    await a.page.getByRole('button', { name: 'Crear una invitación' }).click();
    await a.page.waitForFunction((old) => document.querySelector('textarea.invite-payload')?.value !== old, forB);
    const forC = await a.page.locator('textarea.invite-payload').inputValue();
    await joinWith(c, forC);

    // The coordinator's "sync now" adds both to the signed list; each phone then finds itself.
    await syncNow(a.page);
    assert.equal(await a.page.locator('li.member').count(), 3);
    await syncNow(b.page);
    await syncNow(c.page);
    const [fpB, fpC] = [await ownFingerprint(b.page), await ownFingerprint(c.page)];
    assert.notEqual(fpB, fpC);
    await a.page.locator('li.member').filter({ hasText: fpB }).filter({ hasText: 'Supervisión' }).waitFor();
    await a.page.locator('li.member').filter({ hasText: fpC }).filter({ hasText: 'Gestión de casos' }).waitFor();
    await b.page.locator('li.member').filter({ hasText: 'Este teléfono' }).filter({ hasText: 'Supervisión' }).waitFor();
    // Only the coordinator's phone offers removal.
    assert.equal(await b.page.getByRole('button', { name: 'Retirar este teléfono' }).count(), 0);
    await snapshot(a.page, 'team-members');

    // A case before the removal reaches everyone.
    const before = { name: unique('Aurelia'), alias: unique('Brisa'), nationality: unique('Salvad'), place: unique('Tapach') };
    await a.page.getByRole('link', { name: 'Casos' }).click();
    await recordCase(a.page, before);
    await toTeam(a.page);
    await syncNow(a.page);
    for (const s of [b, c]) {
      await syncNow(s.page);
      await s.page.getByRole('status').filter({ hasText: 'Sincronizado: 1 casos' }).waitFor();
    }

    // The coordinator removes B, after a confirm that says what it cannot undo.
    await a.page.locator('li.member').filter({ hasText: fpB }).getByRole('button', { name: 'Retirar este teléfono' }).click();
    const confirm = a.page.getByRole('alertdialog');
    await confirm.getByText('ya sincronizó').waitFor();
    await snapshot(a.page, 'team-remove-confirm');
    await confirm.getByRole('button', { name: 'Retirarlo' }).click();
    await a.page.getByRole('status').filter({ hasText: 'clave nueva' }).waitFor({ timeout: 30000 });
    await a.page.locator('li.member.removed').filter({ hasText: fpB }).getByText('Retirado').waitFor();

    // A case made after the removal.
    const after = { name: unique('Celestina'), alias: unique('Nube'), nationality: unique('Guatem'), place: unique('Ciudad') };
    await a.page.getByRole('link', { name: 'Casos' }).click();
    await recordCase(a.page, after);
    await toTeam(a.page);
    await syncNow(a.page);

    // B: its sync fails with a clear message, and nothing new arrives.
    await b.page.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await b.page.getByText('retirado del equipo').first().waitFor({ timeout: 30000 });
    await snapshot(b.page, 'team-removed');
    await b.page.getByRole('link', { name: 'Casos' }).click();
    await b.page.getByText(before.alias).first().waitFor({ timeout: 15000 });
    await assert.rejects(b.page.getByText(after.alias).first().waitFor({ timeout: 1000 }), 'B pulled nothing new');

    // C goes on: it takes the new team key from the list and gets the new case.
    await syncNow(c.page);
    await c.page.getByRole('status').filter({ hasText: 'Sincronizado: 1 casos' }).waitFor();
    await c.page.getByRole('link', { name: 'Casos' }).click();
    await c.page.getByText(after.alias).first().waitFor({ timeout: 15000 });

    // The server's account of B is gone from the members.
    const security = await (await fetch(`${server.origin}/${db}/_security`, { headers: { authorization: server.auth } })).json();
    assert.equal(security.members.names.length, 2, JSON.stringify(security));
  } finally {
    for (const s of [a, b, c]) await s.close();
    if (db) await fetch(`${server.origin}/${db}`, { method: 'DELETE', headers: { authorization: server.auth } });
  }
});
