// The vault's unlock on the release build in dist/ with the real key worker, CPU 1× and 4×
// (DevTools' CPU throttling, as scripts/bench_kdf.mjs): a PBKDF2 vault (made, as the release
// before made it, with the key worker's files off the server, and kept so) against an Argon2id
// vault, each unlocked after a reload (the worker's start, its wasm's fetch and compile
// included) from the submit to the open vault's first screen, timed inside the page; plus the
// key worker alone, to see whether the throttling reaches the worker's thread. Prints a table;
// writes results/<date>/bench_unlock_kdf.md. Usage: node scripts/bench_unlock_kdf.mjs [--runs 7]
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';
import { ARGS, CHROMIUM, PREFIX } from '../tests/e2e/support.mjs';
import { setUpVault } from '../tests/e2e/vault_steps.mjs';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) || 7;
const PASSCODE = 'ríos claros del norte';
const site = join(mkdtempSync(join(tmpdir(), 'senda-bench-kdf-')), 'site');
cpSync('dist', site, { recursive: true });
const [script, wasm] = readFileSync(join(site, 'index.html'), 'utf8').match(/<meta name="senda-kdf-worker" content="([^"]+)"/)[1].split(' ');
const server = await serve(site, PREFIX);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.floor(s.length / 2)]); };

/** One unlock after a reload, timed in the page from the form's submit to the Lock button. */
async function timedUnlock(page) {
  await page.reload();
  await page.getByLabel('Código', { exact: true }).waitFor();
  await page.evaluate(() => {
    window.__unlock = new Promise((done) => {
      let start;
      document.addEventListener('submit', () => { start = performance.now(); }, { capture: true, once: true });
      const seen = new MutationObserver(() => {
        if (start !== undefined && [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Bloquear')) {
          seen.disconnect();
          done(performance.now() - start);
        }
      });
      seen.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  });
  await page.getByLabel('Código', { exact: true }).fill(PASSCODE);
  await page.getByRole('button', { name: 'Abrir' }).click();
  return page.evaluate(() => window.__unlock);
}

/** The key worker alone, started and ended as the app does, from the page. */
async function timedWorker(page) {
  return page.evaluate(async ([script, wasm]) => {
    const start = performance.now();
    const worker = new Worker(new URL(script, document.baseURI));
    const key = await new Promise((done) => {
      worker.onmessage = ({ data }) => done(data);
      worker.postMessage({
        wasm: new URL(wasm, document.baseURI).href, passcode: new TextEncoder().encode('benchmark passphrase'),
        salt: crypto.getRandomValues(new Uint8Array(16)), memoryKib: 65536, passes: 2, lanes: 1,
      });
    });
    worker.terminate();
    if (!key.key) throw new Error(key.error);
    return performance.now() - start;
  }, [script, wasm]);
}

const rows = [];
for (const kdf of ['PBKDF2', 'Argon2id']) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const away = kdf === 'PBKDF2';
  if (away) renameSync(join(site, script), join(site, `${script}.away`));
  await page.goto(`${server.url}cases`);
  await setUpVault(page, PASSCODE);
  for (const rate of [1, 4]) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const unlocks = [];
    for (let i = 0; i < RUNS; i++) unlocks.push(await timedUnlock(page));
    rows.push({ what: `unlock, ${kdf} vault (${kdf === 'PBKDF2' ? 'WebCrypto, 600,000' : 'key worker, 64 MiB, t=2'})`, rate, ms: median(unlocks), all: unlocks.map(Math.round) });
    if (!away) {
      const alone = [];
      for (let i = 0; i < RUNS; i++) alone.push(await timedWorker(page));
      rows.push({ what: 'key worker alone (start, fetch, compile, Argon2id, end)', rate, ms: median(alone), all: alone.map(Math.round) });
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
  if (away) renameSync(join(site, `${script}.away`), join(site, script));
  await context.close();
}
await browser.close();
await server.close();

const table = [
  `Unlock with the real key worker, release build, median of ${RUNS} (each after a reload), headless Chromium on this machine (${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0].toFixed(1)}).`,
  '',
  '| measure | CPU 1× | CPU 4× | runs at 4× (ms) |',
  '|---|---|---|---|',
  ...[...new Set(rows.map((r) => r.what))].map((what) => {
    const at = (rate) => rows.find((r) => r.what === what && r.rate === rate);
    return `| ${what} | ${at(1).ms} ms | ${at(4).ms} ms | ${at(4).all.join(', ')} |`;
  }),
].join('\n');
console.log(table);
const out = join('results', new Date().toISOString().slice(0, 10));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'bench_unlock_kdf.md'), `${table}\n`);
