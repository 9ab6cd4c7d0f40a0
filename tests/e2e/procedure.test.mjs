// End-to-end test of a case's procedure as a field worker follows it: a separated child met in
// Guatemala, the first items of first contact ticked, a question answered, an item set aside
// with a reason, the progress and the suggested step moving, and everything there after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appReady, withApp, snapshot } from './support.mjs';
import { PASSCODE, setUpVault } from './vault_steps.mjs';

const es = JSON.parse(readFileSync('content/procedure/es.json', 'utf8'));
const stepTitle = (id) => es.steps[id].title;

async function recordSeparatedChildInGuatemala(page) {
  await page.getByRole('link', { name: 'Nuevo caso' }).click();
  await page.getByText('Sin guardar: escriba un nombre o alias').waitFor();
  await page.getByLabel('Nombres').fill('Ana Lucía');
  await page.getByLabel('Alias o cómo prefiere que le llamen').fill('Luz');
  await page.getByLabel('Acompañamiento').selectOption('separated');
  await page.getByLabel('País del primer contacto').selectOption('GT');
  await page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
  await page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}$/);
}

const item = (page, id) => page.locator(`li.procedure-item[data-item="${id}"]`);
const suggested = (page) => page.locator('.next-step .next-step-title');
const firstPhaseCount = (page) => page.locator('.phase-progress .phase-count').first();
// Autosave runs a moment after the last change: wait for it to start, then to finish.
const saved = async (page) => {
  await page.waitForTimeout(700);
  await page.locator('.save-state[data-state="saved"]').waitFor();
};

test('a case\'s procedure is followed step by step, autosaved, and resumes after a reload', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await recordSeparatedChildInGuatemala(s.page);

    await s.page.getByRole('link', { name: /Procedimiento del caso/ }).click();
    await s.page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}\/procedure\?step=first_contact\.safety$/);
    await s.page.getByRole('heading', { name: stepTitle('first_contact.safety') }).waitFor();
    assert.equal(await suggested(s.page).textContent(), stepTitle('first_contact.safety'));
    const before = await firstPhaseCount(s.page).textContent();
    assert.match(before, /^0 de \d+ obligatorios$/);
    await snapshot(s.page, 'procedure-start');

    // Safety first: the three checks of the first step.
    for (const id of ['immediate_danger', 'urgent_needs', 'red_flags']) {
      const check = item(s.page, `first_contact.safety.${id}`);
      await check.getByLabel('Hecho').check();
      await s.page.locator(`li.procedure-item[data-item="first_contact.safety.${id}"][data-progress="done"]`).waitFor();
    }
    await s.page.locator('.step-count').filter({ hasText: '3 de 3 resueltos' }).waitFor();
    await suggested(s.page).filter({ hasText: stepTitle('first_contact.introduction') }).waitFor();
    assert.match(await firstPhaseCount(s.page).textContent(), /^3 de \d+ obligatorios$/);
    await snapshot(s.page, 'procedure-step-done');

    // On to the suggested step: answer the language question, set one item aside with a reason.
    await s.page.getByRole('button', { name: 'Ir a ese paso' }).click();
    await s.page.getByRole('heading', { name: stepTitle('first_contact.introduction') }).waitFor();
    const language = item(s.page, 'first_contact.introduction.language');
    await language.getByLabel(es.items['first_contact.introduction.language'].options.own_language).check();
    await s.page.locator('li.procedure-item[data-item="first_contact.introduction.language"][data-progress="answered"]').waitFor();
    const reduceFear = item(s.page, 'first_contact.introduction.reduce_fear');
    await reduceFear.getByRole('button', { name: 'No aplica' }).click();
    await reduceFear.getByLabel('Por qué no aplica').fill('La niña ya estaba tranquila con la educadora');
    await reduceFear.getByRole('button', { name: 'Marcar como no aplicable' }).click();
    await reduceFear.getByText('No aplica: La niña ya estaba tranquila con la educadora').waitFor();
    await s.page.locator('li.procedure-item[data-item="first_contact.introduction.reduce_fear"][data-progress="not-applicable"]').waitFor();
    assert.match(await firstPhaseCount(s.page).textContent(), /^4 de \d+ obligatorios$/);
    await saved(s.page);
    await snapshot(s.page, 'procedure-answered');

    // A reload locks the vault; unlocked, the procedure resumes where it was.
    await s.page.reload();
    await s.page.getByLabel('Código', { exact: true }).fill(PASSCODE);
    await s.page.getByRole('button', { name: 'Abrir' }).click();
    await s.page.getByRole('heading', { name: stepTitle('first_contact.introduction') }).waitFor({ timeout: 20000 });
    assert.match(s.page.url(), /\/procedure\?step=first_contact\.introduction$/);
    assert.equal(await suggested(s.page).textContent(), stepTitle('first_contact.introduction'));
    assert.match(await firstPhaseCount(s.page).textContent(), /^4 de \d+ obligatorios$/);
    await item(s.page, 'first_contact.introduction.reduce_fear').getByText('No aplica: La niña ya estaba tranquila con la educadora').waitFor();
    assert.equal(await item(s.page, 'first_contact.introduction.language')
      .getByLabel(es.items['first_contact.introduction.language'].options.own_language).isChecked(), true);
    await s.page.getByRole('button', { name: 'Paso anterior' }).click();
    await s.page.getByRole('heading', { name: stepTitle('first_contact.safety') }).waitFor();
    assert.equal(await item(s.page, 'first_contact.safety.red_flags').getByLabel('Hecho').isChecked(), true);
    await s.page.locator('.deadlines').scrollIntoViewIfNeeded();
    await snapshot(s.page, 'procedure-deadlines');
  });
});
