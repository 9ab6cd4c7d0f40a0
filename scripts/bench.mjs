// Senda's benchmark: builds the release (and the bare-Leptos floor), serves it under /senda/,
// drives headless Chromium and prints a table of size, start-up, memory, accessibility and
// network figures. Results go to results/<date>/bench.{md,json} (not committed).
// Usage: node scripts/bench.mjs [--no-build] [--runs 7] [--no-lighthouse] [--lighthouse-runs 3] [--no-sync]
// The Lighthouse step (scripts/lighthouse.mjs) measures each main route and the floor the same way;
// the sync step (scripts/bench_sync.mjs: first sync and one edit's round trip on Slow 3G against
// the local sync server) writes bench_sync.md beside bench.md.
import { execFileSync } from 'node:child_process';
import { buildFloor, FLOOR_DIST } from './floor.mjs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { measure } from './size.mjs';
import { lighthouseTable } from './lighthouse.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { ARGS, CHROMIUM, ROUTES } from '../tests/e2e/support.mjs';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) || 7;
const CASES = Number(argv[argv.indexOf('--cases') + 1]) || 2000;
const PASSCODE = 'benchmark passphrase 2026';
const build = !argv.includes('--no-build');
const lighthouse = !argv.includes('--no-lighthouse');
const LH_RUNS = Number(argv[argv.indexOf('--lighthouse-runs') + 1]) || 3;
const sync = !argv.includes('--no-sync');
const TARGETS = { firstLoadKB: 250, startMs: 1000 };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (n) => Math.round((n / 1024) * 10) / 10;
const run = (cmd, args, cwd = '.', env = process.env) => execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });

if (build) {
  console.error('bench: building the release and the floor (a few minutes)…');
  run('cargo', ['fetch', '--quiet']);
  run('trunk', ['build', '--release', '--offline', '--public-url', '/senda/']);
  run('trunk', ['build', '--release', '--offline', '--public-url', '/senda/', '--features', 'bench', '--dist', 'dist-bench']);
}
if (build || !existsSync(FLOOR_DIST)) await buildFloor();

const size = measure('dist');
const floor = measure(FLOOR_DIST);

