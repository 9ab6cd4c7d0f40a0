// End to end: the team workflows (review, transfer, handover, signed history, team monitoring)
// are in the team's chunk, not the cases chunk (issue #16): a phone with no team opens the case
// list, a case and monitoring without ever fetching it. (A part that cannot load says so and
// retries: tests/lazy_part.rs; a team phone learns its role from that chunk, so its case screens
// wait for it anyway.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, withApp } from './support.mjs';
import { splitFiles } from '../../scripts/precache_order.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';

const TEAM_CHUNK = /\/lazy-team_area-[0-9a-f]+\.wasm$/;

test('no team: the case list and a case never fetch the team chunk', async () => {
  await withApp({ serviceWorkers: 'block' }, async (s) => {
    await s.page.goto(s.url('cases'));
    await setUpVault(s.page);
    await recordCase(s.page, { name: unique('Marta'), alias: unique('Luz'), nationality: 'Guatemalteca', place: unique('Tecún') });
    await s.page.locator('nav.crumbs a').click();
    await s.page.locator('.case-card').first().waitFor();
    await s.page.locator('a.monitoring-link').click();
    await s.page.getByRole('heading', { name: 'Indicadores', exact: true }).waitFor({ timeout: 30000 });
    await s.page.locator('p.loading').waitFor({ state: 'detached', timeout: 30000 });
    assert.equal(s.requests.filter((u) => TEAM_CHUNK.test(new URL(u).pathname)).length, 0, 'the team chunk was fetched');
    assert.ok(s.requests.some((u) => /\/lazy-cases_area-/.test(u)), 'the cases chunk was fetched');
  });
});

// A ratchet on what a first visit to the case list downloads on demand (the cases area's chunk and
// the shared packs it needs, gzip): 707.1 KB when the team workflows were in it, 507.3 KB after
// (2026-12-04). Lower it when the cases area shrinks; never raise it silently. Raised openly to
// 528 the same day when the vault's format 2 merged beside it (the vault code its screens reach, not
// attributed further): measured 523.3 KB. Raised openly to 541.5 on 2026-12-07: the case record's
// serialisation and the vault's write path left the first load (-17.5 KB there) for the chunks
// the cases area shares with the team area; measured 523.0 -> 540.8 KB (README, Performance).
// Raised openly to 548 the same day when the Argon2id branch merged beside it (the key worker's
// loader and messages, the PBKDF2 -> Argon2id move after an unlock, the "update Senda" gate, all
// reached from the unlock the case list opens with; the app never links Argon2 itself): measured
// 540.8 -> 547.4 KB on the merged build (clean-clone CI of 2026-12-07). Raised openly to 553 on
// 2026-12-08 when the WebAuthn PRF second factor merged (#15): the unlock every area reaches now
// reads header format 4 and, for a vault that has the factor, asks the authenticator (js_sys
// calls, HKDF by WebCrypto, its errors) — in a pack the cases, settings and other areas share
// (39.1 -> 42.7 KB) and chunk_81 (104.0 -> 105.2): measured 547.5 -> 552.5 KB. Loading that code
// only for a vault that has the factor (a lazy part) would take it back; not done yet.
const CASES_AREA_GZIP_KB = 553;

test('the cases area stays lean: its chunks are under the ratchet', () => {
  const loader = readFileSync(join(DIST, readdirSync(DIST).find((f) => /^__wasm_split-.*\.js$/.test(f))), 'utf8');
  const files = [...new Set(splitFiles(loader)('cases_area'))];
  assert.ok(files.some((f) => /^lazy-cases_area-/.test(f)), `no cases chunk among ${files}`);
  assert.ok(!files.some((f) => /^lazy-team_area-/.test(f)), 'the cases area needs the team chunk');
  const kb = files.reduce((n, f) => n + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0) / 1024;
  console.log(`cases area on demand: ${files.length} files, ${kb.toFixed(1)} KB gzip`);
  assert.ok(kb <= CASES_AREA_GZIP_KB, `the cases area downloads ${kb.toFixed(1)} KB gzip > ${CASES_AREA_GZIP_KB}`);
});
