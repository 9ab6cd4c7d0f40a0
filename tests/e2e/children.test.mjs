// Child-friendly information and child mode, as a worker and a child use them: start child
// mode in one tap, change language, step through a band, read aloud (the browser's voice list is
// stubbed here, in the test — the app is not changed), no voice for a language said plainly,
// deep links and reloads stay on the child screens, leaving needs the staff passcode, idleness
// returns to the start; axe-core finds nothing serious on the child screens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp, appReady, snapshot, visitOnce, goOffline } from './support.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';
import { setUpVault, PASSCODE } from './vault_steps.mjs';




/** A speech-synthesis stand-in with voices for some languages (none for Haitian Creole):
 *  records what is spoken and plays each sentence for a short while. */
function stubSpeech() {
  const voices = ['es-ES', 'en-US', 'fr-FR', 'pt-BR'].map((lang) => ({
    lang, name: `Stub ${lang}`, localService: true, default: false, voiceURI: `stub-${lang}`,
  }));
  window.__spoken = [];
  let timers = [];
  const synth = {
    getVoices: () => voices,
    speak(u) {
      window.__spoken.push({ lang: u.lang, text: u.text });
      timers.push(setTimeout(() => {
        if (u.onstart) u.onstart(new Event('start'));
        timers.push(setTimeout(() => { if (u.onend) u.onend(new Event('end')); }, 400));
      }, 10));
    },
    cancel() { timers.forEach(clearTimeout); timers = []; },
    addEventListener() {}, removeEventListener() {},
    speaking: false, pending: false, paused: false,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
}

const childStart = (page) => page.locator('.child-start');
const band = (page, id) => page.locator(`button[data-band="${id}"]`);

test('child mode: one tap in, language, a whole band, read aloud, no way to staff screens, passcode out', async () => {
  await withApp(async (s) => {
    const { page } = s;
    await page.addInitScript(stubSpeech);
    // A worker with a vault (so leaving child mode needs the passcode).
    await page.goto(s.url('cases'));
    await appReady(page);
    await setUpVault(page);
    await page.goto(s.url('children'));
    await appReady(page);
    await page.getByRole('heading', { name: 'Modo niñez' }).waitFor();
    await snapshot(page, 'children-staff');
    assert.equal(await page.locator('.child-mode-card .notice').count(), 0, 'a vault exists: no warning');

    // One tap: child mode, no staff header or navigation, cases locked.
    await page.getByRole('button', { name: 'Activar el modo niñez' }).click();
    await page.waitForURL(/\/senda\/child$/);
    await childStart(page).waitFor();
    assert.equal(await page.locator('nav.bottom-nav').count(), 0);
    assert.equal(await page.locator('.app-header').count(), 0);
    assert.deepEqual(await seriousViolations(page), [], 'axe on the child start');
    assert.deepEqual(await smallTargets(page), [], 'targets on the child start');
    await snapshot(page, 'child-start-es');

    // Languages named in themselves; the review status is on the screen.
    for (const name of ['Español', 'English', 'Français', 'Kreyòl ayisyen', 'Português']) {
      await page.getByRole('radio', { name }).waitFor();
    }
    await page.locator('.child-review[data-review="draft"]').waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'For children and teenagers' }).waitFor();
    assert.equal(await page.locator('section.child').getAttribute('lang'), 'en');
    assert.match(await page.locator('.child-review').textContent(), /Draft: not yet reviewed/);

    // Step through the whole 6–11 band, one topic per screen, each with a pictogram.
    await band(page, '6-11').click();
    const seen = [];
    for (let i = 1; ; i++) {
      const screen = page.locator('.child-screen');
      const topic = await screen.getAttribute('data-topic');
      if (topic === 'end') break;
      assert.equal(await page.locator('.child-step').textContent(), `${i} of 12`);
      assert.equal(await page.locator('.child-screen svg.pictogram').count(), 1, topic);
      seen.push(topic);
      if (i === 1) {
        assert.deepEqual(await seriousViolations(page), [], 'axe on a topic screen');
        assert.deepEqual(await smallTargets(page), [], 'targets on a topic screen');
        await snapshot(page, 'child-topic-en');
      }
      await page.getByRole('button', { name: 'Next' }).click();
      await page.waitForFunction((t) => document.querySelector('.child-screen')?.dataset.topic !== t, topic);
    }
    assert.equal(seen.length, 12);
    // Confidentiality and its limits are explained to 6-11 too.
    assert.ok(!seen.includes('turning_18') && seen.includes('not_locked_up') && seen.includes('confidentiality'), seen.join());
    await page.getByRole('heading', { name: 'That is all for now' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'axe on the end screen');

    // Back one screen, then read it aloud: English, sentence by sentence, the spoken one marked.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.locator('.child-screen[data-topic="who_to_ask"]').waitFor();
    await page.getByRole('button', { name: 'Listen' }).click();
    await page.locator('.sentence.spoken').waitFor();
    await snapshot(page, 'child-read-aloud');
    await page.getByRole('button', { name: 'Listen' }).waitFor({ timeout: 10000 }); // finished
    const spoken = await page.evaluate(() => window.__spoken);
    const shown = await page.locator('.child-screen .sentence').allTextContents();
    assert.deepEqual(spoken.map((u) => u.text), shown.map((t) => t.trim()));
    assert.ok(spoken.every((u) => u.lang.startsWith('en')), JSON.stringify(spoken));

    // Kreyòl: no voice on this phone — said plainly, the text stays, nothing spoken.
    await page.getByRole('button', { name: 'Back to the start' }).click();
    await page.getByRole('radio', { name: 'Kreyòl ayisyen' }).check();
    await page.getByRole('heading', { name: 'Pou timoun ak adolesan' }).waitFor();
    await band(page, '12-17').click();
    await page.getByRole('heading', { name: 'Ki moun nou ye' }).waitFor();
    await page.evaluate(() => { window.__spoken = []; });
    await page.getByRole('button', { name: 'Koute' }).click();
    await page.getByRole('status').filter({ hasText: 'pa gen vwa an kreyòl ayisyen' }).waitFor();
    assert.deepEqual(await page.evaluate(() => window.__spoken), []);
    await page.getByText('Travay nou se pwoteje timoun ak adolesan.').waitFor();
    await snapshot(page, 'child-no-voice-ht');

    // Spanish, with the Spanish voice.
    await page.getByRole('button', { name: 'Retounen nan kòmansman' }).click();
    await page.getByRole('radio', { name: 'Español' }).check();
    await band(page, 'under6').click();
    await page.getByText('Para el niño o la niña').waitFor();
    await page.getByRole('button', { name: 'Escuchar' }).click();
    await page.waitForFunction(() => window.__spoken.length > 0);
    assert.ok((await page.evaluate(() => window.__spoken)).every((u) => u.lang.startsWith('es')));
    await snapshot(page, 'child-under6-es');

    // No staff screen by deep link or reload: back to the child start.
    for (const route of ['cases', 'settings', 'guide', '']) {
      await page.goto(s.url(route));
      await page.waitForURL(/\/senda\/child$/);
      await childStart(page).waitFor();
      assert.equal(await page.locator('nav.bottom-nav').count(), 0, route);
    }
    await page.reload();
    await childStart(page).waitFor();
    assert.equal(await page.locator('nav.bottom-nav').count(), 0);
    assert.deepEqual(
      await page.evaluate(() => JSON.parse(localStorage.getItem('senda.child_mode:/senda/'))),
      { version: 1, on: true, idle_minutes: 3 },
      'only the fact that child mode is on, and the idle time'
    );

    // Leaving needs the staff passcode. Wrong ones are refused but never count towards the
    // vault's wipe limit (a child pressing keys must not erase the cases); after three, the next
    // try has to wait, and the wait survives a reload.
    await page.getByRole('button', { name: 'Personal: salir del modo niñez' }).click();
    const exitButton = page.getByRole('button', { name: 'Salir del modo niñez' });
    for (let i = 1; i <= 4; i++) {
      await page.getByLabel('Código del personal').fill(`not the passcode ${i}`);
      await exitButton.click();
      await page.getByRole('alert').filter({ hasText: 'Ese no es el código' }).waitFor({ timeout: 20000 });
      await page.waitForFunction(() => !document.querySelector('.child-exit-form input[type=password]').value);
    }
    await page.getByRole('status').filter({ hasText: /Demasiados intentos: espere (29|30) s/ }).waitFor();
    assert.equal(await exitButton.isDisabled(), true);
    const throttle = await page.evaluate(() => JSON.parse(localStorage.getItem('senda.child_exit:/senda/')));
    assert.equal(throttle.failed, 4);
    const failedInVault = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('senda-vault:/senda/');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('meta').objectStore('meta').get('failed-attempts');
        get.onsuccess = () => { open.result.close(); resolve(get.result ?? 0); };
      };
    }));
    assert.equal(failedInVault, 0, 'the vault counted no wrong try');
    await page.reload();
    await page.getByRole('button', { name: 'Personal: salir del modo niñez' }).click();
    await page.getByRole('status').filter({ hasText: 'Demasiados intentos' }).waitFor();
    // The test's clock moves on past the wait (the page's own clock, not a change to the app).
    await page.evaluate(() => {
      const t = JSON.parse(localStorage.getItem('senda.child_exit:/senda/'));
      t.next_try_at_ms = Date.now() - 1; localStorage.setItem('senda.child_exit:/senda/', JSON.stringify(t));
    });
    await page.reload();
    await page.getByRole('button', { name: 'Personal: salir del modo niñez' }).click();
    await childStart(page).waitFor();
    assert.equal(await page.locator('nav.bottom-nav').count(), 0);
    await snapshot(page, 'child-exit-wrong');
    await page.getByLabel('Código del personal').fill(PASSCODE);
    await page.waitForFunction(() => !document.querySelector('.child-exit-form button[type=submit]').disabled);
    await page.getByRole('button', { name: 'Salir del modo niñez' }).click();
    await page.waitForURL(/\/senda\/children$/, { timeout: 20000 });
    await appReady(page);
    await page.getByRole('button', { name: 'Activar el modo niñez' }).waitFor();
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('senda.child_mode:/senda/'))).on, false);
    // The right passcode opened the cases too (a reload would lock them again).
    await page.locator('nav.bottom-nav a', { hasText: 'Casos' }).click();
    await page.getByRole('button', { name: 'Bloquear' }).waitFor({ timeout: 20000 });
  });
});

