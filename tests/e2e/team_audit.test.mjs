// End to end, two phones of one team against the local sync server: the case's signed history
// (#18, audit). On phone A (the coordinator's) a case is created and edited, exported after the
// passcode again, and offered to B with a signed handover note; after a sync, phone B's case
// screen lists each of those acts in its signed history, by A as the member list names it (role
// and fingerprint, never a device id), with the right action, none of the case's content, and
// the history reported intact; A's own screen names the same acts as this phone's. Axe and
// touch targets on the history; screenshots at 360×740. Then an older copy of a case comes back
// (a restored backup without this phone's last entry): the history says which entry is missing,
// and the phone's next entry does not reuse its number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { snapshot } from './support.mjs';
import { PASSCODE, recordCase, unique } from './vault_steps.mjs';
import { couch, cut, dropDb, fieldHolds, setUpTeam, settleMembers, showHistory, signedLines, syncNow, toTeam, twoPhones } from './team_steps.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';

const REAUTH = 'Su código de la bóveda, otra vez, para confirmar';

async function accessible(page, what) {
  assert.deepEqual(await seriousViolations(page), [], `axe on ${what}`);
  assert.deepEqual(await smallTargets(page, 'summary'), [], `touch targets on ${what}`);
}

/** Records a case on a team's phone and checks every field kept what was typed (the chain's first
 * entries are written as the case is first saved, while the worker still types). */
async function recordTeamCase(page, values) {
  await recordCase(page, values);
  await page.waitForTimeout(1000);
  await fieldHolds(page.getByLabel('Nombres'), values.name);
  await fieldHolds(page.getByLabel('Alias o cómo prefiere que le llamen'), values.alias);
  await fieldHolds(page.getByLabel('Nacionalidad declarada'), values.nationality);
  await fieldHolds(page.getByLabel('Lugar del primer contacto'), values.place);
}

/** "Sync now" until this phone reports a case brought down (a status left from an earlier run
 * can end `syncNow` before this one has run, or before the other phone's run sent its changes). */
async function syncUntilArrived(page) {
  const arrived = page.getByRole('status').filter({ hasText: /Sincronizado: [1-9]/ });
  for (let i = 0; i < 4; i++) {
    await syncNow(page);
    try {
      await arrived.waitFor({ timeout: 10000 });
      return;
    } catch {
      await page.waitForTimeout(1000);
    }
  }
  // Its automatic sync may have brought it down already: the case list tells.
}


test('acts on phone A appear on phone B\'s signed history by A, with the action, no content, intact', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server));
    await settleMembers(a, b);
    // A's fingerprint as the team screen shows it (the member list names members by it).
    const fingerprint = await a.page.locator('li.member').filter({ has: a.page.locator('.member-role', { hasText: 'Coordinación' }) }).locator('.member-fingerprint code').innerText();
    const groups = fingerprint.trim().split(/\s+/).slice(0, 2).join(' ');
    assert.match(groups, /^\S{4} \S{4}$/);

    const values = { name: unique('Ximena'), alias: unique('Flor'), nationality: 'Guatemalteca', place: unique('Tecun') };
    await a.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordTeamCase(a.page, values);
    // A note (its text is content: never in the history).
    const note = unique('Pidió hablar con su tía');
    await a.page.getByRole('textbox', { name: 'Añadir nota' }).fill(note);
    await a.page.getByRole('button', { name: 'Añadir nota' }).click();
    await a.page.locator('.save-state[data-state="saved"]').waitFor();

    // Exported, after the passcode again.
    await a.page.getByRole('button', { name: 'Exportar como archivo legible' }).click();
    await a.page.getByRole('button', { name: 'Sí, exportar sin cifrar' }).click();
    await a.page.getByLabel(REAUTH).fill(PASSCODE);
    await a.page.getByRole('button', { name: 'Exportar como archivo legible' }).click();
    await Promise.all([
      a.page.waitForEvent('download', { timeout: 20000 }),
      a.page.getByRole('button', { name: 'Sí, exportar sin cifrar' }).click(),
    ]);

    // Offered to B with a signed handover note.
    const card = a.page.locator('[data-handover="card"]');
    await card.locator('[data-handover="holder"]').waitFor({ timeout: 30000 });
    await a.page.getByRole('button', { name: 'Entregar el caso a otra persona del equipo' }).click();
    const form = a.page.locator('form.handover-form');
    await form.getByLabel('Entregar a').selectOption({ index: 1 });
    const told = unique('Que otra persona la acompañará');
    await form.getByLabel('Qué se le dijo a la niña, niño o adolescente').fill(told);
    await form.getByRole('button', { name: 'Firmar y proponer la entrega' }).click();
    await card.getByRole('status').filter({ hasText: 'Entrega propuesta' }).waitFor({ timeout: 30000 });
    await a.page.locator('.save-state[data-state="saved"]').waitFor();

    // A's own history: each act by this phone, intact.
    const onA = await signedLines(a.page, 5);
    const expected = ['Creado', 'Editado: datos del niño o niña', 'Editado: notas', 'Exportado', 'Traspaso (asignado, ofrecido o retirado)'];
    for (const what of expected) {
      assert.ok(onA.some((l) => l.includes(what) && l.includes('este teléfono')), `A's history has ${what}: ${onA.join(' | ')}`);
    }
    await a.page.locator('.signed-history-block [data-intact="true"]').waitFor();
    await showHistory(a.page);
    await snapshot(a.page, 'team-audit-history-on-a');

    await toTeam(a.page);
    await syncNow(a.page);
    await toTeam(b.page);
    await syncUntilArrived(b.page);

    // B: the same acts, by A as the member list names it; nothing of the content.
    await b.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await b.page.locator('.case-card').filter({ hasText: values.alias }).click();
    const onB = await signedLines(b.page, 5);
    for (const what of expected) {
      const line = onB.find((l) => l.includes(what));
      assert.ok(line, `B's history has ${what}: ${onB.join(' | ')}`);
      assert.ok(line.includes('Coordinación') && line.includes(groups), `by A (${groups}): ${line}`);
      assert.ok(!line.includes('este teléfono'), line);
    }
    const intact = b.page.locator('.signed-history-block [data-intact="true"]');
    await intact.filter({ hasText: 'Historial íntegro' }).waitFor();
    const shown = await b.page.locator('.case-history').innerText();
    for (const secret of [values.name, values.alias, values.place, note, told]) {
      assert.ok(!shown.includes(secret), `${secret} on the history`);
    }
    assert.ok(!/\bd-[0-9a-f]{8,}/.test(shown), 'no device id on the history');
    await showHistory(b.page);
    await accessible(b.page, 'the signed history');
    await snapshot(b.page, 'team-audit-history-on-b');
    assert.deepEqual(a.unexpected(), []);
    assert.deepEqual(b.unexpected(), []);
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});

