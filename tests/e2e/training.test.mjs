// End-to-end test of the practice space: from Home a trainee opens a fictional scenario (a girl
// who speaks Mam, threatened at home and afraid to go back), screens it with the real rules but
// never asks about language, and contacts the consulate of a child who fears return. The feedback
// names the missed flag and the crossed "never", each with its sources. The practice banner is on
// every practice screen, and a scan of every IndexedDB store and localStorage shows nothing of the
// practice reached the vault: only the practice progress key is new, holding an id and scores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appReady, withApp, snapshot } from './support.mjs';
import { setUpVault } from './vault_steps.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';

const flags = JSON.parse(readFileSync('content/flags.json', 'utf8')).flags;
const flagName = (id) => flags.find((f) => f.id === id).name.es;
const sources = JSON.parse(readFileSync('content/sources.json', 'utf8')).sources;
const sourceTitle = (id) => sources.find((s) => s.id === id).title;
const structure = JSON.parse(readFileSync('content/screening/structure.json', 'utf8'));
const texts = JSON.parse(readFileSync('content/training/es.json', 'utf8')).strings;
// The Home entry's strings are the shell's; the banner's are the practice area's own part.
const ui = {
  ...JSON.parse(readFileSync('content/ui/es.json', 'utf8')).strings,
  ...JSON.parse(readFileSync('content/ui/training/es.json', 'utf8')).strings,
};
const SCENARIO = 'mam_speaker_gang_threat';

const banner = (page) => page.locator('[data-practice-banner]');
const finding = (page, kind, subject) => page.locator(`li.finding[data-kind="${kind}"][data-subject="${subject}"]`);

/** Every IndexedDB store (record count and all records as text) and all of localStorage. */
const stores = (page) => page.evaluate(async () => {
  const asText = (v) => {
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer ? v.buffer : v);
      return new TextDecoder('utf-8').decode(bytes);
    }
    return typeof v === 'object' && v !== null ? JSON.stringify(v, (_, x) => (x instanceof ArrayBuffer || ArrayBuffer.isView(x) ? new TextDecoder().decode(x) : x)) : String(v);
  };
  const databases = {};
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = ko; });
    for (const store of db.objectStoreNames) {
      const all = await new Promise((ok, ko) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result); r.onerror = ko;
      });
      databases[`${name}/${store}`] = { count: all.length, text: all.map(asText).join('\n') };
    }
    db.close();
  }
  return { databases, local: Object.fromEntries(Object.entries(localStorage)) };
});

async function answer(page, id, label) {
  await page.locator(`fieldset.question[data-question="${id}"]`).getByLabel(label, { exact: true }).check();
}

