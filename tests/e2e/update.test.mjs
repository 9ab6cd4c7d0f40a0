// End-to-end test of an update across a cold start (public/sw.js, public/pwa.js): build A is
// installed, build B is deployed and installs, the app is closed and opened again — the browser
// then lets B's worker take over by itself — and A still runs until "update now" is tapped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { ARGS, CHROMIUM, DIST, PREFIX, appReady, controlled, deployB, snapshot } from './support.mjs';

const BANNER = 'Hay una nueva versión de Senda.';
const build = (page) => page.evaluate(() => document.querySelector('meta[name="senda-test-build"]')?.content || 'A');

test('a new version that took over on a cold start waits for "update now": the old one runs until then', async () => {
  const root = mkdtempSync(join(tmpdir(), 'senda-e2e-'));
  cpSync(DIST, join(root, 'site'), { recursive: true });
  const site = join(root, 'site');
  const server = await serve(site, PREFIX, 0);
  const problems = [];
  const launch = async () => {
    const context = await chromium.launchPersistentContext(join(root, 'profile'), {
      executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 360, height: 740 },
    });
    const page = context.pages()[0] || (await context.newPage());
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return { context, page };
  };
  try {
    // Build A, installed and complete.
    let { context, page } = await launch();
    await page.goto(server.url);
    await appReady(page);
    await controlled(page);
    await page.locator('[data-offline="ready"]').waitFor({ state: 'attached', timeout: 60000 });
    assert.equal(await build(page), 'A');

    // Build B deployed: its worker installs (everything cached) and waits.
    deployB(site);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.getByRole('region', { name: BANNER }).waitFor({ timeout: 60000 });
    assert.ok(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null));
    await context.close();

    // Cold start: the app closed and opened again. A still runs, and the update is offered.
    ({ context, page } = await launch());
    await page.goto(server.url);
    await appReady(page);
    await controlled(page);
    const banner = page.getByRole('region', { name: BANNER });
    await banner.waitFor({ timeout: 20000 });
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r.waiting !== null, caches: (await caches.keys()).length };
    });
    console.log(`after the cold start the new worker ${state.waiting ? 'still waits' : 'is active (the browser activated it)'}`);
    assert.equal(await build(page), 'A', 'the old version still runs after a cold start');
    assert.equal(state.caches, 2, 'the old version\'s cache is kept');
    // And after a plain reload too.
    await page.reload();
    await appReady(page);
    await banner.waitFor({ timeout: 20000 });
    assert.equal(await build(page), 'A', 'the old version still runs after a reload');
    await snapshot(page, 'update-held-after-cold-start');

    // "Update now": B runs, and only its cache is left.
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Actualizar ahora' }).click()]);
    await appReady(page);
    await page.waitForFunction(() => document.querySelector('meta[name="senda-test-build"]') !== null, null, { timeout: 20000 });
    assert.equal(await build(page), 'B');
    await page.waitForFunction(async () => (await caches.keys()).length === 1, null, { timeout: 10000 });
    assert.equal(await page.getByRole('region', { name: BANNER }).count(), 0, 'no update offered any more');
    await context.close();

    // A cold start after that: B.
    ({ context, page } = await launch());
    await page.goto(server.url);
    await appReady(page);
    assert.equal(await build(page), 'B');
    await context.close();
    assert.deepEqual(problems, [], 'console or page errors');
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
