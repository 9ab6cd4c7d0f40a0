// End-to-end tests of the app shell: routes, language, offline, PWA, update, privacy of requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTES, appReady, controlled, goOffline, withApp, snapshot, visitOnce } from './support.mjs';

const HEADINGS_ES = { '': 'Bienvenida', cases: 'Casos', guide: 'Guía', children: 'Niñez', reference: 'Consulta', settings: 'Ajustes' };

/** Every request went to the app's own origin, and nothing was logged as an error. */
function assertClean(s) {
  const foreign = s.requests.filter((u) => !u.startsWith(s.server.origin + '/'));
  assert.deepEqual(foreign, [], 'requests to other origins');
}

test('every main route renders from a deep link, with its section marked current', async () => {
  await withApp(async (s) => {
    for (const route of ROUTES) {
      await s.page.goto(s.url(route));
      await appReady(s.page);
      await assert.doesNotReject(
        s.page.getByRole('heading', { level: 1, name: HEADINGS_ES[route] }).waitFor(),
        `heading of /${route}`
      );
      assert.equal(await s.page.title(), `${route ? HEADINGS_ES[route] : 'Inicio'} · Senda`);
      if (route) {
        const current = s.page.locator('nav.bottom-nav a[aria-current="page"]');
        assert.equal(await current.getAttribute('href'), `/senda/${route}`);
      }
      await snapshot(s.page, `route-${route || 'home'}`);
    }
    // Moving between sections is client-side and keeps the sub-path.
    await s.page.getByRole('link', { name: /Guía/ }).first().click();
    await s.page.waitForURL(s.url('guide'));
  });
});

test('an unknown address shows the not-found page with a way home', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('no/such/place'));
    await appReady(s.page);
    await s.page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
    await snapshot(s.page, 'not-found');
    await s.page.getByRole('link', { name: 'Volver al inicio' }).click();
    await s.page.waitForURL(s.url(''));
    await s.page.getByRole('heading', { level: 1, name: 'Bienvenida' }).waitFor();
  });
});

test('switching language changes the visible text and survives a reload', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('settings'));
    await appReady(s.page);
    await s.page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    assert.equal(await s.page.locator('html').getAttribute('lang'), 'es');

    await s.page.getByRole('radio', { name: 'English' }).check();
    await s.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.equal(await s.page.locator('html').getAttribute('lang'), 'en');
    await snapshot(s.page, 'settings-en');

    await s.page.reload();
    await appReady(s.page);
    await s.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.ok(await s.page.getByRole('radio', { name: 'English' }).isChecked());

    // The header's switch does the same, from any screen.
    await s.page.getByLabel('Language').selectOption('fr');
    await s.page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await s.page.goto(s.url('cases'));
    await s.page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
  });
});

test('a corrupt stored setting falls back to Spanish and is repaired', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await s.page.evaluate(() => localStorage.setItem('senda.settings:/senda/', '{"locale":'));
    await s.page.reload();
    await appReady(s.page);
    await s.page.getByRole('heading', { level: 1, name: 'Bienvenida' }).waitFor();
    const repaired = JSON.parse(await s.page.evaluate(() => localStorage.getItem('senda.settings:/senda/')));
    assert.equal(repaired.locale, 'es');
  });
});

test('after one online visit every route loads offline, under the service worker', async () => {
  await withApp(async (s) => {
    await visitOnce(s);
    await s.page.goto(s.url('settings'));
    await s.page.getByText('Lista para usarse sin conexión').waitFor();
    await goOffline(s);
    for (const route of [...ROUTES, 'cases/deep/link']) {
      await s.page.goto(s.url(route));
      await appReady(s.page);
      const name = route === 'cases/deep/link' ? 'Página no encontrada' : HEADINGS_ES[route];
      await s.page.getByRole('heading', { level: 1, name }).waitFor();
    }
    await s.page.getByText('Sin conexión: Senda sigue funcionando').waitFor();
    await snapshot(s.page, 'offline');
  });
});

test('the manifest is linked, complete, and its icons load', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url(''));
    await appReady(s.page);
    const href = await s.page.locator('link[rel="manifest"]').getAttribute('href');
    const manifestUrl = new URL(href, s.url('')).href;
    const res = await s.page.request.get(manifestUrl);
    assert.equal(res.status(), 200);
    const manifest = await res.json();
    for (const key of ['name', 'short_name', 'start_url', 'scope', 'display', 'theme_color', 'icons']) {
      assert.ok(manifest[key], `manifest.${key}`);
    }
    assert.equal(manifest.display, 'standalone');
    assert.equal(new URL(manifest.start_url, manifestUrl).href, s.url(''));
    for (const [size, purpose] of [[192, 'any'], [512, 'any'], [192, 'maskable'], [512, 'maskable']]) {
      const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
      assert.ok(icon, `${size}px ${purpose} icon listed`);
      const png = await s.page.request.get(new URL(icon.src, manifestUrl).href);
      assert.equal(png.status(), 200);
      const body = await png.body();
      assert.equal(body.subarray(1, 4).toString(), 'PNG');
      assert.equal(body.readUInt32BE(16), size, 'PNG width');
      assert.equal(body.readUInt32BE(20), size, 'PNG height');
    }
  });
});

test('Chromium finds the app installable', async () => {
  await withApp({ persistent: true }, async (s) => {
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await controlled(s.page);
    const cdp = await s.context.newCDPSession(s.page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
  });
});

test('a new version waits for "update now" and then takes over', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('guide'));
    await appReady(s.page);
    await controlled(s.page);
    const before = await s.page.evaluate(() => navigator.serviceWorker.controller.scriptURL);

    // Deploy a new version: the worker's bytes change.
    const sw = join(s.site, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([^']+)'/, "const VERSION = '$1-next'"));
    await s.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

    // The app offers the update and does not switch by itself.
    const banner = s.page.getByRole('region', { name: 'Hay una nueva versión de Senda.' });
    await banner.waitFor();
    await snapshot(s.page, 'update-offered');
    const waiting = await s.page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r.waiting !== null, caches: await caches.keys() };
    });
    assert.ok(waiting.waiting, 'the new worker waits for the user');
    assert.equal(waiting.caches.length, 2, `old cache kept while the new one waits: ${waiting.caches}`);

    await Promise.all([s.page.waitForEvent('load'), banner.getByRole('button', { name: 'Actualizar ahora' }).click()]);
    await appReady(s.page);
    await controlled(s.page);
    const keys = await s.page.evaluate(() => caches.keys());
    assert.equal(keys.length, 1, `one cache left: ${keys}`);
    assert.ok(keys[0].endsWith('-next'), `new cache active: ${keys}`);
    assert.equal(await s.page.evaluate(() => navigator.serviceWorker.controller.scriptURL), before);
    await s.page.getByRole('heading', { level: 1, name: 'Guía' }).waitFor();
  });
});
