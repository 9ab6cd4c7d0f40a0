// End-to-end checks of the platform hardening (issue #15): no field that holds case text lets
// the browser translate, spell-check, autocorrect or remember it; no passcode field invites a
// password manager; page titles hold no case number or document kind; the child-mode exit's
// throttle survives a clock set back, is shared by tabs, and is bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appReady, controlled, withApp, snapshot } from './support.mjs';
import { PASSCODE, recordCase, setUpVault, unique, unlock } from './vault_steps.mjs';

/** Every text field on the page (inputs that take typing, and textareas) missing a privacy mark. */
async function leakyFields(page) {
  return page.evaluate(() => {
    const untyped = ['radio', 'checkbox', 'file', 'date', 'number', 'hidden', 'submit', 'button'];
    const text = { translate: 'no', spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' };
    const passcode = {
      ...text, autocomplete: 'one-time-code', 'data-1p-ignore': '', 'data-lpignore': 'true',
      'data-bwignore': '', 'data-form-type': 'other',
    };
    const out = [];
    let seen = 0;
    for (const el of document.querySelectorAll('input, textarea')) {
      if (el.tagName === 'INPUT' && untyped.includes(el.type)) continue;
      seen++;
      const want = el.type === 'password' ? passcode : { ...text, autocomplete: 'off' };
      const wrong = Object.entries(want).filter(([k, v]) => el.getAttribute(k) !== v).map(([k]) => k);
      // The browser's own reading of the marks, where it has one.
      if (el.translate !== false) wrong.push('(translate)');
      if (el.spellcheck !== false) wrong.push('(spellcheck)');
      if (wrong.length) out.push(`${el.outerHTML.slice(0, 80)}: ${wrong.join(', ')}`);
    }
    return { seen, out };
  });
}

async function expectPrivate(page, where, atLeast = 1) {
  const { seen, out } = await leakyFields(page);
  assert.ok(seen >= atLeast, `${where}: only ${seen} fields found`);
  assert.deepEqual(out, [], where);
  return seen;
}

test('every case field and passcode field keeps its text off translators, spell checkers and password managers; titles name no case', async () => {
  await withApp(async (s) => {
    const { page } = s;
    await page.goto(s.url('cases'));
    await appReady(page);
    await page.getByLabel('Código nuevo').waitFor();
    await expectPrivate(page, 'vault set-up', 3);
    // A passphrase is the default: digits alone are refused until a PIN is chosen on purpose,
    // and choosing one shows why it is weaker.
    await page.getByText(/Por qué: quien copie la memoria del teléfono/).waitFor();
    await page.getByLabel('Código nuevo').fill('284017');
    await page.getByText('Solo cifras es un PIN').waitFor();
    const warning = page.locator('.pin-warning');
    assert.equal(await warning.isVisible(), false);
    await page.getByLabel('Usar un PIN (solo cifras) en su lugar').check();
    await warning.waitFor({ state: 'visible' });
    assert.equal(await page.getByText('Solo cifras es un PIN').count(), 0);
    await snapshot(page, 'hardening-pin-choice');
    await page.getByLabel('Usar un PIN (solo cifras) en su lugar').uncheck();
    await page.getByLabel('Código nuevo').fill('');
    await setUpVault(page);
    await expectPrivate(page, 'case list', 1);
    const child = { name: unique('Yesenia'), alias: unique('Luna'), nationality: unique('Salvad'), place: unique('Ciudad') };
    await recordCase(page, child);
    const caseUrl = page.url();
    const id = caseUrl.split('/').pop();
    // Open every fold so what it holds is on the page as the worker would see it.
    const unfold = () => page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await unfold();
    await expectPrivate(page, 'case record', 5);
    // A reload locks the vault: each screen is opened with the passcode, then scanned.
    const visit = async (path) => {
      await page.goto(s.url(path));
      await appReady(page);
      await unlock(page);
      await page.getByRole('button', { name: 'Bloquear' }).waitFor({ timeout: 20000 });
    };
    for (const [path, ready, least] of [
      [`${id}/procedure`, 'main h1', 0],
      [`${id}/screening`, 'main h1', 0],
      [`${id}/documents`, 'main details', 3],
    ]) {
      await visit(`cases/${path}`);
      await page.locator(ready).first().waitFor({ timeout: 20000 });
      await unfold();
      assert.equal(await page.getByLabel('Código', { exact: true }).count(), 0, `${path}: unlocked`);
      await expectPrivate(page, path, least);
    }
    // The determination report: its title names neither the kind ("BID", "determinación") nor
    // the case; the printed header keeps the number.
    await visit(`cases/${id}/documents/bid`);
    await page.locator('.document, .case-page p.notice[role=alert]').first().waitFor({ timeout: 20000 });
    const title = await page.title();
    assert.equal(title, 'Documentos del caso · Senda');
    for (const secret of [id.slice(0, 8), 'BID', 'determinación', child.name]) assert.ok(!title.includes(secret), title);
    await visit('cases/backup');
    await page.getByRole('heading', { name: 'Restaurar una copia' }).waitFor();
    await unfold();
    await expectPrivate(page, 'backup', 3);
    await page.goto(s.url('settings'));
    await appReady(page);
    await page.locator('.directory-settings').waitFor({ timeout: 20000 });
    await unfold();
    await expectPrivate(page, 'settings', 3);
    await snapshot(page, 'hardening-settings');
    // The child-mode exit field, with the vault locked by child mode.
    await page.goto(s.url('children'));
    await appReady(page);
    await page.getByRole('button', { name: 'Activar el modo niñez' }).click();
    await page.waitForURL(/\/senda\/child$/);
    await page.getByRole('button', { name: 'Personal: salir del modo niñez' }).click();
    await page.getByLabel('Código del personal').waitFor();
    await expectPrivate(page, 'child-mode exit', 1);
  });
});

/** The vault's own count of wrong passcodes, read from its database. */
const vaultFailures = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('senda-vault:/senda/');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('meta').objectStore('meta').get('failed-attempts');
    get.onsuccess = () => { open.result.close(); resolve(get.result ?? 0); };
  };
}));

