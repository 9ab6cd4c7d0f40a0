// End-to-end test of country timelines: a coordinator in Guatemala sets the care plan to ten
// days in Settings (after two typing slips that must change nothing), and a Guatemalan case's
// procedure then shows the care-plan deadline ten days after opening, marked as a local setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appReady, withApp, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';

const es = JSON.parse(readFileSync('content/procedure/es.json', 'utf8'));
const stored = (page) => page.evaluate(() => localStorage.getItem('senda.timelines:/senda/'));
const inDays = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

test('a country timeline set in Settings moves the deadline of that country\'s cases', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('settings'));
    await appReady(s.page);
    const section = s.page.locator('.country-timelines');
    await section.getByLabel('País').selectOption('GT');
    const carePlan = section.getByLabel(es.deadlines.care_plan.label);
    await section.getByText('Según las fuentes: 14 días.').waitFor();

    await carePlan.fill('dos');
    await carePlan.press('Tab');
    await section.getByRole('alert').filter({ hasText: 'Escriba un número entero de días' }).waitFor();
    assert.equal(await carePlan.getAttribute('aria-invalid'), 'true');
    assert.equal(await stored(s.page), null, 'a slip changes nothing');
    await carePlan.fill('400');
    await carePlan.press('Tab');
    await section.getByRole('alert').filter({ hasText: 'no puede pasar de 365 días' }).waitFor();
    assert.equal(await stored(s.page), null);
    await snapshot(s.page, 'timelines-error');

    await carePlan.fill('10');
    await carePlan.press('Tab');
    await section.getByRole('status').filter({ hasText: 'Guardado.' }).waitFor();
    assert.deepEqual(JSON.parse(await stored(s.page)), { version: 1, countries: { GT: { care_plan: 10 } } });
    // "As soon as possible" is never softened into a number of days.
    assert.equal(await section.getByLabel(es.deadlines.notify_authority.label).count(), 0);

    // Kept across a reload.
    await s.page.reload();
    await appReady(s.page);
    await section.getByLabel('País').selectOption('GT');
    assert.equal(await section.getByLabel(es.deadlines.care_plan.label).inputValue(), '10');

    // A case in Guatemala: its care plan is due in ten days, by the local setting.
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await recordCase(s.page, { name: unique('Plazo'), alias: 'Sol', nationality: 'El Salvador', place: 'Ciudad de Guatemala' });
    await s.page.getByRole('link', { name: /Procedimiento del caso/ }).click();
    const row = s.page.locator('.deadline').filter({ hasText: es.deadlines.care_plan.label });
    await row.waitFor();
    assert.equal(await row.getAttribute('data-basis'), 'local');
    await row.getByText(`Vence el ${inDays(10)}`).waitFor();
    await row.getByText('Ajuste local').waitFor();
    await row.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'timelines-case-deadline');

    // Cleared, the sources' two weeks apply again.
    await s.page.getByRole('link', { name: 'Ajustes' }).click();
    await section.getByLabel('País').selectOption('GT');
    await section.getByLabel(es.deadlines.care_plan.label).fill('');
    await section.getByLabel(es.deadlines.care_plan.label).press('Tab');
    await section.getByRole('status').filter({ hasText: 'Guardado.' }).waitFor();
    assert.deepEqual(JSON.parse(await stored(s.page)), { version: 1, countries: {} });
    await s.page.goBack();
    await row.getByText(`Vence el ${inDays(14)}`).waitFor({ timeout: 20000 });
    assert.equal(await row.getAttribute('data-basis'), 'sourced');
  });
});
