// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core against
// the release build served under a sub-path, with every request and console error recorded, and
// a test failed on any console error, page error or request to another origin.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chromium } from 'playwright-core';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './server.mjs';

export const DIST = process.env.SENDA_DIST || 'dist';
// Storage names carry it (src/storage_names.rs): 'senda-vault:/senda/', 'senda.settings:/senda/'.
export const PREFIX = '/senda/';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
export const ROUTES = ['', 'cases', 'guide', 'children', 'reference', 'settings'];

/** Whether a request stays on the app's own origin (a Blob URL counts by the page that made it;
 *  a data: URL makes no request at all). */
function ownOrigin(url, origin) {
  if (url.startsWith('data:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Serves a private copy of the build (tests may change it) and opens a fresh browser profile.
 *  `close()` fails the test on any console error, page error or request to another origin;
 *  `allow` lists the console or page errors a test provokes on purpose, or the other origins it
 *  talks to on purpose (a team's sync server), as strings or RegExps each matched against the
 *  recorded line; nothing else is tolerated. Prefer `withApp`.
 *  `serviceWorkers: 'block'` runs it as a browser without a service worker, `latency` (ms per
 *  file) as a slow network; `args` adds Chromium switches (a fake camera). */
export async function open({ persistent = false, allow = [], serviceWorkers = 'allow', latency = 0, args = [] } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'senda-e2e-'));
  cpSync(DIST, join(root, 'site'), { recursive: true });
  const server = await serve(join(root, 'site'), PREFIX, 0, { latency });
  const options = { viewport: { width: 360, height: 740 }, serviceWorkers };
  let browser, context;
  if (persistent) {
    context = await chromium.launchPersistentContext(join(root, 'profile'), {
      executablePath: CHROMIUM, args: [...ARGS, ...args], headless: true, ...options,
    });
  } else {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...args] });
    context = await browser.newContext(options);
  }
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (page) => {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  };
  const existing = context.pages()[0];
  if (existing) watch(existing);
  context.on('page', watch);
  const page = existing || (await context.newPage());
  const expected = (p) => allow.some((a) => (typeof a === 'string' ? p.includes(a) : a.test(p)));
  const s = {
    page, context, server, requests, problems, site: join(root, 'site'),
    url: (path = '') => server.url + path,
    /** What the test did not say it expects: requests to other origins, console and page errors. */
    unexpected() {
      const foreign = requests.filter((u) => !ownOrigin(u, server.origin)).map((u) => `request to another origin: ${u}`);
      return [...foreign, ...problems].filter((p) => !expected(p));
    },
    /** Closes everything; then, unless `check` is false, fails on anything `unexpected()` lists. */
    async close({ check = true } = {}) {
      const found = s.unexpected();
      await context.close();
      if (browser) await browser.close();
      await server.close();
      rmSync(root, { recursive: true, force: true });
      if (check) assert.deepEqual(found, [], 'console errors, page errors or requests to another origin');
    },
  };
  return s;
}

/** Runs `body(s)` against a fresh app from `open(options)` and closes it, failing the test on any
 *  console error, page error or request to another origin (see `open` for `allow`). When the body
 *  itself fails, its error is kept and what was recorded is added to its message. */
export async function withApp(options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  const s = await open(options);
  let failed = true;
  try {
    await body(s);
    failed = false;
  } catch (e) {
    const found = s.unexpected();
    if (found.length && e instanceof Error) e.message += `\n(also recorded: ${found.join('; ')})`;
    throw e;
  } finally {
    await s.close({ check: !failed });
  }
}

/** Waits until the app has rendered its shell (its bottom navigation, not a static first
 *  screen's copy, scripts/static_screens.mjs: the app's frame shows once its screen is painted). */
export async function appReady(page) {
  await page.locator(':not(#senda-static) > nav.bottom-nav').waitFor({ state: 'visible', timeout: 15000 });
}

/** Waits until a service worker controls the page. */
export async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
}

/** One online visit that leaves the app ready offline under its service worker. */
export async function visitOnce(s) {
  await s.page.goto(s.url(''));
  await appReady(s.page);
  await controlled(s.page);
  await s.page.locator('[data-offline="ready"]').waitFor({ state: 'attached' });
}

/** Really offline: the server is gone and the browser says it has no network. */
export async function goOffline(s) {
  await s.server.close();
  await s.context.setOffline(true);
}

/** Takes a screenshot of what the phone shows into tests/e2e/artifacts (not committed). */
export async function snapshot(page, name) {
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  await page.screenshot({ path: `tests/e2e/artifacts/${name}.png` });
}

/** Turns the served build in `site` into a build B: index.html changes (a marker), and so do its
 *  recorded size and SHA-256 and the version in the worker, as a real new build's would. */
export function deployB(site) {
  const indexPath = join(site, 'index.html');
  const html = readFileSync(indexPath, 'utf8').replace('</head>', '<meta name="senda-test-build" content="B">\n</head>');
  writeFileSync(indexPath, html);
  const swPath = join(site, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const m = sw.match(/const PRECACHE = (\[.*\]);\n/);
  assert.ok(m, 'the precache list in sw.js');
  const entries = JSON.parse(m[1]).map((e) => (e.path === 'index.html'
    ? { ...e, size: Buffer.byteLength(html), sha256: createHash('sha256').update(html).digest('hex') } : e));
  writeFileSync(swPath, sw.replace(m[1], JSON.stringify(entries)).replace(/const VERSION = '([^']+)'/, "const VERSION = '$1b'"));
}
