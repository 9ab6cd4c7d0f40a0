// End-to-end tests of the static Home in index.html (scripts/static_home.mjs): painted before the
// main wasm runs, hidden from assistive technology and inert, gone once the app mounts, and never
// shown in a language other than the one saved, in child mode, or on another route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, open, snapshot, withApp } from './support.mjs';

/** Opens `route` with the main wasm never arriving: what the phone shows before the app runs. */
async function beforeWasm(route, storage = {}) {
  const s = await open({ serviceWorkers: 'block' });
  await s.context.addInitScript((items) => {
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, storage);
  await s.page.route(/_bg\.wasm$/, (r) => r.abort());
  await s.page.goto(s.url(route));
  await s.page.waitForLoadState('load');
  return s;
}

test('before the wasm runs, Home is painted from index.html, and no screen reader or keyboard reaches it', async () => {
  const s = await beforeWasm('');
  try {
    const copy = s.page.locator('#senda-static');
    assert.equal(await copy.getAttribute('aria-hidden'), 'true');
    assert.equal(await copy.getAttribute('inert'), '');
    const heading = copy.locator('main h1');
    assert.ok(await heading.isVisible(), 'the static Home is painted');
    assert.equal(await heading.textContent(), 'Bienvenida');
    assert.ok(await copy.locator('nav.bottom-nav').isVisible(), 'the navigation too');
    // Not in the accessibility tree: no heading, no link for a screen reader; no focus stop.
    assert.equal(await s.page.getByRole('heading').count(), 0);
    assert.equal(await s.page.getByRole('link').count(), 0);
    await s.page.keyboard.press('Tab');
    assert.equal(await s.page.evaluate(() => document.activeElement === document.body || document.activeElement === null), true);
    await snapshot(s.page, 'static-home-before-wasm');
  } finally {
    await s.close({ check: false }); // the aborted wasm is logged, on purpose
  }
});

test('once the app mounts the static copy is gone: Home is read once', async () => {
  await withApp({ serviceWorkers: 'block' }, async (s) => {
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await s.page.getByRole('heading', { level: 1, name: 'Bienvenida' }).waitFor();
    assert.equal(await s.page.locator('#senda-static').count(), 0);
    // One Home for a screen reader (the crash screen's heading is there too, hidden).
    assert.equal(await s.page.getByRole('heading', { level: 1 }).count(), 1);
    assert.equal(await s.page.getByRole('heading', { name: 'Bienvenida' }).count(), 1);
    assert.equal(await s.page.locator('main').count(), 1);
    assert.equal(await s.page.locator('nav.bottom-nav').count(), 1);
  });
});

for (const [what, route, storage] of [
  ['another language saved', '', { 'senda.settings:/senda/': JSON.stringify({ locale: 'en' }) }],
  ['child mode on', '', { 'senda.child_mode:/senda/': JSON.stringify({ version: 1, on: true, idle_minutes: 5 }) }],
  // Saved before the names were scoped (src/storage_names.rs), not yet copied by the app.
  ['child mode on under the unscoped name', '', { 'senda.child_mode': JSON.stringify({ version: 1, on: true, idle_minutes: 5 }) }],
  ['child mode on, though the unscoped name says off', '', {
    'senda.child_mode': JSON.stringify({ version: 1, on: false, idle_minutes: 5 }),
    'senda.child_mode:/senda/': JSON.stringify({ version: 1, on: true, idle_minutes: 5 }),
  }],
  ['a visit to another route', 'guide', {}],
]) {
  test(`with ${what}, nothing is painted before the app runs (as before)`, async () => {
    const s = await beforeWasm(route, storage);
    try {
      assert.equal(await s.page.locator('#senda-static').isVisible(), false);
      assert.equal(await s.page.locator('#senda-static main h1').isVisible(), false);
    } finally {
      await s.close({ check: false });
    }
  });
}

test('with Spanish saved and child mode off, the static Home is shown', async () => {
  const s = await beforeWasm('', {
    'senda.settings:/senda/': JSON.stringify({ locale: 'es' }),
    'senda.child_mode:/senda/': JSON.stringify({ version: 1, on: false, idle_minutes: 5 }),
  });
  try {
    assert.ok(await s.page.locator('#senda-static main h1').isVisible());
  } finally {
    await s.close({ check: false });
  }
});
