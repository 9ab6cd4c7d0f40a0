// End-to-end test of the preload hints (scripts/route_preload.mjs): a visit that starts on a lazy
// route asks for that area's chunks, strings and content at once, and the app then uses each
// hint (no "preloaded but not used" or credentials-mismatch warning from Chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, withApp } from './support.mjs';

for (const [route, heading] of [['guide', 'Guía'], ['reference', 'Consulta'], ['settings', 'Ajustes'], ['cases', 'Casos']]) {
  test(`a visit that starts on /${route} preloads what its screen fetches, and uses every hint`, async () => {
    await withApp({ serviceWorkers: 'block' }, async (s) => {
      const requests = [];
      const warnings = [];
      s.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      s.page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
      await s.page.goto(s.url(route));
      await appReady(s.page);
      await s.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      // Trunk's own hint for the main wasm aside.
      const hints = (await s.page.$$eval('link[rel=preload]', (ls) => ls.map((l) => new URL(l.href).pathname)))
        .filter((h) => !/_bg\.wasm$/.test(h));
      assert.ok(hints.some((h) => /\/lazy-.*\.wasm$/.test(h)), `no chunk among the hints: ${hints}`);
      assert.ok(hints.some((h) => h.endsWith(`/content/ui/common/es.json`)), `no strings among the hints: ${hints}`);
      await s.page.waitForLoadState('networkidle');
      // Chromium warns after 3 s about a hint the page did not use.
      await s.page.waitForTimeout(3500);
      const unfetched = hints.filter((h) => !requests.includes(h));
      assert.deepEqual(unfetched, [], 'hints that made no request');
      assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), []);
    });
  });
}

test('Home gets no preload hint but the main wasm\'s', async () => {
  await withApp({ serviceWorkers: 'block' }, async (s) => {
    await s.page.goto(s.url(''));
    await appReady(s.page);
    const hints = await s.page.$$eval('link[rel=preload]', (ls) => ls.map((l) => new URL(l.href).pathname));
    assert.deepEqual(hints.filter((h) => !/_bg\.wasm$/.test(h)), []);
  });
});
