// End to end: the service worker precaches the team area's own chunk only on a phone that used it
// (issue #16, the whole install): a phone with no team is ready offline with every other file of
// the build and without that chunk; once the phone has fetched it (joining a team needs the
// network), it is kept, and an update precaches the new version's before it waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appReady, controlled, deployB, visitOnce, withApp } from './support.mjs';

const TEAM_CHUNK = /^lazy-team_area-[0-9a-f]+\.wasm$/;

/** The precache list the build wrote into sw.js. */
function precacheOf(site) {
  const m = readFileSync(join(site, 'sw.js'), 'utf8').match(/const PRECACHE = (\[.*\]);\n/);
  assert.ok(m, 'the precache list in sw.js');
  return JSON.parse(m[1]);
}

/** The paths each of this deployment's caches holds, by cache name. */
const cached = (page) => page.evaluate(async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const scope = new URL(document.baseURI).pathname;
    out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.slice(scope.length));
  }
  return out;
});

test('a phone with no team is ready offline without the team chunk; once used, it is kept and updated', async () => {
  await withApp(async (s) => {
    const entries = precacheOf(s.site);
    // The build marks the team area's own chunk (and any chunk only it needs).
    const team = entries.filter((e) => e.team).sort((a, b) => TEAM_CHUNK.test(b.path) - TEAM_CHUNK.test(a.path));
    assert.match(team[0]?.path ?? '', TEAM_CHUNK, 'the team area\'s chunk is not marked');

    await visitOnce(s);
    // Ready offline: every file but the team chunk is in the cache, and the chunk was never fetched.
    let caches = await cached(s.page);
    assert.equal(Object.keys(caches).length, 1);
    const [first] = Object.values(caches);
    for (const e of entries.filter((x) => !x.team)) assert.ok(first.includes(e.path), `${e.path} not precached`);
    for (const e of team) assert.ok(!first.includes(e.path), `${e.path} precached on a phone with no team`);
    assert.ok(!s.requests.some((u) => TEAM_CHUNK.test(new URL(u).pathname.split('/').pop())), 'the team chunk was fetched');
    const teamKB = team.reduce((n, e) => n + e.size, 0) / 1024;
    console.log(`a phone with no team precaches ${entries.length - team.length} of ${entries.length} files, ${teamKB.toFixed(0)} KB (raw) less`);

    // The phone uses the team area (its loader fetches the chunk, online): the worker keeps it.
    await s.page.evaluate((path) => fetch(path).then((r) => r.arrayBuffer()), team[0].path);
    for (let i = 0; i < 50 && !Object.values(await cached(s.page))[0].includes(team[0].path); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(Object.values(await cached(s.page))[0].includes(team[0].path), 'the fetched team chunk was not kept');

    // An update: the new version's worker caches the team chunk too before it waits.
    deployB(s.site);
    await s.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await s.page.getByRole('region', { name: 'Hay una nueva versión de Senda.' }).waitFor({ timeout: 60000 });
    caches = await cached(s.page);
    const newer = Object.keys(caches).find((n) => n.endsWith('b'));
    assert.ok(newer, `no cache of the new version among ${Object.keys(caches)}`);
    for (const e of team) assert.ok(caches[newer].includes(e.path), `the update left ${e.path} out on a team phone`);
    await s.page.reload();
    await appReady(s.page);
    await controlled(s.page);
  });
});