test('a trainee misses a flag and contacts the consulate of a child who fears return: the feedback names both with sources, and nothing reaches the vault', async () => {
  await withApp(async (s) => {
    // A real vault exists on this phone, so there is somewhere practice data must never go.
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const before = await stores(s.page);
    assert.ok(Object.keys(before.databases).length > 0, 'the vault has its stores');

    await s.page.goto(s.url(''));
    await appReady(s.page);
    await s.page.getByRole('link', { name: ui['training.entry'] }).click();
    await s.page.waitForURL(/\/senda\/practice$/);
    await banner(s.page).waitFor();
    assert.equal(await banner(s.page).locator('strong').textContent(), ui['training.banner']);
    await s.page.getByRole('heading', { name: texts['practice.title'], exact: true }).waitFor();
    // The practice accent is not the app's.
    const accent = await s.page.locator('article.practice').evaluate((e) => getComputedStyle(e).getPropertyValue('--brand').trim());
    assert.equal(accent, '#6a3d9a');
    await snapshot(s.page, 'practice-list');

    await s.page.locator(`a.practice-item[data-scenario="${SCENARIO}"]`).click();
    await s.page.waitForURL(new RegExp(`/senda/practice/${SCENARIO}$`));
    await s.page.getByRole('heading', { name: texts[`scenario.${SCENARIO}.title`] }).waitFor();
    await banner(s.page).waitFor();
    await s.page.getByText(texts[`scenario.${SCENARIO}.story`]).waitFor();
    await snapshot(s.page, 'practice-scenario');

    await s.page.locator('select[name="accompaniment"]').selectOption('accompanied');
    await s.page.locator('select[name="care"]').selectOption('with_parent_or_caregiver');
    for (const q of ['safety.fear_return', 'safety.threatened_at_home', 'safety.wants_protection']) await answer(s.page, q, 'Sí');
    // Language and indigenous identity are never asked: the mother "helps her find words".
    await s.page.getByLabel(texts['first.listen'], { exact: true }).check();
    await s.page.getByLabel(texts['choice.contact_consulate'], { exact: true }).check();
    await s.page.locator('input[name="referral"][value="asylum"]').check();
    await s.page.locator('input[name="consent"][value="referral"]').check();
    await s.page.getByRole('button', { name: texts['practice.submit'] }).click();
    await s.page.getByRole('heading', { name: texts['practice.feedback'] }).waitFor();
    await banner(s.page).waitFor();

    const missed = finding(s.page, 'flag_missed', 'language_barrier');
    await missed.waitFor();
    assert.match(await missed.textContent(), new RegExp(flagName('language_barrier')));
    const flagSources = structure.flags.find((f) => f.id === 'language_barrier').sources;
    for (const id of flagSources) {
      assert.match(await missed.locator(`li[data-source="${id}"]`).textContent(), new RegExp(sourceTitle(id).slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    }
    const never = finding(s.page, 'never_crossed', 'contact_consulate');
    await never.waitFor();
    assert.match(await never.textContent(), new RegExp(texts['choice.contact_consulate']));
    await never.locator('li[data-source="S56"]').waitFor({ state: 'attached' });
    await never.locator('li[data-source="S45"]').waitFor({ state: 'attached' });
    // What was right is said too, and the scores show what was lost.
    await finding(s.page, 'flag_raised', 'international_protection').waitFor();
    const protection = await s.page.locator('tr[data-skill="protection"] td').last().textContent();
    assert.notEqual(protection, '100%');
    await missed.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'practice-feedback');
    assert.deepEqual(await seriousViolations(s.page), []);
    assert.deepEqual(await smallTargets(s.page, 'summary'), []);

    // A scenario that does not exist still shows the banner.
    await s.page.goto(s.url('practice/no-such-scenario'));
    await banner(s.page).waitFor();
    await s.page.getByText(texts['practice.not_found']).waitFor();

    // Nothing of the practice reached the vault or any other store.
    const after = await stores(s.page);
    assert.deepEqual(Object.keys(after.databases).sort(), Object.keys(before.databases).sort(), 'no new database or store');
    for (const [name, store] of Object.entries(after.databases)) {
      assert.equal(store.count, before.databases[name].count, `${name} gained records`);
      for (const word of [SCENARIO, 'practice', 'contact_consulate', 'language_barrier']) {
        assert.ok(!store.text.includes(word), `${name} holds "${word}"`);
      }
    }
    const newKeys = Object.keys(after.local).filter((k) => !(k in before.local));
    assert.deepEqual(newKeys, ['senda.practice:/senda/']);
    for (const [k, v] of Object.entries(after.local)) {
      if (k !== 'senda.practice:/senda/') assert.equal(v, before.local[k], `${k} changed`);
    }
    const progress = JSON.parse(after.local['senda.practice:/senda/']);
    assert.deepEqual(Object.keys(progress), ['attempts']);
    assert.equal(progress.attempts.length, 1);
    assert.deepEqual(Object.keys(progress.attempts[0]).sort(), ['scenario', 'scores']);
    assert.equal(progress.attempts[0].scenario, SCENARIO);
  });
});

test('a short lesson answers with the right step, the why and the sources, under the practice banner', async () => {
  const procedure = JSON.parse(readFileSync('content/procedure/es.json', 'utf8'));
  await withApp(async (s) => {
    await s.page.goto(s.url('practice'));
    await appReady(s.page);
    await s.page.getByRole('link', { name: texts['practice.lessons_link'] }).click();
    await s.page.waitForURL(/\/senda\/practice\/lessons$/);
    await banner(s.page).waitFor();
    const first = s.page.locator('fieldset.question[data-lesson="first_contact.first"]');
    await first.waitFor();
    await first.locator('input').first().check();
    const answer = s.page.locator('section[data-phase="first_contact"] .lesson-answer').first();
    await answer.waitFor();
    const text = await answer.textContent();
    assert.ok(text.includes(procedure.steps['first_contact.safety'].title), text);
    assert.ok(text.includes(procedure.items['first_contact.safety.immediate_danger'].why), text);
    assert.match(text, /S\d+/);
    await snapshot(s.page, 'practice-lesson');
  });
});
