// Size report of a build: each file's raw, gzip and brotli size, and the first-load total (what
// the first screen needs). `--budget KB` fails when the first-load gzip total exceeds it (CI).
// Usage: node scripts/size.mjs [dist] [--budget 250] [--json out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from './files_under.mjs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
const budget = flag('--budget');
const jsonOut = flag('--json');
const dist = args[0] || 'dist';

/** Sizes of every file of a build, and of what its first screen loads. */
export function measure(dir) {
  const files = filesUnder(dir);
  // The first screen: the page, its stylesheet and scripts, the main wasm, the manifest and the
  // header's mark. The wasm chunks split off for lazy screens (`lazy-*.wasm`, scripts/wasm_split.mjs)
  // are fetched when such a screen first opens: counted apart, as "on demand". Everything else
  // (the PNG icons, the 404 copy) is fetched later or never.
  // The vault's key worker (`kdf-worker-*`, scripts/kdf_worker.mjs) is fetched only to derive a
  // key: on demand too.
  const onDemand = (f) => /^lazy-.*\.wasm$/.test(f) || /^kdf-worker-[0-9a-f]+\.(js|wasm)$/.test(f);
  const firstLoad = (f) =>
    f === 'index.html' || f === 'manifest.webmanifest' || f === 'icons/icon.svg' ||
    /\.(css|js|wasm)$/.test(f) && f !== 'sw.js' && !onDemand(f);
  const rows = files.map((f) => {
    const bytes = readFileSync(join(dir, f));
    return {
      file: f,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      firstLoad: firstLoad(f),
      onDemand: onDemand(f),
    };
  });
  const sum = (key, which = 'firstLoad') => rows.filter((r) => r[which]).reduce((n, r) => n + r[key], 0);
  return {
    rows,
    firstLoad: { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') },
    onDemand: { raw: sum('raw', 'onDemand'), gzip: sum('gzip', 'onDemand'), brotli: sum('brotli', 'onDemand') },
  };
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8);

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = measure(dist);
  console.log(`Size of ${dist}/ (KB; * = needed by the first screen, + = wasm fetched when a lazy screen opens)`);
  console.log(`${'file'.padEnd(44)}${'raw'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
  for (const r of report.rows) {
    const mark = r.firstLoad ? '* ' : r.onDemand ? '+ ' : '  ';
    console.log(`${mark + r.file.padEnd(42)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
  }
  const t = report.firstLoad;
  const d = report.onDemand;
  console.log(`${'on demand total (lazy chunks, key worker)'.padEnd(44)}${kb(d.raw)}${kb(d.gzip)}${kb(d.brotli)}`);
  console.log(`${'first load total'.padEnd(44)}${kb(t.raw)}${kb(t.gzip)}${kb(t.brotli)}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
  if (budget !== undefined) {
    const limit = Number(budget) * 1024;
    if (t.gzip > limit) {
      console.error(`size budget exceeded: first load ${kb(t.gzip).trim()} KB gzip > ${budget} KB`);
      process.exit(1);
    }
    console.log(`size budget ok: first load ${kb(t.gzip).trim()} KB gzip <= ${budget} KB`);
  }
}
