// End-to-end tests of the interface strings split by area (core/src/ui_text/part.rs): the first
// load carries only the shell's strings, a lazy screen fetches its area's with its chunk, a
// screen whose strings cannot be had waits like a screen whose code is missing, and a language
// chosen later reaches the areas already opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { appReady, withApp } from './support.mjs';

const MISSING = 'Esta pantalla aún no está en el teléfono';
const NETWORK_LOG = /Failed to load resource/;
const isPart = (u) => /\/content\/ui\/[a-z_]+\/[a-z]+\.json$/.test(new URL(u).pathname);
const partOf = (u) => new URL(u).pathname.replace(/^.*\/content\/ui\//, '');
const nav = (s, path) => s.page.locator(`nav.bottom-nav a[href="/senda/${path}"]`).click();
const strings = (file) => JSON.parse(readFileSync(`content/ui/${file}`, 'utf8')).strings;

test('Home fetches no area strings; Cases fetches the common and the cases strings with its chunk', async () => {
  await withApp(async (s) => {
    const fetched = [];
    s.page.on('request', (r) => fetched.push(r.url()));
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await s.page.getByRole('heading', { level: 1, name: 'Bienvenida' }).waitFor();
    assert.deepEqual(fetched.filter(isPart), [], 'Home fetched area strings');

    await nav(s, 'cases');
    await s.page.getByRole('heading', { level: 1, name: 'Casos' }).waitFor();
    assert.deepEqual(fetched.filter(isPart).map(partOf).sort(), ['cases/es.json', 'common/es.json']);
    const body = await s.page.locator('main').textContent();
    assert.doesNotMatch(body, /⟦|\[es\]/, 'a key without its text on the case list');
  });
});

test('a screen whose strings cannot be fetched says it is missing, then opens once they can', async () => {
  await withApp({ serviceWorkers: 'block', allow: [NETWORK_LOG] }, async (s) => {
    const file = join(s.site, 'content/ui/settings/es.json');
    renameSync(file, `${file}.away`);
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await nav(s, 'settings');
    await s.page.getByRole('heading', { level: 1, name: MISSING }).waitFor();
    renameSync(`${file}.away`, file);
    await s.page.getByRole('button', { name: 'Reintentar ahora' }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor({ timeout: 10000 });
    assert.doesNotMatch(await s.page.locator('main').textContent(), /⟦/);
  });
});

test('a language chosen after a screen opened reaches that screen\'s strings', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('settings'));
    await appReady(s.page);
    await s.page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    await s.page.locator('label.choice[lang="fr"]').click();
    const fr = strings('settings/fr.json');
    await s.page.getByRole('heading', { level: 1, name: strings('fr.json')['nav.settings'] }).waitFor();
    await s.page.getByText(fr['settings.language'], { exact: true }).first().waitFor();
    const body = await s.page.locator('main').textContent();
    assert.doesNotMatch(body, /⟦|\[es\]/, 'French settings with a Spanish or missing string');
    // A section opened later in French fetches its French strings.
    await nav(s, 'guide');
    await s.page.getByRole('heading', { level: 1, name: strings('fr.json')['nav.guide'] }).waitFor();
    assert.doesNotMatch(await s.page.locator('main').textContent(), /⟦|\[es\]/);
  });
});
