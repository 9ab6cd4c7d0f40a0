// The benchmark's Lighthouse step (issue #16): Lighthouse 12.2.3 (bench/lighthouse/, installed on
// first use; 13.x needs Node 22), mobile preset (simulated slow 4G, 4× CPU slowdown), a first
// visit to each main route of the release build and to the bare Leptos floor, both served by
// scripts/static_host.mjs (brotli/gzip, hashed files immutable) as a real host does.
// `node scripts/lighthouse.mjs [--runs 1]` prints the table (building the floor if it is missing);
// scripts/bench.mjs calls `lighthouseTable`.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host } from './static_host.mjs';
import { buildFloor, FLOOR_DIST } from './floor.mjs';

const DIR = 'bench/lighthouse';
const CLI = join(DIR, 'node_modules/lighthouse/cli/index.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The routes issue #16 names: Home, Cases, a case, Guide, a Guide phase, For children, a child
// topic, Reference, Settings, first contact (a case and a child topic open behind the vault and
// child mode, so their first visit shows the vault gate and the child start).
export const ROUTES = ['', 'cases', 'cases/00000000-0000-4000-8000-000000000000', 'guide', 'guide/first_contact',
  'children', 'child', 'reference', 'reference/glossary', 'settings', 'first-contact'];

function install() {
  if (existsSync(CLI)) return;
  console.error('lighthouse: installing lighthouse 12.2.3 into bench/lighthouse (once)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: DIR, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** One Lighthouse run of `url` in a fresh profile: the figures of the table. Asynchronous: the
 *  host runs in this process and must keep answering. */
async function audit(url) {
  const out = join(mkdtempSync(join(tmpdir(), 'senda-lh-')), 'report.json');
  try {
    await promisify(execFile)(process.execPath, [CLI, url, '--output=json', `--output-path=${out}`, '--quiet',
      '--only-categories=performance,accessibility,best-practices,seo',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage'],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 180000, maxBuffer: 1 << 26 });
    const r = JSON.parse(readFileSync(out, 'utf8'));
    const num = (id) => r.audits[id]?.numericValue ?? NaN;
    const score = (c) => Math.round((r.categories[c]?.score ?? NaN) * 100);
    return {
      performance: score('performance'), accessibility: score('accessibility'),
      bestPractices: score('best-practices'), seo: score('seo'),
      fcpMs: num('first-contentful-paint'), lcpMs: num('largest-contentful-paint'), tbtMs: num('total-blocking-time'),
      requests: r.audits['network-requests']?.details?.items?.length ?? NaN,
      bytes: num('total-byte-weight'),
    };
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
}

const median = (xs) => { const s = [...xs].filter((x) => !Number.isNaN(x)).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

/** The median over `runs` of each figure for each route of `dist` served under `prefix`. */
async function measureSite(dist, prefix, routes, runs) {
  const h = await host(dist, prefix);
  const rows = {};
  try {
    for (const route of routes) {
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await audit(h.url + route));
      rows['/' + route] = Object.fromEntries(Object.keys(all[0]).map((k) => [k, median(all.map((a) => a[k]))]));
      console.error(`lighthouse: ${prefix}${route}: performance ${rows['/' + route].performance}, LCP ${Math.round(rows['/' + route].lcpMs)} ms`);
    }
  } finally {
    await h.close();
  }
  return rows;
}

/** Lighthouse on every route of `dist` and on the floor's one route; {rows, floor, lines}. */
export async function lighthouseTable({ dist = 'dist', floorDist = FLOOR_DIST, runs = 1, routes = ROUTES } = {}) {
  install();
  const rows = await measureSite(dist, '/senda/', routes, runs);
  const floor = existsSync(floorDist) ? (await measureSite(floorDist, '/floor/', [''], runs))['/'] : null;
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const line = (name, r) => `| ${name} | ${r.performance} | ${s(r.fcpMs)} | ${s(r.lcpMs)} | ${Math.round(r.tbtMs)} ms | ${r.requests} | ${Math.round(r.bytes / 1024)} KB | ${r.accessibility}/${r.bestPractices}/${r.seo} |`;
  const lines = [
    `Lighthouse 12.2.3, mobile preset (simulated slow 4G, 4× CPU), first visit, median of ${runs}; brotli/gzip host (scripts/static_host.mjs)`, '',
    '| route | performance | FCP | LCP | TBT | requests | bytes | a11y/best practices/SEO |', '|---|---|---|---|---|---|---|---|',
    ...Object.entries(rows).map(([route, r]) => line(`\`/senda${route}\``, r)),
    ...(floor ? [line('bare Leptos router floor', floor)] : []),
  ];
  return { rows, floor, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const runs = Number(argv[argv.indexOf('--runs') + 1]) || 1;
  // Beside the floor, always: built once on a machine that has none.
  if (!existsSync(FLOOR_DIST)) await buildFloor();
  const { lines } = await lighthouseTable({ runs });
  console.log(lines.join('\n'));
}