test('the child-mode exit: a clock set back never shortens or stretches the wait, tabs share the count, and the tries are bounded', async () => {
  await withApp(async (s) => {
    const { page, context } = s;
    // The page's clock, movable by the test (the app reads Date.now, as a phone's clock).
    await context.addInitScript(() => {
      const real = Date.now.bind(Date);
      window.__offset = 0;
      Date.now = () => real() + window.__offset;
    });
    await page.goto(s.url('cases'));
    await appReady(page);
    await setUpVault(page);
    await page.goto(s.url('children'));
    await appReady(page);
    await page.getByRole('button', { name: 'Activar el modo niñez' }).click();
    await page.waitForURL(/\/senda\/child$/);
    const openExit = async (p) => {
      await p.getByRole('button', { name: 'Personal: salir del modo niñez' }).click();
      await p.getByLabel('Código del personal').waitFor();
    };
    await openExit(page);

    // A second tab, open before any wrong try: it learns of the other tab's tries by itself.
    const other = await context.newPage();
    await other.goto(s.url('child'));
    await openExit(other);

    const exitButton = page.getByRole('button', { name: 'Salir del modo niñez' });
    for (let i = 1; i <= 4; i++) {
      await page.getByLabel('Código del personal').fill(`not the passcode ${i}`);
      await exitButton.click();
      await page.getByRole('alert').filter({ hasText: 'Ese no es el código' }).waitFor({ timeout: 20000 });
      await page.waitForFunction(() => !document.querySelector('.child-exit-form input[type=password]').value);
    }
    await page.getByRole('status').filter({ hasText: /espere (29|30) s/ }).waitFor();
    await other.getByRole('status').filter({ hasText: /espere (2\d|30) s/ }).waitFor({ timeout: 5000 });
    assert.equal(await other.getByRole('button', { name: 'Salir del modo niñez' }).isDisabled(), true, 'the other tab waits too');
    await other.close();

    // The phone's clock set back a day: the wait is the count's own 30 s again, not a day (nor
    // a capped quarter-hour), and it does not end early.
    await page.evaluate(() => { window.__offset = -86_400_000; });
    await page.getByRole('status').filter({ hasText: /espere (29|30) s/ }).waitFor({ timeout: 5000 });
    assert.equal(await exitButton.isDisabled(), true);
    await snapshot(page, 'child-exit-clock-back');

    // The uncounted tries spent (as after about 45 minutes of waits): the exit says so, and a
    // wrong passcode now counts in the vault, as on the lock screen.
    await page.evaluate(() => {
      window.__offset = 0;
      localStorage.setItem('senda.child_exit:/senda/', JSON.stringify({ failed: 10, next_try_at_ms: Date.now() - 1, wrong_at_ms: Date.now() - 60_000 }));
    });
    await page.reload();
    await openExit(page);
    await page.getByRole('status').filter({ hasText: 'cuenta para el borrado de los casos' }).waitFor();
    assert.equal(await vaultFailures(page), 0);
    await page.getByLabel('Código del personal').fill('still not the passcode');
    await exitButton.click();
    await page.getByRole('alert').filter({ hasText: 'Intentos fallidos: 1' }).waitFor({ timeout: 20000 });
    assert.equal(await vaultFailures(page), 1, 'the try counted in the vault');
    await snapshot(page, 'child-exit-counted');
    // The right passcode still leaves, and clears the count.
    await page.getByLabel('Código del personal').fill(PASSCODE);
    await exitButton.click();
    await page.waitForURL(/\/senda\/children$/, { timeout: 20000 });
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('senda.child_exit:/senda/'))).failed, 0);
  });
});

