// The team sync benchmark (issue #17): with N invented cases (2,000 by default) on a coordinator's
// phone, its first push, a new phone's first sync, and one edit's round trip phone → server →
// phone, in headless Chromium against the local PouchDB Server, with the network of the phones
// that measure emulated as DevTools' "Slow 3G" through CDP. Nothing here is asserted: it writes
// figures to results/<date>/bench_sync.{md,json} (not committed).
// Usage: node scripts/bench_sync.mjs [--no-build] [--cases 2000] [--edit-runs 3] [--out DIR]
//        [--first-timeout-s 1800] [--no-fast-join] [--no-slow-first] [--dist dist-bench] [--label TEXT]
// Each phone is "touched" once a minute (a key event), as a worker waiting at the screen would:
// the vault locks itself after 5 idle minutes (a run going on then still finishes).
// A first sync not done within --first-timeout-s is reported with how far it got and what that
// rate gives for the whole (the edit is then not measured).
// The bench build (dist-bench, `--features bench`) is built unless --no-build; sizes are read
// from the release build in dist/ when there is one (scripts/bench.mjs builds both).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { measure } from './size.mjs';
import { splitFiles } from './precache_order.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { ARGS, CHROMIUM } from '../tests/e2e/support.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
const CASES = Number(opt('--cases', 2000));
const EDIT_RUNS = Number(opt('--edit-runs', 3));
const FIRST_TIMEOUT_MS = Number(opt('--first-timeout-s', 1800)) * 1000;
const build = !argv.includes('--no-build');
const DIST = opt('--dist', 'dist-bench');
const LABEL = opt('--label', '');
// A phone that joins without throttling first: what the first sync costs besides the network.
const fastJoin = !argv.includes('--no-fast-join');
// Skips the Slow 3G first sync (to measure the edit alone: it then reaches the unthrottled phone).
const slowFirst = !argv.includes('--no-slow-first');
const PASSCODE = 'benchmark passphrase 2026';
const B_PASSCODE = 'segundo teléfono del equipo';

// DevTools' "Slow 3G" (renamed "3G" in newer DevTools), as its front end defines it
// (front_end/core/sdk/NetworkManager.ts, Slow3GConditions) and Puppeteer copies it
// (PredefinedNetworkConditions['Slow 3G']): 500 kbit/s × 0.8 each way, 400 ms × 5 latency.
export const SLOW_3G = {
  offline: false,
  downloadThroughput: ((500 * 1000) / 8) * 0.8, // 50,000 bytes/s
  uploadThroughput: ((500 * 1000) / 8) * 0.8, // 50,000 bytes/s
  latency: 400 * 5, // 2,000 ms, added to every request before its response starts
  connectionType: 'cellular3g',
};
const UNTHROTTLED = { offline: false, downloadThroughput: -1, uploadThroughput: -1, latency: 0 };
const OFFLINE = { offline: true, downloadThroughput: 0, uploadThroughput: 0, latency: 0 };
const TARGETS = { firstSyncMs: 60000, editMs: 2000 };

const median = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const kb = (n) => Math.round((n / 1024) * 10) / 10;
const sec = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) + ' s' : '—');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error('bench_sync:', ...a);