// Records when the first screen is usable (navigation and heading drawn) and the wasm instance.
const PROBE = `
  addEventListener('TrunkApplicationStarted', (e) => { window.__sendaWasm = e.detail.wasm; });
  new MutationObserver((_, obs) => {
    if (document.querySelector('nav.bottom-nav a') && document.querySelector('main h1')) {
      window.__usableAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const server = await serve('dist', '/senda/');
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'allow' });
const foreign = [];
context.on('request', (r) => { if (!r.url().startsWith(server.origin + '/')) foreign.push(r.url()); });
await context.addInitScript(PROBE);

// One online visit installs the service worker and its cache.
const first = await context.newPage();
await first.goto(server.url);
await first.waitForFunction(() => navigator.serviceWorker.controller !== null && window.__usableAt);
await first.waitForSelector('[data-offline="ready"]', { state: 'attached' });

// Accessibility per route (online page, same build).
const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const axe = {};
for (const route of ROUTES) {
  await first.goto(server.url + route);
  await first.waitForFunction(() => window.__usableAt);
  await first.evaluate(axeSource);
  const r = await first.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const count = (impact) => r.violations.filter((v) => v.impact === impact).length;
  axe['/' + route] = { critical: count('critical'), serious: count('serious'), moderate: count('moderate'), minor: count('minor') };
}

// Memory after the first screen.
const cdp = await context.newCDPSession(first);
await first.goto(server.url);
await first.waitForFunction(() => window.__usableAt && window.__sendaWasm);
const heap = await cdp.send('Runtime.getHeapUsage');
const wasmMemory = await first.evaluate(() => window.__sendaWasm.memory.buffer.byteLength);
await first.close();

// Start-up from the offline cache, CPU throttled 4×.
await server.close();
await context.setOffline(true);
const starts = [];
const startsCases = [];
for (let i = 0; i < RUNS; i++) {
  for (const [route, into] of [['', starts], ['cases', startsCases]]) {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(server.url + route);
    await page.waitForFunction(() => window.__usableAt, null, { timeout: 30000 });
    into.push(await page.evaluate(() => window.__usableAt));
    await page.close();
  }
}
await context.close();

// The vault with 2,000 cases, in the bench build (the same app plus a fill function).
const vault = await measureVault(browser);
await browser.close();

/** Times, inside the page, from `start()` until `done()` holds (checked on every DOM change). */
async function timeInPage(page, start, done) {
  if (process.env.BENCH_DEBUG) console.error('step', start.toString().slice(0, 80));
  return page.evaluate(
    ([startSrc, doneSrc]) => new Promise((resolve) => {
      const isDone = new Function(`return (${doneSrc})()`);
      const t0 = performance.now();
      const finish = () => { if (isDone()) { obs.disconnect(); resolve(performance.now() - t0); return true; } return false; };
      const obs = new MutationObserver(finish);
      setTimeout(() => { obs.disconnect(); resolve(NaN); }, 20000);
      obs.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
      new Function(`return (${startSrc})()`)();
      finish();
    }),
    [start.toString(), done.toString()]
  );
}

async function measureVault(browser) {
  const server = await serve('dist-bench', '/senda/');
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(server.url + 'cases');
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.senda_bench_fill);
  console.error(`bench: filling the vault with ${CASES} invented cases…`);
  const fillStart = Date.now();
  await page.evaluate(([p, n]) => window.wasmBindings.senda_bench_fill(p, n), [PASSCODE, CASES]);
  const fillMs = Date.now() - fillStart;
  const runs = { unlock: [], list: [], search: [], openCold: [], open: [], save: [] };
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
    console.error(`bench: vault run ${i + 1}`);
    await page.goto(server.url + 'cases');
    await page.getByLabel('Código', { exact: true }).fill(PASSCODE);
    if (process.env.BENCH_DEBUG) await page.screenshot({ path: '/tmp/bench-unlock.png' });
    runs.unlock.push(await timeInPage(page,
      () => document.querySelector('form.vault-form button[type=submit]').click(),
      () => document.querySelectorAll('.case-list li').length > 0));
    // The list again, from another section (client-side, already unlocked).
    await page.getByRole('link', { name: 'Ajustes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajustes' }).waitFor();
    runs.list.push(await timeInPage(page,
      () => document.querySelector('nav.bottom-nav a[href$="/cases"]').click(),
      () => document.querySelectorAll('.case-list li').length > 0));
    runs.search.push(await timeInPage(page,
      () => { const q = document.querySelector('input[type=search]'); q.value = '1234'; q.dispatchEvent(new Event('input', { bubbles: true })); },
      () => document.querySelectorAll('.case-list li').length === 1));
    // The first case opened after a start also fetches and compiles the case screen's code.
    runs.openCold.push(await timeInPage(page,
      () => document.querySelector('.case-list li a').click(),
      () => { const f = document.querySelector('.case-section input'); return f && f.value.length > 0; }));
    await page.getByRole('link', { name: 'Todos los casos' }).first().click();
    await page.locator('.case-list li').first().waitFor();
    runs.open.push(await timeInPage(page,
      () => document.querySelector('.case-list li a').click(),
      () => { const f = document.querySelector('.case-section input'); return f && f.value.length > 0; }));
    // Saving: from the autosave starting to its "saved" state (the 0.4 s grouping delay excluded).
    runs.save.push(await page.evaluate((n) => new Promise((resolve) => {
      const state = document.querySelector('.save-state');
      let t0 = null;
      const obs = new MutationObserver(() => {
        if (state.dataset.state === 'saving' && t0 === null) t0 = performance.now();
        if (state.dataset.state === 'saved' && t0 !== null) { obs.disconnect(); resolve(performance.now() - t0 - AUTOSAVE_DELAY_MS); }
      });
      obs.observe(state, { attributes: true });
      const AUTOSAVE_DELAY_MS = 400; // src/session.rs AUTOSAVE_DELAY: "saving" shows from the edit on
      setTimeout(() => { obs.disconnect(); resolve(NaN); }, 20000);
      const field = [...document.querySelectorAll('.case-section label.field')].find((l) => l.textContent.startsWith('Lugar del primer contacto')).querySelector('input');
      field.value = `lugar ${n}`;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }), i));
  }
  const estimate = await page.evaluate(() => navigator.storage.estimate());
  const cdp = await context.newCDPSession(page);
  await page.goto(server.url + 'cases');
  await page.getByLabel('Código', { exact: true }).fill(PASSCODE);
  await page.locator('form.vault-form button[type=submit]').click();
  await page.locator('.case-list li').first().waitFor();
  const heap = await cdp.send('Runtime.getHeapUsage');
  await context.close();
  await server.close();
  const med = (k) => Math.round(median(runs[k]) * 10) / 10;
  return {
    cases: CASES, fillMs, storedBytes: estimate.usage, jsHeapWithListBytes: heap.usedSize,
    medianMs: { unlock: med('unlock'), list: med('list'), search: med('search'), openCold: med('openCold'), open: med('open'), save: med('save') },
    runsMs: runs,
  };
}

const report = {
  date: new Date().toISOString(),
  chromium: execFileSync(CHROMIUM, ['--version']).toString().trim(),
  firstLoad: { senda: size.firstLoad, floor: floor.firstLoad, ratioGzip: size.firstLoad.gzip / floor.firstLoad.gzip, targetKB: TARGETS.firstLoadKB },
  files: size.rows,
  startOfflineThrottled4x: { medianMs: median(starts), runsMs: starts, targetMs: TARGETS.startMs, casesMedianMs: median(startsCases), casesRunsMs: startsCases },
  memory: { jsHeapUsedBytes: heap.usedSize, wasmMemoryBytes: wasmMemory },
  vault,
  accessibility: axe,
  requestsToOtherOrigins: foreign.length,
};

const ok = (pass) => (pass ? 'ok' : 'MISSED');
const lines = [
  `# Senda benchmark — ${report.date}`, '', report.chromium, '',
  '| measure | value | target | |', '|---|---|---|---|',
  `| first load (gzip) | ${kb(size.firstLoad.gzip)} KB | ≤ ${TARGETS.firstLoadKB} KB | ${ok(kb(size.firstLoad.gzip) <= TARGETS.firstLoadKB)} |`,
  `| first load (brotli) | ${kb(size.firstLoad.brotli)} KB | | |`,
  `| bare Leptos router floor (gzip) | ${kb(floor.firstLoad.gzip)} KB | | |`,
  `| Senda ÷ floor | ${report.firstLoad.ratioGzip.toFixed(2)}× | | |`,
  `| start from offline cache to Home, CPU 4× slower (median of ${RUNS}) | ${Math.round(median(starts))} ms | < ${TARGETS.startMs} ms | ${ok(median(starts) < TARGETS.startMs)} |`,
  `| the same, straight to the case list (loads its screen's code) | ${Math.round(median(startsCases))} ms | | |`,
  `| JS heap used after first screen | ${kb(heap.usedSize)} KB | | |`,
  `| wasm memory | ${kb(wasmMemory)} KB | | |`,
  `| requests to other origins | ${foreign.length} | 0 | ${ok(foreign.length === 0)} |`,
  `| vault: unlock with ${CASES} cases (PBKDF2 600k + index) | ${vault.medianMs.unlock} ms | < 1500 ms | ${ok(vault.medianMs.unlock < 1500)} |`,
  `| vault: case list shown | ${vault.medianMs.list} ms | < 50 ms | ${ok(vault.medianMs.list < 50)} |`,
  `| vault: search | ${vault.medianMs.search} ms | < 50 ms | ${ok(vault.medianMs.search < 50)} |`,
  `| vault: open a case | ${vault.medianMs.open} ms | < 30 ms | ${ok(vault.medianMs.open < 30)} |`,
  `| vault: open the first case after a start (loads the case screen's code) | ${vault.medianMs.openCold} ms | | |`,
  `| vault: save an edit (after the 0.4 s grouping delay) | ${vault.medianMs.save} ms | < 30 ms | ${ok(vault.medianMs.save < 30)} |`,
  `| vault: stored bytes for ${CASES} cases | ${kb(vault.storedBytes)} KB | | |`,
  `| JS heap with the case list open | ${kb(vault.jsHeapWithListBytes)} KB | | |`,
  '', '| route | critical | serious | moderate | minor |', '|---|---|---|---|---|',
  ...Object.entries(axe).map(([r, c]) => `| ${r} | ${c.critical} | ${c.serious} | ${c.moderate} | ${c.minor} |`),
  '', '| file | raw KB | gzip KB | brotli KB | first screen |', '|---|---|---|---|---|',
  ...size.rows.map((r) => `| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${r.firstLoad ? 'yes' : ''} |`),
];
if (lighthouse) {
  const lh = await lighthouseTable({ dist: 'dist', floorDist: FLOOR_DIST, runs: LH_RUNS });
  report.lighthouse = { runs: LH_RUNS, routes: lh.rows, floor: lh.floor };
  lines.push('', ...lh.lines);
}
const dir = join('results', report.date.slice(0, 19).replace(/[:T]/g, '-'));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'bench.json'), JSON.stringify(report, null, 2));
writeFileSync(join(dir, 'bench.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
console.log(`\nwritten to ${dir}/bench.md and bench.json`);
if (sync) run('node', ['scripts/bench_sync.mjs', '--no-build', '--cases', String(CASES), '--out', dir]);
