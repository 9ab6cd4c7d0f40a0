// Key derivation on this machine's Chromium: PBKDF2-SHA-256 at the vault's 600,000 iterations
// (WebCrypto, as the vault derives today) against Argon2id at the memory costs a cheap phone
// bears (RustCrypto `argon2` compiled to wasm as the vault's chunk would carry it, in
// bench/kdf), each on the main thread with the CPU not throttled and throttled 4× (DevTools'
// CPU throttling, the benchmark's "phone"). Prints a table; writes results/<date>/bench_kdf.md.
// Usage: node scripts/bench_kdf.mjs [--runs 5]   (builds bench/kdf first; about 3 minutes)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';
import { ARGS, CHROMIUM } from '../tests/e2e/support.mjs';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) || 5;
const OUT = 'bench/kdf/dist';
// OWASP's Argon2id rows (m, t, p = 1) and one heavier: memory in KiB.
const ARGON = [
  { m: 19456, t: 2 },
  { m: 47104, t: 1 },
  { m: 65536, t: 1 },
  { m: 65536, t: 2 },
  { m: 65536, t: 3 },
];

const run = (cmd, args, cwd = '.') => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
console.error('bench_kdf: building bench/kdf (wasm)…');
run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--manifest-path', 'bench/kdf/Cargo.toml']);
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', OUT,
  'bench/kdf/target/wasm32-unknown-unknown/release/senda_kdf_bench.wasm']);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'index.html'), `<!doctype html><meta charset="utf-8"><title>kdf</title>
<script type="module">
import init, { argon2id } from './senda_kdf_bench.js';
await init();
const salt = crypto.getRandomValues(new Uint8Array(16));
window.argon = (m, t) => { const s = performance.now(); argon2id('benchmark passphrase 2026', salt, m, t); return performance.now() - s; };
window.pbkdf2 = async () => {
  const s = performance.now();
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode('benchmark passphrase 2026'), 'PBKDF2', false, ['deriveBits']);
  await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600000 }, base, 256);
  return performance.now() - s;
};
window.ready = true;
</script>`);
const wasmFile = join(OUT, 'senda_kdf_bench_bg.wasm');
const wasmGzip = gzipSync(readFileSync(wasmFile), { level: 9 }).length;

const server = await serve(OUT, '/kdf/');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.floor(s.length / 2)]); };
const rows = [];
for (const rate of [1, 4]) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(server.url);
  await page.waitForFunction(() => window.ready, null, { timeout: 60000 });
  const times = async (f) => { const xs = []; for (let i = 0; i < RUNS; i++) xs.push(await f()); return median(xs); };
  rows.push({ kdf: 'PBKDF2-SHA-256, 600,000 iterations (WebCrypto)', rate, ms: await times(() => page.evaluate(() => window.pbkdf2())) });
  for (const { m, t } of ARGON) {
    const label = `Argon2id m=${m} KiB (${Math.round(m / 1024)} MiB), t=${t}, p=1 (wasm)`;
    rows.push({ kdf: label, rate, ms: await times(() => page.evaluate(([m, t]) => window.argon(m, t), [m, t])) });
  }
  await page.close();
}
await browser.close();
await server.close();

const load = (await import('node:os')).loadavg()[0].toFixed(1);
const table = [
  `Key derivation, median of ${RUNS}, main thread, headless Chromium on this machine (${new Date().toISOString().slice(0, 10)}, load ${load}).`,
  `Argon2id wasm: ${(statSync(wasmFile).size / 1024).toFixed(1)} KB, ${(wasmGzip / 1024).toFixed(1)} KB gzip.`,
  '',
  '| key derivation | CPU 1× | CPU 4× |',
  '|---|---|---|',
  ...[...new Set(rows.map((r) => r.kdf))].map((kdf) => {
    const at = (rate) => rows.find((r) => r.kdf === kdf && r.rate === rate).ms;
    return `| ${kdf} | ${at(1)} ms | ${at(4)} ms |`;
  }),
].join('\n');
console.log(table);
const dir = join('results', new Date().toISOString().slice(0, 10));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'bench_kdf.md'), table + '\n');