if (build) {
  log('building the bench build (a few minutes)…');
  execFileSync('trunk', ['build', '--release', '--offline', '--public-url', '/senda/', '--features', 'bench', '--dist', 'dist-bench'], { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The local sync server: the one COUCH_URL names, else this checkout's own one started (and
 * stopped at the end) in its own state folder, so no other server is touched. */
async function syncServer() {
  if (process.env.COUCH_URL) return { url: process.env.COUCH_URL, stop: () => {} };
  const env = { ...process.env, SENDA_SYNC_STATE: join(process.cwd(), 'target', 'bench-sync-server') };
  const url = execFileSync('scripts/sync-server.sh', ['start'], { env, stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop();
  return { url, stop: () => execFileSync('scripts/sync-server.sh', ['stop'], { env, stdio: ['ignore', 'inherit', 'inherit'] }) };
}

/** Sizes (gzip) of the first load and of the files the team area loads (its chunk and the
 * shared packs it needs), from a release build. */
function teamChunkSizes(dist) {
  const size = measure(dist);
  const loaderFile = readdirSync(dist).find((f) => /^__wasm_split.*\.js$/.test(f));
  const files = loaderFile ? splitFiles(readFileSync(join(dist, loaderFile), 'utf8'))('team_area') : [];
  const rows = size.rows.filter((r) => files.includes(r.file));
  const own = rows.filter((r) => r.file.startsWith('lazy-team_area'));
  return {
    dist,
    firstLoad: size.firstLoad,
    teamFiles: rows.map((r) => ({ file: r.file, raw: r.raw, gzip: r.gzip, brotli: r.brotli })),
    teamOwnGzip: own.reduce((n, r) => n + r.gzip, 0),
    teamAllGzip: rows.reduce((n, r) => n + r.gzip, 0),
    syncInFirstLoad: size.rows.some((r) => r.firstLoad && r.file.startsWith('lazy-team')),
  };
}

// In every page: the header light's changes with their time, and the case list's count.
const PROBE = `
  window.__light = [];
  new MutationObserver(() => {
    const el = document.getElementById('sync-light');
    if (!el) return;
    const s = el.hidden ? 'off' : el.dataset.sync;
    const last = window.__light[window.__light.length - 1];
    if (!last || last.s !== s) window.__light.push({ s, t: Date.now() });
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-sync', 'hidden'] });
`;

/** A phone: its own browser context (own storage, no service worker) with a CDP session that
 * records every request to the sync server and sets its network's conditions. */
const pages = new Set();
const awake = setInterval(() => {
  for (const p of pages) p.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }))).catch(() => {});
}, 60000);

async function phone(browser, app, couchOrigin, name) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  pages.add(page);
  page.on('close', () => pages.delete(page));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map();
  let phase = 'setup';
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith(couchOrigin + '/')) return;
    const prior = requests.get(e.requestId);
    if (prior) return; // a redirect: counted once
    const body = e.request.postData
      || (e.request.postDataEntries || []).map((p) => (p.bytes ? Buffer.from(p.bytes, 'base64').toString() : '')).join('');
    requests.set(e.requestId, {
      phase, method: e.request.method, url: e.request.url.slice(couchOrigin.length), type: e.type,
      sent: body.length, docs: (body.match(/"rev":/g) || []).length, hasPostData: e.request.hasPostData && !body,
      received: 0, done: false, t0: Date.now(), t1: null,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) { r.received = e.encodedDataLength; r.done = true; r.t1 = Date.now(); }
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) { r.failed = e.errorText; r.t1 = Date.now(); }
  });
  const s = {
    name, context, page, cdp, requests, errors,
    url: (p = '') => app.url + p,
    setPhase: (p) => { phase = p; },
    async network(conditions) { await cdp.send('Network.emulateNetworkConditions', conditions); },
    /** Request bodies Chromium did not put in the event (large ones). */
    async fillBodies() {
      for (const [id, r] of requests) {
        if (!r.hasPostData) continue;
        try {
          const { postData } = await cdp.send('Network.getRequestPostData', { requestId: id });
          r.sent = postData.length;
          r.docs = (postData.match(/"rev":/g) || []).length;
        } catch { /* gone from Chromium's buffer */ }
        r.hasPostData = false;
      }
    },
    /** What phase `p` sent and received, by kind of request. */
    traffic(p) {
      const rows = [...requests.values()].filter((r) => r.phase === p);
      const kind = (r) => {
        if (r.method === 'OPTIONS') return 'preflight';
        const path = r.url.split('?')[0];
        for (const k of ['_changes', '_bulk_get', '_revs_diff', '_bulk_docs', '_session', '_users']) if (path.includes(k)) return k;
        if (path.includes('/_local/')) return `${r.method} _local`;
        return `${r.method} other`;
      };
      const byKind = {};
      for (const r of rows) {
        const k = kind(r);
        byKind[k] = byKind[k] || { n: 0, sent: 0, received: 0, docs: 0 };
        byKind[k].n += 1; byKind[k].sent += r.sent; byKind[k].received += r.received; byKind[k].docs += r.docs;
      }
      return {
        requests: rows.length, failed: rows.filter((r) => r.failed).length,
        sent: rows.reduce((n, r) => n + r.sent, 0), received: rows.reduce((n, r) => n + r.received, 0), byKind,
      };
    },
    light: () => page.evaluate(() => window.__light),
  };
  return s;
}

