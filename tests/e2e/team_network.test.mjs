// End to end, a network that drops in the middle of a sync: each phone's push and pull of
// several cases is cut after 1, 2, 3… requests to the sync server (the page itself stays up),
// then the connection comes back; both phones end with every case and every edit, once each,
// and the server holds exactly one document per case section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordCase, unique } from './vault_steps.mjs';
import { couch, cut, dropDb, restore, setUpTeam, syncNow, toTeam, twoPhones } from './team_steps.mjs';

const ALIAS = 'Alias o cómo prefiere que le llamen';
const CASES = 3;

/** One "sync now" with the connection cut after `k` requests; resolves once the run ended
 *  (cut, or done when the whole run took fewer requests). */
async function syncCutAfter(s, server, k) {
  let n = 0;
  let cutDone;
  const wasCut = new Promise((r) => { cutDone = r; });
  await s.context.route(`${server.origin}/**`, (route) => {
    if (n++ < k) return route.continue();
    cutDone(true);
    return route.abort('internetdisconnected');
  });
  await s.page.getByRole('button', { name: 'Sincronizar ahora' }).click({ timeout: 60000 });
  const done = s.page.getByRole('status').filter({ hasText: 'Sincronizado' }).waitFor({ timeout: 60000 }).then(() => false, () => false);
  const interrupted = await Promise.race([wasCut, done]);
  if (interrupted) await s.page.getByRole('button', { name: 'Sincronizar ahora' }).waitFor({ timeout: 60000 });
  await restore(s, server);
  return interrupted;
}

async function aliasesListed(page) {
  await page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
  await page.locator('a[href*="/cases/"]').first().waitFor();
  return page.locator('main').innerText();
}

test('a network cut in the middle of a push or a pull loses nothing and duplicates nothing', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server));
    // A records several cases (and edits one) while cut off from the server.
    await cut(a, server);
    await a.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    const aliases = [];
    for (let i = 0; i < CASES; i++) {
      const values = { name: unique('Nombre'), alias: unique(`Caso${i}`), nationality: unique('Nac'), place: unique('Lugar') };
      aliases.push(values.alias);
      await recordCase(a.page, values);
      await a.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    }
    await a.page.getByRole('link', { name: new RegExp(aliases[0]) }).first().click();
    aliases[0] = unique('Editado');
    await a.page.getByLabel(ALIAS).fill(aliases[0]);
    await a.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await toTeam(a.page);
    await restore(a, server);

    // A's push, cut after each number of requests in turn, then whole.
    let cuts = 0;
    for (let k = 1; k <= 12; k++) if (await syncCutAfter(a, server, k)) cuts++;
    assert.ok(cuts >= 4, `only ${cuts} runs were cut`);
    await syncNow(a.page);
    assert.equal(await a.page.locator('[data-team="waiting"]').textContent(), '0');

    // B's pull, cut the same way, then whole; then B edits a case and its push is cut too.
    for (let k = 1; k <= 12; k++) await syncCutAfter(b, server, k);
    await syncNow(b.page);
    let listed = await aliasesListed(b.page);
    for (const alias of aliases) assert.equal(listed.split(alias).length - 1, 1, `${alias} on B once: ${listed}`);
    await b.page.getByRole('link', { name: new RegExp(aliases[1]) }).first().click();
    aliases[1] = unique('DeB');
    await b.page.getByLabel(ALIAS).fill(aliases[1]);
    await b.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await toTeam(b.page);
    for (let k = 1; k <= 8; k++) await syncCutAfter(b, server, k);
    await syncNow(b.page);
    await syncNow(a.page);

    // Both phones: every case once, with every edit; no conflict; one document per section.
    for (const s of [a, b]) {
      await toTeam(s.page);
      assert.equal(await s.page.locator('[data-team="conflicts"]').textContent(), '0');
      listed = await aliasesListed(s.page);
      for (const alias of aliases) assert.equal(listed.split(alias).length - 1, 1, `${alias} once: ${listed}`);
      const cards = await s.page.locator('a[href*="/cases/"]').evaluateAll((els) =>
        new Set(els.map((e) => e.getAttribute('href')).filter((h) => /\/cases\/[0-9a-f-]{36}$/.test(h))).size);
      assert.equal(cards, CASES);
    }
    const all = await fetch(`${server.origin}/${db}/_all_docs`, { headers: { authorization: server.auth } });
    const ids = (await all.json()).rows.map((r) => r.id);
    assert.equal(ids.filter((id) => id.startsWith('m')).length, CASES * 8, ids.join(' ')); // one document per case section (8: core/src/sync/case_sections.rs)
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});
