// End-to-end test of the code splitting (scripts/wasm_split.mjs): Home starts from the main wasm
// alone, a lazy screen fetches its own chunks when it first opens, and they work offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { appReady, goOffline, withApp, visitOnce } from './support.mjs';

const isChunk = (u) => /\/lazy-[^/]*\.wasm$/.test(new URL(u).pathname);

test('Home loads no lazy chunk; opening Cases fetches its own', async () => {
  await withApp(async (s) => {
    // The build really is split, and every chunk is in the service worker's precache list.
    const chunks = readdirSync(s.site).filter((f) => /^lazy-.*\.wasm$/.test(f));
    assert.ok(chunks.length >= 2, `lazy chunks in the build: ${chunks.length}`);

    const fetched = [];
    s.page.on('request', (r) => fetched.push(r.url()));
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await s.page.getByRole('heading', { level: 1, name: 'Bienvenida' }).waitFor();
    assert.deepEqual(fetched.filter(isChunk), [], 'Home fetched lazy chunks');
    assert.ok(fetched.some((u) => /_bg\.wasm$/.test(u)), 'Home fetched the main wasm');

    // Client-side navigation to Cases loads its chunks and renders its screen.
    await s.page.locator('nav.bottom-nav a[href="/senda/cases"]').click();
    await s.page.getByRole('heading', { level: 1, name: 'Casos' }).waitFor();
    const forCases = fetched.filter(isChunk);
    assert.ok(forCases.some((u) => u.includes('lazy-cases_area-')), 'the case list chunk was fetched');
  });
});

test('after one online visit a lazy screen never opened before renders offline', async () => {
  await withApp(async (s) => {
    await visitOnce(s);
    await goOffline(s);
    const fetched = [];
    s.page.on('request', (r) => fetched.push(r.url()));
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await s.page.locator('nav.bottom-nav a[href="/senda/settings"]').click();
    await s.page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    assert.ok(fetched.some((u) => u.includes('lazy-settings_area-')), 'the settings chunk came from the cache');
  });
});