async function toTeam(page) {
  await page.locator('nav.bottom-nav').getByRole('link', { name: 'Ajustes' }).click();
  await page.getByRole('link', { name: 'Abrir equipo' }).click();
  await page.getByRole('heading', { name: 'Equipo (sincronización)', level: 1 }).waitFor({ timeout: 120000 });
}

async function toCases(page) {
  await page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
}

/** Waits until the header light, after `since`, went to syncing and then back to a rest state;
 * returns the times of both. */
async function syncedAfter(s, since, timeout = 600000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const light = await s.light();
    const start = light.find((l) => l.t >= since && l.s === 'syncing');
    const end = start && light.find((l) => l.t > start.t && l.s !== 'syncing');
    if (end) return { start: start.t, end: end.t, state: end.s };
    await sleep(100);
  }
  throw new Error(`${s.name}: no sync ended within ${timeout / 1000} s`);
}

/** "Sync now" on the team screen, tapped in the page; resolves when its note "Sincronizado: …"
 * appears again, with the tap's and the note's times (tapped again if a run was already going). */
async function syncNow(s, timeout = 600000) {
  for (let attempt = 0; attempt < 20; attempt++) {
    for (let i = 0; i < 2400 && (await s.light()).at(-1)?.s === 'syncing'; i++) await sleep(250);
    await s.page.getByRole('button', { name: 'Sincronizar ahora' }).waitFor({ timeout });
    const out = await s.page.evaluate((ms) => new Promise((resolve) => {
      const t0 = Date.now();
      const done = (text) => { obs.disconnect(); resolve({ t0, t1: Date.now(), text }); };
      const obs = new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) {
          const p = n.nodeType === 1 && (n.matches('p.notice[role=status]') ? n : n.querySelector && n.querySelector('p.notice[role=status]'));
          if (p && p.closest('.team-status')) {
            const text = p.textContent.trim();
            if (/^Sincronizado:/.test(text) || /^Ya se está sincronizando/.test(text)) return done(text);
          }
        }
        const err = document.querySelector('.team-status [role=alert]');
        if (err && err.textContent.trim()) return done('error: ' + err.textContent.trim());
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      setTimeout(() => done('timeout'), ms);
      [...document.querySelectorAll('.team-status button')].find((b) => b.textContent.trim() === 'Sincronizar ahora').click();
    }), timeout);
    if (/^Sincronizado:/.test(out.text)) return out;
    if (!/^Ya se está/.test(out.text)) throw new Error(`${s.name}: sync now ended with ${out.text}`);
    await sleep(1000);
  }
  throw new Error(`${s.name}: sync now stayed busy`);
}

/** Waits until the case list (every status) shows `n` cases; the time it first did. */
async function listShows(s, n, timeout) {
  await s.page.locator('.case-filters select').first().waitFor({ timeout: 120000 }).catch(() => {});
  await s.page.evaluate((want) => {
    window.__listAt = null;
    const check = () => {
      const sel = document.querySelector('.case-filters select');
      if (sel && sel.value !== 'all') { sel.value = 'all'; sel.dispatchEvent(new Event('change', { bubbles: true })); }
      const hint = [...document.querySelectorAll('p.hint[aria-live]')].find((p) => /casos?$/.test(p.textContent.trim()));
      if (hint && hint.textContent.trim() === `${want} casos` && window.__listAt === null) window.__listAt = Date.now();
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
    check();
  }, n);
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const at = await s.page.evaluate(() => window.__listAt);
    if (at) return at;
    await sleep(500);
  }
  return null;
}

async function fillAndUnlock(s) {
  await s.page.goto(s.url('cases'));
  await s.page.waitForFunction(() => window.wasmBindings && window.wasmBindings.senda_bench_fill, null, { timeout: 60000 });
  log(`filling phone A's vault with ${CASES} invented cases…`);
  await s.page.evaluate(([p, n]) => window.wasmBindings.senda_bench_fill(p, n), [PASSCODE, CASES]);
  await s.page.goto(s.url('cases'));
  await s.page.getByLabel('Código', { exact: true }).fill(PASSCODE);
  await s.page.locator('form.vault-form button[type=submit]').click();
  await s.page.locator('.case-list li').first().waitFor({ timeout: 60000 });
}

