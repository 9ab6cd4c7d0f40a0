// End-to-end test of the monitoring indicators: two cases recorded, the indicators screen counts
// them, and the CSV a coordinator receives holds codes and counts only — none of the names,
// places or nationalities typed, no full date, and small counts hidden as "<5".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appReady, withApp, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';

test('the indicators count the cases and their CSV holds nothing personal', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const typed = [];
    for (const n of [1, 2]) {
      const values = { name: unique('Nombre'), alias: unique('Alias'), nationality: unique('Nacion'), place: unique('Lugar') };
      typed.push(...Object.values(values));
      await recordCase(s.page, values);
      await s.page.getByRole('link', { name: 'Todos los casos' }).first().click();
      await s.page.locator('.case-list li').nth(n - 1).waitFor();
    }

    await s.page.getByRole('link', { name: 'Indicadores de seguimiento (anónimos)' }).click();
    await s.page.waitForURL(/\/senda\/cases\/monitoring$/);
    const total = s.page.locator('.figure').filter({ hasText: 'Casos en este teléfono' }).locator('dd');
    await total.filter({ hasText: '2' }).waitFor();
    const guatemala = s.page.locator('table.counts tr[data-category="GT"]');
    assert.equal(await guatemala.locator('th').textContent(), 'Guatemala');
    assert.equal(await guatemala.locator('td').textContent(), '2');
    assert.equal(await s.page.locator('table.counts tr[data-category="separated"] td').textContent(), '2');
    await snapshot(s.page, 'monitoring');

    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.getByRole('button', { name: 'Descargar los indicadores (CSV)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^senda-indicadores-\d{4}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('indicator,category,value\r\n'));
    assert.match(csv, /\r\ncases,total,<5\r\n/);
    assert.match(csv, /\r\ncountry,GT,<5\r\n/);
    for (const value of typed) assert.ok(!csv.includes(value), `${value} leaked into the CSV`);
    assert.doesNotMatch(csv, /\d{4}-\d{2}-\d{2}/, 'no date finer than a month');
    assert.doesNotMatch(csv, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no case id');
  });
});
