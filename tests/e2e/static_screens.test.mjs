// End-to-end tests of the static first screens (scripts/static_screens.mjs): Home in index.html,
// the screens without case data in `<route>.html`; each painted before the main wasm runs, hidden
// from assistive technology and inert, kept while the area's chunk is on its way with the app's
// frame behind it, gone once the app has painted the screen, and never shown in a language other
// than the one saved, in child mode, or on a route that is not its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, appReady, open, snapshot, withApp } from './support.mjs';

// The routes with a static copy ('' is Home); scripts/static_screens.mjs's STATIC_ROUTES.
const SCREENS = ['', 'guide', 'children', 'child', 'reference', 'settings', 'first-contact'];

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

test('the build writes a static copy for each screen without case data, and none for the cases', () => {
  for (const route of SCREENS.filter((r) => r)) {
    const html = readFileSync(join(DIST, `${route}.html`), 'utf8');
    assert.match(html, new RegExp(`<html data-static-route="${route}"`), route);
    assert.match(html, /<div id="senda-static" aria-hidden="true" inert>/, route);
  }
  assert.equal(existsSync(join(DIST, 'cases.html')), false);
  // Nothing of this phone's state in a copy: Settings' vault, team and storage parts are cut.
  assert.doesNotMatch(readFileSync(join(DIST, 'settings.html'), 'utf8'), /data-phone-state/);
  // For a first visit only: the worker serves the shell for every route, so it does not keep them.
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  assert.doesNotMatch(sw, /"path":"guide\.html"/);
  assert.match(sw, /"path":"index\.html"/);
});

for (const route of SCREENS) {
  test(`before the wasm runs, /${route} is painted from its static copy, which no screen reader or keyboard reaches`, async () => {
    const s = await beforeWasm(route);
    try {
      const copy = s.page.locator('#senda-static');
      assert.equal(await copy.getAttribute('aria-hidden'), 'true');
      assert.equal(await copy.getAttribute('inert'), '');
      assert.ok(await copy.locator('main h1').isVisible(), 'the static screen is painted');
      // The child's start has neither the staff header nor the navigation, in the app as here.
      if (route !== 'child') assert.ok(await copy.locator('nav.bottom-nav').isVisible(), 'the navigation too');
      // Not in the accessibility tree: no heading, no link for a screen reader; no focus stop.
      assert.equal(await s.page.getByRole('heading').count(), 0);
      assert.equal(await s.page.getByRole('link').count(), 0);
      await s.page.keyboard.press('Tab');
      assert.equal(await s.page.evaluate(() => document.activeElement === document.body || document.activeElement === null), true);
      await snapshot(s.page, `static-${route || 'home'}-before-wasm`);
    } finally {
      await s.close({ check: false }); // the aborted wasm is logged, on purpose
    }
  });
}

for (const route of SCREENS) {
  test(`once the app has painted /${route} the static copy is gone: the screen is read once, with the same heading`, async () => {
    await withApp({ serviceWorkers: 'block' }, async (s) => {
      // The main wasm held until the static heading is read, then let through.
      let release;
      const held = new Promise((r) => { release = r; });
      await s.page.route(/_bg\.wasm$/, async (r) => { await held; await r.continue(); });
      await s.page.goto(s.url(route), { waitUntil: 'domcontentloaded' });
      const staticHeading = await s.page.locator('#senda-static main h1').textContent();
      release();
      await s.page.waitForFunction(() => !document.getElementById('senda-static'), null, { timeout: 15000 });
      if (route !== 'child') await appReady(s.page);
      assert.equal(await s.page.getByRole('heading', { level: 1 }).count(), 1);
      assert.equal((await s.page.getByRole('heading', { level: 1 }).textContent()).trim(), staticHeading.trim());
      assert.equal(await s.page.locator('main').count(), 1);
      assert.equal(await s.page.locator('nav.bottom-nav').count(), route === 'child' ? 0 : 1);
    });
  });
}

test('while the area\'s chunk is on its way the static copy stays, with the app\'s frame behind it', async () => {
  await withApp({ serviceWorkers: 'block' }, async (s) => {
    let release;
    const held = new Promise((r) => { release = r; });
    await s.page.route(/lazy-.*\.wasm$/, async (r) => { await held; await r.continue(); });
    await s.page.goto(s.url('guide'));
    // The app has mounted (its header is in the page) but the Guide's code has not arrived.
    await s.page.waitForFunction(() => document.querySelectorAll('header.app-header').length === 2);
    await s.page.waitForTimeout(300);
    assert.ok(await s.page.locator('#senda-static main h1').isVisible(), 'the static Guide is still painted');
    const visibleHeaders = await s.page.locator('header.app-header').evaluateAll((hs) => hs.filter((h) => h.checkVisibility()).length);
    assert.equal(visibleHeaders, 1, 'never two headers on screen');
    await snapshot(s.page, 'static-guide-waiting-for-chunk');
    release();
    await appReady(s.page);
    assert.equal(await s.page.locator('#senda-static').count(), 0);
    assert.ok(await s.page.getByRole('heading', { level: 1 }).isVisible());
  });
});

for (const [what, route, storage] of [
  ['another language saved', '', { 'senda.settings:/senda/': JSON.stringify({ locale: 'en' }) }],
  ['another language saved, on the Guide', 'guide', { 'senda.settings:/senda/': JSON.stringify({ locale: 'fr' }) }],
  ['child mode on', '', { 'senda.child_mode:/senda/': JSON.stringify({ version: 1, on: true, idle_minutes: 5 }) }],
  ['child mode on, on Settings', 'settings', { 'senda.child_mode:/senda/': JSON.stringify({ version: 1, on: true, idle_minutes: 5 }) }],
  // Saved before the names were scoped (src/storage_names.rs), not yet copied by the app.
  ['child mode on under the unscoped name', '', { 'senda.child_mode': JSON.stringify({ version: 1, on: true, idle_minutes: 5 }) }],
  ['child mode on, though the unscoped name says off', '', {
    'senda.child_mode': JSON.stringify({ version: 1, on: false, idle_minutes: 5 }),
    'senda.child_mode:/senda/': JSON.stringify({ version: 1, on: true, idle_minutes: 5 }),
  }],
  ['a visit to the cases (no static copy: the shell\'s Home is not theirs)', 'cases', {}],
  ['a visit to a Guide phase (no copy of its own)', 'guide/first_contact', {}],
]) {
  test(`with ${what}, nothing is painted before the app runs (as before)`, async () => {
    const s = await beforeWasm(route, storage);
    try {
      assert.equal(await s.page.locator('#senda-static main h1').isVisible(), false);
      assert.equal(await s.page.locator('#senda-static').count(), 0, 'and the unshown copy is gone at once');
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