async function newVault(s, passcode) {
  await s.page.goto(s.url('cases'));
  await s.page.getByRole('heading', { name: 'Proteja los casos con un código' }).waitFor({ timeout: 60000 });
  await s.page.getByLabel('Código nuevo').fill(passcode);
  await s.page.getByLabel('Repita el código').fill(passcode);
  await s.page.getByLabel('Sus iniciales o código de personal').fill('BENCH-B');
  await s.page.getByRole('button', { name: 'Crear la bóveda' }).click();
  await s.page.getByRole('button', { name: 'Bloquear' }).waitFor({ timeout: 30000 });
}

async function invitation(a) {
  const payload = a.page.locator('textarea.invite-payload');
  const before = (await payload.count()) ? await payload.inputValue() : null;
  await a.page.getByLabel('Rol del nuevo teléfono').selectOption('caseworker');
  await a.page.getByRole('button', { name: 'Crear una invitación' }).click();
  await payload.waitFor({ timeout: 60000 });
  // A fresh one each time: wait until the text changes from the last.
  for (let i = 0; i < 600; i++) {
    const text = await payload.inputValue();
    if (text && text !== before) return text;
    await sleep(100);
  }
  throw new Error('no new invitation');
}

/** A new phone joins with `invite` under `conditions` and syncs until its list shows every case;
 * the coordinator's phone admits it as soon as it has joined. */
async function firstSync(browser, app, couch, a, invite, conditions, label) {
  const b = await phone(browser, app, couch.origin, label);
  await newVault(b, B_PASSCODE);
  await toTeam(b.page);
  await b.network(conditions);
  b.setPhase('first');
  await b.page.getByLabel('Invitación', { exact: true }).fill(invite);
  const t0 = Date.now();
  await b.page.getByRole('button', { name: 'Unirse' }).click();
  await b.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 300000 });
  const joined = Date.now();
  // The coordinator's phone admits it (its "sync now"), as soon as the answer is on the server.
  a.setPhase(`admit-${label}`);
  const admit = await syncNow(a);
  await toCases(b.page);
  log(`${label}: joined in ${sec(joined - t0)}, admitted; waiting for its list to show ${CASES} cases…`);
  // Progress while it runs, for a run cut by the time limit.
  const samples = [];
  const progress = setInterval(async () => {
    await b.fillBodies();
    const t = b.traffic('first');
    const docs = t.byKind._bulk_get ? t.byKind._bulk_get.docs : 0;
    samples.push({ ms: Date.now() - t0, requests: t.requests, received: t.received, revisions: docs });
    log(`${label}: ${sec(Date.now() - t0)}: ${t.requests} requests, ${kb(t.received)} KB received, ${docs} revisions asked for`);
  }, 30000);
  const listed = await listShows(b, CASES, FIRST_TIMEOUT_MS - (Date.now() - t0));
  clearInterval(progress);
  const end = listed || Date.now();
  await sleep(1000);
  await b.fillBodies();
  const light = await b.light();
  const runs = [];
  for (let i = 0; i < light.length; i++) {
    if (light[i].s === 'syncing') {
      const next = light.slice(i + 1).find((l) => l.s !== 'syncing');
      runs.push({ start: light[i].t - t0, end: next ? next.t - t0 : null, then: next ? next.s : null });
    }
  }
  const traffic = b.traffic('first');
  const asked = traffic.byKind._bulk_get ? traffic.byKind._bulk_get.docs : 0;
  return {
    phone: b, label, conditions, complete: !!listed, ms: end - t0, joinMs: joined - t0,
    admitMs: admit.t1 - admit.t0, runs, traffic, samples, revisionsAsked: asked,
  };
}

/** One edit's round trip: A offline edits one field of `caseId`; its network returns (Slow 3G
 * on both phones); A's automatic sync on `online` pushes it; B's "Sync now" brings it. */
