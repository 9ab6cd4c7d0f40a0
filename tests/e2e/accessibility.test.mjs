// Accessibility of every screen: axe-core finds no serious or critical violation, every control
// is at least 44×44 px, and nothing scrolls sideways on a 320 px phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROUTES, appReady, open } from './support.mjs';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** axe's serious and critical findings on the current page, as readable lines. */
async function seriousViolations(page) {
  // evaluate() runs outside the page's CSP, which stays strict for the app itself.
  await page.evaluate(AXE);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Interactive elements smaller than 44×44 px (a radio or checkbox counts by its label). */
async function smallTargets(page) {
  return page.evaluate(() => {
    const small = [];
    for (const el of document.querySelectorAll('a[href], button, select, input, textarea, [role="button"]')) {
      const target = (el.type === 'radio' || el.type === 'checkbox') && el.closest('label') ? el.closest('label') : el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      if (r.width < 44 || r.height < 44) small.push(`${el.outerHTML.slice(0, 60)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return small;
  });
}

for (const locale of ['es', 'en']) {
  test(`every screen passes axe and has large targets (${locale})`, async () => {
    const s = await open();
    try {
      await s.page.goto(s.url(''));
      await s.page.evaluate((l) => localStorage.setItem('senda.settings', JSON.stringify({ version: 1, locale: l })), locale);
      for (const route of [...ROUTES, 'first-contact', 'missing-page']) {
        await s.page.goto(s.url(route));
        await appReady(s.page);
        assert.deepEqual(await seriousViolations(s.page), [], `axe on /${route}`);
        assert.deepEqual(await smallTargets(s.page), [], `touch targets on /${route}`);
      }
    } finally {
      await s.close();
    }
  });
}

test('nothing scrolls sideways at 320 px', async () => {
  const s = await open();
  try {
    await s.page.setViewportSize({ width: 320, height: 640 });
    for (const locale of ['es', 'en', 'fr']) {
      await s.page.goto(s.url(''));
      await s.page.evaluate((l) => localStorage.setItem('senda.settings', JSON.stringify({ version: 1, locale: l })), locale);
      for (const route of [...ROUTES, 'first-contact']) {
        await s.page.goto(s.url(route));
        await appReady(s.page);
        const width = await s.page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 320, `/${route} in ${locale} is ${width} px wide`);
      }
    }
  } finally {
    await s.close();
  }
});
