// Accessibility of every screen: axe-core finds no serious or critical violation, every control
// is at least 44×44 px, and nothing scrolls sideways on a 320 px phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROUTES, appReady, withApp } from './support.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';




for (const locale of ['es', 'en']) {
  test(`every screen passes axe and has large targets (${locale})`, async () => {
    await withApp(async (s) => {
      await s.page.goto(s.url(''));
      await s.page.evaluate((l) => localStorage.setItem('senda.settings:/senda/', JSON.stringify({ version: 1, locale: l })), locale);
      for (const route of [...ROUTES, 'first-contact', 'missing-page']) {
        await s.page.goto(s.url(route));
        await appReady(s.page);
        assert.deepEqual(await seriousViolations(s.page), [], `axe on /${route}`);
        assert.deepEqual(await smallTargets(s.page), [], `touch targets on /${route}`);
      }
    });
  });
}

test('nothing scrolls sideways at 320 px', async () => {
  await withApp(async (s) => {
    await s.page.setViewportSize({ width: 320, height: 640 });
    for (const locale of ['es', 'en', 'fr']) {
      await s.page.goto(s.url(''));
      await s.page.evaluate((l) => localStorage.setItem('senda.settings:/senda/', JSON.stringify({ version: 1, locale: l })), locale);
      for (const route of [...ROUTES, 'first-contact']) {
        await s.page.goto(s.url(route));
        await appReady(s.page);
        const width = await s.page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 320, `/${route} in ${locale} is ${width} px wide`);
      }
    }
  });
});