async function editRoundTrip(a, b, i) {
  const value = `lugar editado ${i} ${Math.random().toString(36).slice(2, 8)}`;
  const field = a.page.locator('.case-section label.field').filter({ hasText: 'Lugar del primer contacto' }).locator('input');
  await field.waitFor({ timeout: 120000 });
  // Rest first: no run going on either phone.
  for (const s of [a, b]) for (let k = 0; k < 600 && (await s.light()).at(-1)?.s === 'syncing'; k++) await sleep(500);
  await a.network(OFFLINE);
  await sleep(500);
  await field.fill(value);
  await a.page.locator('.save-state[data-state="saved"]').waitFor({ timeout: 30000 });
  await sleep(3500); // past the 3 s after-change delay: the run it asked for waits for the network
  a.setPhase(`edit-${i}`);
  b.setPhase(`edit-${i}`);
  const t0 = Date.now();
  await a.network(SLOW_3G);
  const pushed = await syncedAfter(a, t0);
  const pulled = await syncNow(b);
  await sleep(500);
  await Promise.all([a.fillBodies(), b.fillBodies()]);
  return {
    value, ms: pulled.t1 - t0, aRunStartMs: pushed.start - t0, aDoneMs: pushed.end - t0, aState: pushed.state,
    bMs: pulled.t1 - pulled.t0, bNote: pulled.text,
    a: a.traffic(`edit-${i}`), b: b.traffic(`edit-${i}`),
  };
}

/** B shows the edit: the case opened on B holds the value (checked once, not timed). */
async function bShows(b, caseId, value) {
  await toCases(b.page);
  const search = b.page.locator('input[type=search]');
  // The start of the case id finds exactly that case.
  await search.fill(caseId.replace(/-/g, '').slice(0, 8));
  await b.page.locator('.case-list li a').first().click();
  const field = b.page.locator('.case-section label.field').filter({ hasText: 'Lugar del primer contacto' }).locator('input');
  await field.waitFor({ timeout: 120000 });
  for (let k = 0; k < 240; k++) {
    if ((await field.inputValue()) === value) return true;
    await sleep(500);
  }
  return false;
}