test('the service worker refuses a file that is not the one built, and never caches it', async () => {
  await withApp(async (s) => {
    // A host (or proxy) serves one file of the build changed: still valid, not the same bytes.
    const sw = readFileSync(join(s.site, 'sw.js'), 'utf8');
    const entries = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]);
    const victim = entries.find((e) => !e.first && e.path.endsWith('.json'));
    assert.ok(victim && /^[0-9a-f]{64}$/.test(victim.sha256), 'the build lists each file with its SHA-256');
    const path = join(s.site, victim.path);
    writeFileSync(path, readFileSync(path, 'utf8') + ' ');
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await controlled(s.page);
    // Every other file arrives; the changed one never does, and offline use is not claimed.
    const read = () => s.page.evaluate(async () => {
      const names = await caches.keys();
      if (names.length !== 1) return { names, urls: [] };
      // The worker's own marker of the version applied (public/sw.js, APPLIED) is not a build file.
      const urls = (await (await caches.open(names[0])).keys()).map((r) => new URL(r.url).pathname);
      return { names, urls: urls.filter((u) => !u.endsWith('/__senda-applied')) };
    });
    // A phone with no team keeps every file but the team area's own (public/sw.js, `wanted`).
    const kept = entries.filter((e) => !e.team).length;
    let cached = await read();
    for (let waited = 0; cached.urls.length < kept - 1 && waited < 90000; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
      cached = await read();
    }
    assert.ok(!cached.urls.includes(`/senda/${victim.path}`), `${victim.path} was cached`);
    assert.equal(cached.urls.length, kept - 1);
    assert.match(cached.names[0], /^senda:\/senda\/:[0-9a-f]{16}$/, 'the cache is named for this deployment path');
    assert.notEqual(await s.page.locator('html').getAttribute('data-offline'), 'ready');
  });
});

