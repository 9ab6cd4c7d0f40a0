// End-to-end tests of the Guide section as reference: phases, steps, guidance and sources,
// in the interface language, offline too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, goOffline, withApp, snapshot, visitOnce } from './support.mjs';

test('a worker browses the phases and reads an item with its why, never-do and sources', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('guide'));
    await appReady(s.page);
    const phases = s.page.locator('ol.phase-list > li');
    await phases.first().waitFor();
    assert.equal(await phases.count(), 8, 'eight phases');
    await snapshot(s.page, 'guide-phases');

    await s.page.getByRole('link', { name: /Identificación y primer contacto/ }).click();
    await s.page.waitForURL(s.url('guide/first_contact'));
    await s.page.getByRole('heading', { level: 1, name: 'Identificación y primer contacto' }).waitFor();
    assert.equal(await s.page.getByText('Fase 1 de 8').count(), 1);
    const firstItem = s.page.locator('li.guidance').first();
    await firstItem.locator('.never').waitFor();
    await firstItem.getByText('Por qué').click();
    await firstItem.getByText(/La protección va antes que los trámites/).waitFor();
    await firstItem.getByText(/Fuentes \(\d+\)/).click();
    assert.ok((await firstItem.locator('ul.sources li').count()) >= 1, 'sources listed');
    await snapshot(s.page, 'guide-phase');

    // Next phase, then the same page in English.
    await s.page.getByRole('link', { name: /Fase siguiente/ }).click();
    await s.page.waitForURL(s.url('guide/screening'));
    await s.page.getByLabel('Idioma').selectOption('en');
    await s.page.getByRole('heading', { level: 1, name: 'Screening of risks and vulnerabilities' }).waitFor();
  });
});

test('French shows the French procedure, marked draft, with no fallback notice, and an unknown phase says so', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url(''));
    await s.page.evaluate(() => localStorage.setItem('senda.settings:/senda/', '{"version":1,"locale":"fr"}'));
    await s.page.goto(s.url('guide/bia'));
    await appReady(s.page);
    await s.page.getByRole('heading', { name: "Évaluation de l'intérêt supérieur" }).first().waitFor();
    await s.page.getByText('doit être relu par du personnel francophone', { exact: false }).first().waitFor();
    assert.equal(await s.page.getByText('il est affiché en espagnol', { exact: false }).count(), 0);
    await s.page.goto(s.url('guide/nonexistent'));
    await s.page.getByText("Cette phase n'existe pas dans le Guide.").waitFor();
  });
});

test('the Guide opens offline after one visit', async () => {
  await withApp(async (s) => {
    await visitOnce(s);
    await goOffline(s);
    await s.page.goto(s.url('guide/referral_plan'));
    await appReady(s.page);
    await s.page.locator('li.guidance').first().waitFor();
  });
});