const sizeDist = existsSync('dist/index.html') ? 'dist' : DIST;
const sizes = teamChunkSizes(sizeDist);
const server = await syncServer();
const couchUrl = new URL(server.url);
const couch = {
  origin: couchUrl.origin, admin: decodeURIComponent(couchUrl.username), password: decodeURIComponent(couchUrl.password),
  auth: 'Basic ' + Buffer.from(`${decodeURIComponent(couchUrl.username)}:${decodeURIComponent(couchUrl.password)}`).toString('base64'),
};
const serverVersion = await fetch(couch.origin + '/').then((r) => r.json()).catch(() => ({}));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const app = await serve(DIST, '/senda/');
let db;
const phones = [];
const report = {
  date: new Date().toISOString(), cases: CASES, chromium: execFileSync(CHROMIUM, ['--version']).toString().trim(),
  server: serverVersion, slow3g: SLOW_3G, targets: TARGETS, sizes, dist: DIST, label: LABEL,
};
try {
  // Phone A: the coordinator's, with the cases; creates the team, which pushes them at once.
  const a = await phone(browser, app, couch.origin, 'A');
  await fillAndUnlock(a);
  await toTeam(a.page);
  const form = a.page.locator('form.team-create');
  await form.getByLabel('Dirección del servidor').fill(couch.origin);
  await form.getByLabel('Nombre del administrador').fill(couch.admin);
  await form.getByLabel('Contraseña del administrador').fill(couch.password);
  a.setPhase('push');
  const created = Date.now();
  await a.page.getByRole('button', { name: 'Crear el equipo' }).click();
  await a.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 60000 });
  log('team created; phone A pushes its cases (unthrottled)…');
  const push = await syncedAfter(a, created, 1800000);
  await a.fillBodies();
  const invite1 = await invitation(a);
  db = invite1.split(':')[2];
  const info = await fetch(`${couch.origin}/${db}`, { headers: { authorization: couch.auth } }).then((r) => r.json());
  // What the server holds: envelopes by padded size (the ciphertext's length in bytes).
  const all = await fetch(`${couch.origin}/${db}/_all_docs?include_docs=true`, { headers: { authorization: couch.auth } }).then((r) => r.json());
  const buckets = {};
  let envelopeBytes = 0;
  for (const row of all.rows) {
    if (!row.doc || !row.doc.ct) continue;
    const ct = Buffer.from(row.doc.ct, 'base64').length;
    buckets[ct] = (buckets[ct] || 0) + 1;
    envelopeBytes += JSON.stringify(row.doc).length;
  }
  report.server_docs = { buckets, envelopeBytes, events: all.rows.filter((r) => r.id.startsWith('e')).length, sections: all.rows.filter((r) => r.id.startsWith('m')).length };
  report.push = { ms: push.end - push.start, fromCreateMs: push.end - created, state: push.state, docsOnServer: info.doc_count, traffic: a.traffic('push') };
  log(`A pushed ${info.doc_count} documents in ${sec(push.end - push.start)} (${push.state})`);

  // A phone that joins unthrottled first: what the first sync costs besides the network; it is
  // also the phone the edit then reaches (on Slow 3G from then on), whatever B's run gives.
  let c = null;
  if (fastJoin) {
    c = await firstSync(browser, app, couch, a, invite1, UNTHROTTLED, 'C');
    report.firstUnthrottled = { ...c, phone: undefined };
    log(`C (unthrottled): ${sec(c.ms)}`);
    await toTeam(a.page);
  }
  let b = null;
  if (slowFirst) {
    const invite2 = fastJoin ? await invitation(a) : invite1;
    b = await firstSync(browser, app, couch, a, invite2, SLOW_3G, 'B');
    report.firstSlow3g = { ...b, phone: undefined };
    if (!b.complete && b.revisionsAsked > 0) report.firstSlow3g.extrapolatedMs = Math.round((b.ms * report.push.docsOnServer) / b.revisionsAsked);
    log(`B (Slow 3G): ${b.complete ? sec(b.ms) : `not done after ${sec(b.ms)}`}`);
  }
  report.pageErrors = { A: a.errors, B: b ? b.phone.errors : [], C: c ? c.phone.errors : [] };
  const other = c ? c.phone : b && b.complete ? b.phone : null;
  if (c && b) await b.phone.context.close();
  phones.push(a, other);

  if (other) {
    // The edit: A on one case's screen, the other phone on its team screen; both on Slow 3G.
    const card = a.page.locator('.case-list li a').first();
    await toCases(a.page);
    await card.waitFor({ timeout: 120000 });
    await card.click();
    await a.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = a.page.url().split('/').pop();
    await toTeam(other.page);
    await other.network(SLOW_3G);
    report.editPhone = other.name;
    report.edits = [];
    for (let i = 0; i < EDIT_RUNS; i++) {
      const r = await editRoundTrip(a, other, i);
      report.edits.push(r);
      log(`edit ${i + 1}: ${sec(r.ms)} (A's push done at ${sec(r.aDoneMs)}, ${other.name}'s sync ${sec(r.bMs)}: ${r.bNote})`);
    }
    report.editShown = await bShows(other, caseId, report.edits.at(-1).value);
    report.editMedian = {
      ms: median(report.edits.map((e) => e.ms)), aDoneMs: median(report.edits.map((e) => e.aDoneMs)), bMs: median(report.edits.map((e) => e.bMs)),
    };
  }
} catch (e) {
  report.error = e.stack || String(e);
  log('failed:', report.error);
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  for (const p of phones) if (p) await p.page.screenshot({ path: `tests/e2e/artifacts/bench-sync-${p.name}.png` }).catch(() => {});
} finally {
  clearInterval(awake);
  await browser.close();
  await app.close();
  if (db) await fetch(`${couch.origin}/${db}`, { method: 'DELETE', headers: { authorization: couch.auth } }).catch(() => {});
  server.stop();
}

const dir = opt('--out', join('results', report.date.slice(0, 19).replace(/[:T]/g, '-')));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'bench_sync.json'), JSON.stringify(report, (k, v) => (k === 'phone' ? undefined : v), 2));
if (report.error) process.exit(1);

