// End to end, two phones of one team against the local sync server: roles and handover (#18).
// A volunteer-invited phone shows no case (no Cases entry, the case screens say first contact
// only). A coordinator records a case and hands it over to a caseworker with a signed note; after
// a sync the caseworker finds it in "my cases" with the note and accepts; after another sync the
// coordinator's phone shows the caseworker holds it. Axe and touch targets on the new screens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshot } from './support.mjs';
import { recordCase, unique } from './vault_steps.mjs';
import { couch, dropDb, settleMembers, setUpTeam, syncNow, toTeam, twoPhones } from './team_steps.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';

async function accessible(page, what) {
  assert.deepEqual(await seriousViolations(page), [], `axe on ${what}`);
  assert.deepEqual(await smallTargets(page), [], `touch targets on ${what}`);
}

test('a volunteer-invited phone shows no case: no Cases entry, first contact only', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server, { role: 'volunteer' }));
    await settleMembers(a, b);
    // The coordinator records a case; the volunteer's phone never shows one.
    await a.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordCase(a.page, { name: unique('Yesenia'), alias: unique('Sol'), nationality: 'Hondureña', place: unique('Tapachula') });
    await toTeam(a.page);
    await syncNow(a.page);
    await syncNow(b.page);
    const nav = b.page.locator('nav.bottom-nav');
    await nav.getByRole('link', { name: 'Ajustes' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Casos' }).count(), 0, 'no Cases entry on a volunteer phone');
    await b.page.goto(b.url('cases'));
    // The vault locked with the reload; once open, the screen says why there is no case.
    await b.page.getByLabel('Código', { exact: true }).fill('ríos claros del norte');
    await b.page.getByRole('button', { name: 'Abrir' }).click();
    await b.page.getByRole('heading', { name: 'Solo primer contacto en este teléfono' }).waitFor({ timeout: 30000 });
    assert.equal(await b.page.getByRole('link', { name: 'Nuevo caso' }).count(), 0);
    assert.equal(await b.page.locator('.case-card').count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Casos' }).count(), 0);
    await accessible(b.page, 'the first-contact-only screen');
    await snapshot(b.page, 'team-volunteer-no-cases');
    // A case's address says the same, and so does the new-case screen.
    await b.page.goto(b.url('cases/new'));
    await b.page.getByLabel('Código', { exact: true }).fill('ríos claros del norte');
    await b.page.getByRole('button', { name: 'Abrir' }).click();
    await b.page.getByRole('heading', { name: 'Solo primer contacto en este teléfono' }).waitFor({ timeout: 30000 });
    assert.equal(await b.page.getByLabel('Nombres').count(), 0);
    // First contact itself works.
    await b.page.getByRole('link', { name: 'Empezar un primer contacto' }).click();
    await b.page.waitForURL(/first-contact/);
    // The coordinator's phone sees team management; the volunteer's does not.
    await toTeam(b.page);
    assert.equal(await b.page.getByRole('button', { name: 'Crear una invitación' }).count(), 0);
    await toTeam(a.page);
    await a.page.getByRole('button', { name: 'Crear una invitación' }).waitFor();
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});

test('handover: A hands a case to B with a note, B finds it in my cases and accepts, A sees B holds it', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server));
    await settleMembers(a, b);
    const values = { name: unique('Marisol'), alias: unique('Luz'), nationality: 'Salvadoreña', place: unique('Tecun') };
    const pending = unique('Llamar al consulado');
    const told = unique('Que otra persona del equipo la acompañará desde mañana');
    await a.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordCase(a.page, values);
    const card = a.page.locator('[data-handover="card"]');
    await card.locator('[data-handover="holder"]').filter({ hasText: 'nadie todavía' }).waitFor({ timeout: 30000 });

    // A bad note changes nothing: what the child was told is required.
    await a.page.getByRole('button', { name: 'Entregar el caso a otra persona del equipo' }).click();
    const form = a.page.locator('form.handover-form');
    await form.getByLabel('Entregar a').selectOption({ index: 1 });
    await form.getByLabel('Qué queda pendiente').fill(pending);
    await form.getByRole('button', { name: 'Firmar y proponer la entrega' }).click();
    await form.getByRole('alert').filter({ hasText: 'Escriba qué se le dijo' }).waitFor();
    assert.equal(await card.locator('[data-handover="offer"]').count(), 0);
    await form.getByLabel('Plazo 1: qué vence').fill('Evaluación del interés superior');
    await form.getByLabel('Plazo 1: fecha').fill('2026-12-10');
    await form.getByLabel('Qué se le dijo a la niña, niño o adolescente').fill(told);
    await accessible(a.page, 'the handover form');
    await snapshot(a.page, 'team-handover-form');
    await form.getByRole('button', { name: 'Firmar y proponer la entrega' }).click();
    await card.getByRole('status').filter({ hasText: 'Entrega propuesta' }).waitFor({ timeout: 30000 });
    await card.locator('[data-handover="offer"]').filter({ hasText: 'Entrega propuesta por este teléfono' }).waitFor();
    await a.page.locator('.save-state[data-state="saved"]').waitFor();
    await snapshot(a.page, 'team-handover-offered');

    await toTeam(a.page);
    await syncNow(a.page);
    await toTeam(b.page);
    await syncNow(b.page);

    // B: "my cases" lists the case offered to it; the case shows the note; B accepts.
    await b.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await b.page.getByLabel('Solo mis casos (los que llevo o me ofrecen)').check();
    await b.page.locator('[data-handover="offered-count"]').filter({ hasText: '1 caso(s)' }).waitFor({ timeout: 30000 });
    const mine = b.page.locator('.case-card').filter({ hasText: values.alias });
    await mine.filter({ hasText: 'Por aceptar' }).waitFor();
    assert.equal(await b.page.locator('.case-card').count(), 1, 'only the offered case is in my cases');
    await accessible(b.page, 'my cases');
    await snapshot(b.page, 'team-handover-my-cases');
    await mine.click();
    const onB = b.page.locator('[data-handover="card"]');
    const note = onB.locator('[data-handover="note"]');
    await note.filter({ hasText: told }).waitFor({ timeout: 30000 });
    await note.filter({ hasText: pending }).waitFor();
    await note.filter({ hasText: '2026-12-10' }).waitFor();
    await accessible(b.page, 'the offer on the receiver');
    await snapshot(b.page, 'team-handover-offer-received');
    await onB.getByRole('button', { name: 'Aceptar el caso' }).click();
    await onB.getByRole('status').filter({ hasText: 'Aceptó el caso' }).waitFor({ timeout: 30000 });
    await onB.locator('[data-handover="holder"]').filter({ hasText: 'este teléfono' }).waitFor();
    await b.page.locator('.save-state[data-state="saved"]').waitFor();

    // The shift view lists it, held by this phone.
    await b.page.goto(b.url('cases/shift'));
    await b.page.getByLabel('Código', { exact: true }).fill('ríos claros del norte');
    await b.page.getByRole('button', { name: 'Abrir' }).click();
    await b.page.locator('.shift-list .case-card').filter({ hasText: values.alias }).filter({ hasText: 'este teléfono' }).waitFor({ timeout: 30000 });
    await accessible(b.page, 'the shift view');
    await snapshot(b.page, 'team-handover-shift');

    await toTeam(b.page);
    await syncNow(b.page);
    await syncNow(a.page);
    // A: the case is now held by the caseworker's phone.
    await a.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await a.page.locator('.case-card').filter({ hasText: values.alias }).click();
    const holder = a.page.locator('[data-handover="holder"]');
    await holder.filter({ hasText: 'Gestión de casos' }).waitFor({ timeout: 30000 });
    assert.equal(await a.page.getByRole('button', { name: 'Entregar el caso a otra persona del equipo' }).count(), 0, 'A no longer holds it');
    await a.page.locator('details.handover-past summary').click();
    await a.page.locator('details.handover-past').filter({ hasText: 'aceptado' }).waitFor();
    await snapshot(a.page, 'team-handover-accepted-on-a');
    assert.deepEqual(a.unexpected(), []);
    assert.deepEqual(b.unexpected(), []);
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});