const PASSPHRASE = 'lluvia sobre el puerto viejo';

async function toBackupScreen(page) {
  await page.getByRole('link', { name: 'Todos los casos' }).click();
  await page.getByRole('link', { name: 'Copia de seguridad y restauración' }).click();
  await page.getByRole('heading', { name: 'Restaurar una copia' }).waitFor();
}

async function addNote(page, text) {
  await page.getByRole('textbox', { name: 'Añadir nota' }).fill(text);
  await page.getByRole('button', { name: 'Añadir nota' }).click();
  await page.locator('.save-state[data-state="saved"]').waitFor();
}

test('an older copy of a case restored on A: its history says which entry is missing, and no number is used twice', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server));
    await settleMembers(a, b);
    const values = { name: unique('Maribel'), alias: unique('Lucero'), nationality: 'Hondureña', place: unique('Ciudad Hidalgo') };
    await a.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordTeamCase(a.page, values);
    assert.equal((await signedLines(a.page, 2)).length, 2);

    // A backup holds the case with its first two entries.
    await toBackupScreen(a.page);
    const form = a.page.locator('form').filter({ has: a.page.getByLabel('Frase para esta copia') });
    await form.getByLabel(REAUTH).fill(PASSCODE);
    await a.page.getByLabel('Frase para esta copia').fill(PASSPHRASE);
    await a.page.getByLabel('Repita la frase').fill(PASSPHRASE);
    const [download] = await Promise.all([
      a.page.waitForEvent('download', { timeout: 30000 }),
      a.page.getByRole('button', { name: 'Cifrar y descargar la copia' }).click(),
    ]);
    const file = { name: download.suggestedFilename(), buffer: readFileSync(await download.path()), mimeType: 'application/octet-stream' };

    // Off the server from here (what follows stays on this phone), a third entry: a note.
    await cut(a, server);
    await a.page.getByRole('link', { name: 'Todos los casos' }).click();
    await a.page.locator('.case-card').filter({ hasText: values.alias }).click();
    await addNote(a.page, unique('Llamar a la tía'));
    const three = await signedLines(a.page, 3);
    assert.ok(three[0].includes('Editado: notas'), three.join(' | '));
    await a.page.locator('.signed-history-block [data-intact="true"]').waitFor();

    // The backup's copy is taken back: it lacks that entry.
    await toBackupScreen(a.page);
    await a.page.getByLabel('Archivo de copia').setInputFiles(file);
    await a.page.getByLabel('Frase de la copia', { exact: true }).fill(PASSPHRASE);
    await a.page.getByRole('button', { name: 'Abrir la copia' }).click();
    await a.page.getByRole('radio', { name: /Tomar la de la copia/ }).check({ timeout: 20000 });
    await a.page.getByRole('button', { name: 'Restaurar', exact: true }).click();
    await a.page.getByText('Casos restaurados: 1.').waitFor();
    await a.page.getByRole('link', { name: 'Todos los casos' }).click();
    await a.page.locator('.case-card').filter({ hasText: values.alias }).click();

    const problems = a.page.locator('.signed-history-block [data-intact="false"]');
    await problems.waitFor({ timeout: 30000 });
    assert.deepEqual(await problems.locator('li').allInnerTexts(), ['Falta la entrada 3 de este teléfono.']);
    await problems.getByText('Esto afecta solo al historial').waitFor();
    await problems.getByText('Ni la Guía ni Senda dicen qué hacer').waitFor();
    await showHistory(a.page);
    await accessible(a.page, 'a history with a missing entry');
    await snapshot(a.page, 'team-audit-missing-entry');

    // The next act is entry 4, not a second entry 3: still one entry missing, nothing doubled.
    await addNote(a.page, unique('Cita el lunes'));
    const until = Date.now() + 30000;
    while ((await a.page.locator('.signed-history-block ol.signed-history li').count()) < 3 && Date.now() < until) {
      await a.page.waitForTimeout(300);
    }
    await a.page.locator('.signed-history-block ol.signed-history li').nth(2).waitFor();
    assert.deepEqual(await problems.locator('li').allInnerTexts(), ['Falta la entrada 3 de este teléfono.']);
    assert.equal(await a.page.locator('[data-problem="forked"]').count(), 0);
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});
