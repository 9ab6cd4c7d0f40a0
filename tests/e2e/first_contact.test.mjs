// End-to-end test of the volunteer first-contact flow: a volunteer at a bus station meets a
// separated child, goes through the five short sections, marks what was done and the red flag
// noticed, and gets a referral summary to show. Nothing may be stored anywhere: storage is the
// same before and after, and a reload or "start again" forgets everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appReady, withApp, snapshot } from './support.mjs';

const es = JSON.parse(readFileSync('content/procedure/es.json', 'utf8'));
const flags = JSON.parse(readFileSync('content/flags.json', 'utf8')).flags;
const flagName = (id) => flags.find((f) => f.id === id).name.es;
const instruction = (id) => es.items[id].instruction;

/** Everything the page could have kept: web storage, IndexedDB databases, and the address. */
const storageState = (page) => page.evaluate(async () => ({
  local: Object.fromEntries(Object.entries(localStorage)),
  session: Object.fromEntries(Object.entries(sessionStorage)),
  databases: (await indexedDB.databases()).map((d) => d.name).sort(),
  search: location.search,
}));

const section = (page) => page.locator('#volunteer-step');
const tick = (page, id) => page.locator(`li.volunteer-item[data-item="${id}"]`).getByLabel('Hecho').check();
const next = (page) => page.getByRole('button', { name: 'Siguiente' }).click();

test('a volunteer goes through first contact, gets a referral summary, and nothing is kept', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await s.page.getByRole('link', { name: 'Primer contacto rápido (sin registro)' }).click();
    await s.page.waitForURL(/\/senda\/first-contact$/);
    await section(s.page).filter({ hasText: es.volunteer.safety.title }).waitFor();
    const before = await storageState(s.page);
    await snapshot(s.page, 'first-contact-safety');

    await tick(s.page, 'first_contact.safety.immediate_danger');
    await next(s.page);
    await section(s.page).filter({ hasText: es.volunteer.urgent_needs.title }).waitFor();
    await tick(s.page, 'first_contact.safety.urgent_needs');
    await next(s.page);
    await section(s.page).filter({ hasText: es.volunteer.red_flags.title }).waitFor();
    await s.page.getByRole('radio', { name: 'Separado' }).check();
    await s.page.getByRole('checkbox', { name: flagName('trafficking') }).check();
    await snapshot(s.page, 'first-contact-red-flags');
    await next(s.page);
    await section(s.page).filter({ hasText: es.volunteer.who_to_call.title }).waitFor();
    await next(s.page);
    await section(s.page).filter({ hasText: es.volunteer.what_to_tell.title }).waitFor();
    await tick(s.page, 'first_contact.information.no_detention');
    // Back and forth keeps what was marked while the flow is open.
    await s.page.getByRole('button', { name: 'Atrás' }).click();
    await s.page.getByRole('button', { name: 'Atrás' }).click();
    assert.equal(await s.page.getByRole('checkbox', { name: flagName('trafficking') }).isChecked(), true);
    await next(s.page);
    await next(s.page);
    await s.page.getByRole('button', { name: 'Ver el resumen para derivar' }).click();

    const summary = s.page.locator('.volunteer-summary');
    await summary.getByRole('heading', { name: 'Resumen para derivar' }).waitFor();
    const alert = summary.getByRole('alert');
    await alert.getByText('Notó señales de alerta').waitFor();
    await alert.getByText('no está con su familia').waitFor();
    assert.equal(await summary.locator('.summary-accompaniment').textContent(), 'Separado');
    assert.deepEqual(await summary.locator('.summary-flags li').allTextContents(), [flagName('trafficking')]);
    assert.deepEqual(await summary.locator('.summary-done li').allTextContents(), [
      instruction('first_contact.safety.immediate_danger'),
      instruction('first_contact.safety.urgent_needs'),
      instruction('first_contact.information.no_detention'),
    ]);
    const left = await summary.locator('.summary-left li').allTextContents();
    assert.ok(left.includes(instruction('first_contact.notification.volunteer_hand_over')));
    assert.ok(!left.includes(instruction('first_contact.safety.urgent_needs')));
    await snapshot(s.page, 'first-contact-summary');

    // Nothing was kept anywhere, and the address says nothing.
    assert.deepEqual(await storageState(s.page), before);

    // Starting again forgets everything.
    await s.page.getByRole('button', { name: 'Empezar de nuevo (borra todo)' }).click();
    await section(s.page).filter({ hasText: es.volunteer.safety.title }).waitFor();
    assert.equal(await s.page.locator('li.volunteer-item').getByLabel('Hecho').isChecked(), false);

    // So does a reload in the middle of the flow.
    await tick(s.page, 'first_contact.safety.immediate_danger');
    await next(s.page);
    await s.page.reload();
    await appReady(s.page);
    await section(s.page).filter({ hasText: es.volunteer.safety.title }).waitFor();
    assert.equal(await s.page.locator('li.volunteer-item').getByLabel('Hecho').isChecked(), false);
    assert.deepEqual(await storageState(s.page), before);
  });
});
