// End to end against the local sync server (COUCH_URL, as scripts/test.sh exports it): the
// coordinator's phone shows the team recovery code once after creating the team, with what it
// restores, and prints it alone; cases are synced; a new phone restores the team from the server's address, its
// administrator and the code, and after "Sync now" every case is on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';
import { couch, syncNow, toTeam } from './team_steps.mjs';

test('recovery: the code shown once restores the team and every case on a new phone', async () => {
  const server = couch();
  const allow = [server.origin, /status of (404 \(Not Found\)|412 \(Precondition Failed\))/];
  const a = await open({ allow });
  const d = await open({ allow });
  let db;
  try {
    await a.page.goto(a.url('cases'));
    await setUpVault(a.page);
    await toTeam(a.page);
    await a.page.locator('form.team-create').getByLabel('Dirección del servidor').fill(server.origin);
    await a.page.locator('form.team-create').getByLabel('Nombre del administrador').fill(server.admin);
    await a.page.locator('form.team-create').getByLabel('Contraseña del administrador').fill(server.password);
    await a.page.getByRole('button', { name: 'Crear el equipo' }).click();
    const card = a.page.locator('.recovery-card');
    await card.waitFor({ timeout: 30000 });
    const code = (await card.locator('.recovery-code code').textContent()).trim();
    // 32 symbols in groups of four, then the check symbol (Crockford's: a digit, a letter or *~$=).
    assert.match(code, /^([0-9A-Z]{4}-){8}[0-9A-Z*~$=]$/);
    await card.getByText('guárdelo bajo llave').waitFor();
    await card.getByRole('button', { name: 'Imprimir' }).waitFor();
    await snapshot(a.page, 'team-recovery-code');
    // Printed, the sheet holds the code and what it restores, nothing else of the screen.
    await a.page.emulateMedia({ media: 'print' });
    assert.ok(await card.locator('.recovery-code code').isVisible(), 'the code prints');
    assert.ok(await card.getByText('guárdelo bajo llave').isVisible(), 'what to do with it prints');
    for (const other of ['.team-status', '.team-invite', 'h1', '.session-bar', '.recovery-card button']) {
      assert.equal(await a.page.locator(other).first().isVisible(), false, `${other} is not printed`);
    }
    await snapshot(a.page, 'team-recovery-print');
    await a.page.emulateMedia({ media: 'screen' });
    await card.getByRole('button', { name: 'Ya lo imprimí' }).click();
    await assert.rejects(card.waitFor({ timeout: 500 }), 'shown once');
    await a.page.getByRole('button', { name: 'Crear una invitación' }).click();
    db = (await a.page.locator('textarea.invite-payload').inputValue()).split(':')[2];

    const cases = [1, 2].map((n) => ({ name: unique(`Rosalba${n}`), alias: unique(`Lucero${n}`), nationality: unique('Nicara'), place: unique('Suchia') }));
    for (const values of cases) {
      await a.page.getByRole('link', { name: 'Casos', exact: true }).click();
      await recordCase(a.page, values);
    }
    await toTeam(a.page);
    await syncNow(a.page);

    // Every phone is gone: a new one restores the team with the printed code.
    await d.page.goto(d.url('cases'));
    await setUpVault(d.page);
    await toTeam(d.page);
    const restore = d.page.locator('form.team-restore');
    await restore.getByLabel('Dirección del servidor').fill(server.origin);
    await restore.getByLabel('Nombre del administrador').fill(server.admin);
    await restore.getByLabel('Contraseña del administrador').fill(server.password);
    await restore.getByLabel('Código de recuperación').fill(code.toLowerCase());
    await snapshot(d.page, 'team-restore');
    await restore.getByRole('button', { name: 'Restaurar el equipo' }).click();
    await d.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 60000 });
    await syncNow(d.page);
    await d.page.getByRole('status').filter({ hasText: 'Sincronizado: 2 casos' }).waitFor();
    await d.page.getByRole('link', { name: 'Casos', exact: true }).click();
    for (const values of cases) await d.page.getByText(values.alias).first().waitFor({ timeout: 15000 });
  } finally {
    await a.close();
    await d.close();
    if (db) await fetch(`${server.origin}/${db}`, { method: 'DELETE', headers: { authorization: server.auth } });
  }
});