test('an update taken in one window keeps the old cache while another window still runs the old version', async () => {
  await withApp(async (s) => {
    const { page, context } = s;
    await page.goto(s.url('guide'));
    await appReady(page);
    await controlled(page);
    await page.locator('[data-offline="ready"]').waitFor({ state: 'attached', timeout: 60000 });
    const second = await context.newPage();
    await second.goto(s.url('reference'));
    await appReady(second);

    const sw = join(s.site, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([^']+)'/, "const VERSION = '$1-next'"));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.getByRole('region', { name: 'Hay una nueva versión de Senda.' });
    await banner.waitFor({ timeout: 60000 });
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Actualizar ahora' }).click()]);
    await appReady(page);
    await controlled(page);
    const kept = await page.evaluate(() => caches.keys());
    assert.equal(kept.length, 2, `the other window's version stays: ${kept}`);
    await second.close();
    // One window left, on the new version: the old cache goes at its next start.
    await page.reload();
    await appReady(page);
    await page.waitForFunction(async () => (await caches.keys()).length === 1, null, { timeout: 20000 });
    assert.ok((await page.evaluate(() => caches.keys()))[0].endsWith('-next'));
  });
});

test('going to the background locks after the chosen grace (1 min by default), sooner than idleness, and the choice is kept', async () => {
  await withApp(async (s) => {
    const { page, context } = s;
    // The page's clock and its visibility, moved by the test as a phone's would.
    await context.addInitScript(() => {
      const real = Date.now.bind(Date);
      window.__offset = 0;
      Date.now = () => real() + window.__offset;
      window.__hidden = false;
      Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => window.__hidden });
      Object.defineProperty(Document.prototype, 'visibilityState', {
        configurable: true, get: () => (window.__hidden ? 'hidden' : 'visible'),
      });
    });
    /** Another app in front for `seconds`, then Senda again. */
    const away = (seconds) => page.evaluate((ms) => {
      window.__hidden = true;
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      window.__offset += ms;
      window.__hidden = false;
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, seconds * 1000);
    const lockButton = page.getByRole('button', { name: 'Bloquear' });
    const lockScreen = page.getByLabel('Código', { exact: true });

    await page.goto(s.url('cases'));
    await appReady(page);
    await setUpVault(page);
    await page.getByRole('link', { name: 'Ajustes' }).click();
    const choice = page.getByLabel('Bloquear cuando Senda queda en segundo plano, tras');
    assert.equal(await choice.inputValue(), '60', 'one minute by default');
    assert.equal(await page.getByLabel('Bloquear tras un tiempo sin uso').inputValue(), '5');
    await choice.scrollIntoViewIfNeeded();
    await snapshot(page, 'settings-background-lock');
    await page.getByRole('link', { name: 'Casos' }).click();
    await lockButton.waitFor();

    // 50 s away: still open. 61 s away (well within the 5 idle minutes): locked, and said why.
    await away(50);
    await page.waitForTimeout(300);
    assert.equal(await lockScreen.count(), 0, 'open after 50 s away');
    await away(61);
    await lockScreen.waitFor({ timeout: 5000 });
    await page.getByText('Los casos se bloquearon porque Senda estuvo en segundo plano.').waitFor();

    // Two minutes chosen: 61 s away is nothing now, 121 s locks.
    await unlock(page);
    await lockButton.waitFor({ timeout: 20000 });
    await page.getByRole('link', { name: 'Ajustes' }).click();
    await choice.selectOption('120');
    await page.getByRole('status').filter({ hasText: 'Guardado.' }).waitFor();
    await page.getByRole('link', { name: 'Casos' }).click();
    await lockButton.waitFor();
    await away(61);
    await page.waitForTimeout(300);
    assert.equal(await lockScreen.count(), 0, 'open after 61 s away with 2 min chosen');
    await away(121);
    await lockScreen.waitFor({ timeout: 5000 });
    // Kept in the vault: the same choice after a reload and an unlock.
    await page.reload();
    await appReady(page);
    await unlock(page);
    await lockButton.waitFor({ timeout: 20000 });
    await page.getByRole('link', { name: 'Ajustes' }).click();
    assert.equal(await choice.inputValue(), '120');
  });
});