// The report.
const t = (x) => (x ? `${x.requests} requests, ${kb(x.sent)} KB sent, ${kb(x.received)} KB received` : '—');
const kinds = (x) => Object.entries(x.byKind).map(([k, v]) => `${k} ${v.n}${v.docs ? ` (${v.docs} revs)` : ''}`).join(', ');
const ok = (pass) => (pass ? 'met' : '**missed**');
const lines = [
  `# Senda team sync benchmark — ${report.date}${LABEL ? ` (${LABEL})` : ''}`, '', `Build: ${DIST}/.`, '',
  `${report.chromium}; PouchDB Server ${report.server.version || ''} (local, in memory); ${CASES} invented cases.`,
  `Slow 3G as DevTools defines it: ${SLOW_3G.downloadThroughput} B/s down, ${SLOW_3G.uploadThroughput} B/s up, ${SLOW_3G.latency} ms latency (CDP Network.emulateNetworkConditions).`, '',
  '| measure | value | target |', '|---|---|---|',
  `| A's first push of ${CASES} cases (${report.push.docsOnServer} documents), unthrottled | ${sec(report.push.ms)} | |`,
];
if (report.firstUnthrottled) lines.push(`| a new phone's first sync, unthrottled (join → every case in its list) | ${sec(report.firstUnthrottled.ms)} | |`);
const fb = report.firstSlow3g;
if (fb) lines.push(`| a new phone's first sync, Slow 3G (join → every case in its list) | ${fb.complete ? sec(fb.ms) : `not done after ${sec(fb.ms)}: ${fb.revisionsAsked} of ${report.push.docsOnServer} documents asked for; at that rate ${sec(fb.extrapolatedMs)} for all`} | < 60 s — ${ok(fb.complete && fb.ms < TARGETS.firstSyncMs)} |`);
if (report.editMedian) {
  lines.push(`| one edit's round trip, Slow 3G on both (network back on A → the other phone's sync done), median of ${EDIT_RUNS} | ${sec(report.editMedian.ms)} | < 2 s — ${ok(report.editMedian.ms < TARGETS.editMs)} |`);
  lines.push(`| … of which A's automatic push (network back → A's light at rest) | ${sec(report.editMedian.aDoneMs)} | |`);
  lines.push(`| … and ${report.editPhone}'s "Sync now" (tap → "Sincronizado") | ${sec(report.editMedian.bMs)} | |`);
  lines.push(`| ${report.editPhone} shows the edit on the case screen | ${report.editShown ? 'yes' : 'NO'} | |`);
}
lines.push(`| first load (gzip), ${sizes.dist}/ | ${kb(sizes.firstLoad.gzip)} KB | sync code not in it: ${sizes.syncInFirstLoad ? 'NO' : 'yes'} |`);
lines.push(`| team area's own chunk (gzip) | ${kb(sizes.teamOwnGzip)} KB | |`);
lines.push(`| everything the team area loads (its chunk and shared packs, gzip) | ${kb(sizes.teamAllGzip)} KB | |`);
const sd = report.server_docs;
lines.push('', `The server holds ${sd.sections} section documents and ${sd.events} entries (case keys, member lists); envelopes ${kb(sd.envelopeBytes)} KB as JSON; ciphertext sizes: ${Object.entries(sd.buckets).map(([k, v]) => `${v} × ${k} B`).join(', ')}.`);
lines.push('', '| phase | traffic | requests by kind |', '|---|---|---|');
lines.push(`| A's first push | ${t(report.push.traffic)} | ${kinds(report.push.traffic)} |`);
if (report.firstUnthrottled) lines.push(`| first sync, unthrottled | ${t(report.firstUnthrottled.traffic)} | ${kinds(report.firstUnthrottled.traffic)} |`);
if (fb) lines.push(`| first sync, Slow 3G | ${t(fb.traffic)} | ${kinds(fb.traffic)} |`);
for (const [i, e] of (report.edits || []).entries()) {
  lines.push(`| edit ${i + 1}, A (${sec(e.aDoneMs)}) | ${t(e.a)} | ${kinds(e.a)} |`);
  lines.push(`| edit ${i + 1}, ${report.editPhone} (${sec(e.bMs)}) | ${t(e.b)} | ${kinds(e.b)} |`);
}
if (fb) lines.push('', `First sync on Slow 3G: joined in ${sec(fb.joinMs)}; the coordinator's phone admitted it in ${sec(fb.admitMs)}; its runs (from the tap on "Unirse"): ${fb.runs.map((r) => `${sec(r.start)}–${sec(r.end)}${r.then && r.then !== 'done' ? ` (${r.then})` : ''}`).join(', ')}.`);
lines.push('', '| team area file | raw KB | gzip KB | brotli KB |', '|---|---|---|---|', ...sizes.teamFiles.map((f) => `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`));
writeFileSync(join(dir, 'bench_sync.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
console.log(`\nwritten to ${dir}/bench_sync.md and bench_sync.json`);