test('child mode from the public link: the idle time set in Settings sends it back to the start', async () => {
  await withApp(async (s) => {
    const { page } = s;
    await page.clock.install();
    await page.goto(s.url('settings'));
    await appReady(page);
    await page.getByLabel('Volver al inicio tras este tiempo sin uso').selectOption('1');
    await page.goto(s.url('child'));
    await childStart(page).waitFor();
    // No vault on this phone: the For-children page warned about it; leaving is a confirmation.
    await page.getByRole('radio', { name: 'Português' }).check();
    await page.getByRole('heading', { name: 'Para crianças e adolescentes' }).waitFor();
    await band(page, '12-17').click();
    await page.getByRole('button', { name: 'Próximo' }).click();
    await page.getByRole('button', { name: 'Próximo' }).click();
    assert.equal(await page.locator('.child-step').textContent(), '3 de 14');
    await page.setViewportSize({ width: 320, height: 640 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320, 'no sideways scroll at 320 px');
    await snapshot(page, 'child-topic-pt-320');

    // Still within the idle time: stays.
    await page.clock.fastForward('00:40');
    assert.equal(await page.locator('.child-step').textContent(), '3 de 14');
    // Past it: back to the start, forgetting the band, the screen and the language.
    await page.clock.fastForward('00:30');
    await childStart(page).waitFor();
    assert.equal(await page.locator('section.child').getAttribute('lang'), 'es');
    await page.getByRole('heading', { name: 'Para niñas, niños y adolescentes' }).waitFor();

    await page.getByRole('button', { name: 'Personal: salir del modo niñez' }).click();
    await page.getByText('no tiene código ni casos guardados').waitFor();
    await page.getByRole('button', { name: 'Sí, salir del modo niñez' }).click();
    await page.waitForURL(/\/senda\/children$/);
    await appReady(page);
    await page.locator('.child-mode-card .notice').waitFor();
    await snapshot(page, 'children-staff-no-vault');
  });
});

test('the child screens work offline in all five languages after one visit', async () => {
  await withApp(async (s) => {
    const { page } = s;
    await visitOnce(s);
    await goOffline(s);
    await page.goto(s.url('child'));
    await childStart(page).waitFor();
    const titles = {
      'Español': 'Para niñas, niños y adolescentes', 'English': 'For children and teenagers',
      'Français': 'Pour les enfants et les adolescents', 'Kreyòl ayisyen': 'Pou timoun ak adolesan',
      'Português': 'Para crianças e adolescentes',
    };
    for (const [language, heading] of Object.entries(titles)) {
      await page.getByRole('radio', { name: language }).check();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    await band(page, 'under6').click();
    await page.locator('.child-screen[data-topic="safe_here"]').waitFor();
  });
});
