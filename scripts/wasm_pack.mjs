// Packs the small wasm chunks wasm-split cuts the shared code into (run by scripts/wasm_split.mjs):
// fewer requests for a lazy area's first opening, each chunk still instantiated exactly once.
//
// wasm-split keys a shared chunk by the exact set of splits that use it, so with nine areas the
// code they share falls into tens of small chunks, each one request (issue #16: /cases needed
// 94). Here chunks are grouped by co-use into packs: a pack is the chunks' bytes one after
// another in one file (`lazy-pack-<hash>.wasm`, gzip compresses them together), and the loader
// fetches a pack once (memoised on success only, so a retry after a failure fetches afresh) and
// instantiates from it only the chunks the area asks for, as before — a chunk's data segments
// are written once, by the one instance. The grouping is greedy: two groups merge when the
// requests it saves the areas that use both outweigh the bytes it adds to the areas that use only
// one (a request counted as REQUEST_BYTES of gzip); then, while an area still needs more than
// MAX_FILES wasm files, its cheapest pair merges. A split's own module is never packed.
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

/** What one request is worth in gzip bytes (slow 4G: ~150 ms round trip at ~1.6 Mbit/s, and
 *  the requests of one screen partly overlap). Measured on this build (2026-12-02, 105 modules):
 *  15 KB gave every area but Cases 3-4 wasm files for 7-25 KB more each; 5 KB kept more files,
 *  30 KB added 30-60 KB to most areas. */
export const REQUEST_BYTES = 15_000;
/** At most this many wasm files for any area: its own module and its packs and chunks. A cap of
 *  3 forced merges that added 50-140 KB to several areas; 7 is what the rule above gives Cases. */
export const MAX_FILES = 7;

const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** The loader's loads: `[export ]const NAME = [wrapAsyncCb(]makeLoad(fetcher of "./FILE", [DEPS])`. */
export function parseLoads(loader) {
  const loads = new Map();
  for (const part of loader.replace(/\/\*[^]*?\*\//g, '').split(/\n(?=(?:export )?const \w+ = )/)) {
    const name = part.match(/^(?:export )?const (\w+) = (?:wrapAsyncCb\()?makeLoad\(/);
    if (!name) continue;
    const file = part.match(/new URL\("\.\/([^"]+)"/);
    const deps = part.match(/\[([^\]]*)\]\)+;\s*$/);
    loads.set(name[1], {
      file: file ? file[1] : null,
      deps: deps ? deps[1].split(',').map((d) => d.trim()).filter(Boolean) : [],
    });
  }
  return loads;
}

/** Each shared chunk's file -> the set of splits that need it; and each split's own file. */
function coUse(loads) {
  const users = new Map();
  const own = new Map();
  const walk = (name, split, seen) => {
    const load = loads.get(name);
    if (!load) throw new Error(`wasm_pack: the loader has no ${name}`);
    for (const d of load.deps) {
      if (seen.has(d)) continue;
      seen.add(d);
      const f = loads.get(d)?.file;
      if (f) users.set(f, (users.get(f) || new Set()).add(split));
      walk(d, split, seen);
    }
  };
  for (const [name, load] of loads) {
    const m = name.match(/^__wasm_split_load_(\w+)$/);
    if (!m) continue;
    own.set(m[1], load.file);
    walk(name, m[1], new Set());
  }
  return { users, own };
}

/** Groups the chunk files (`sizes`: file -> gzip bytes, `users`: file -> splits) greedily. */
export function groupChunks(sizes, users, { requestBytes = REQUEST_BYTES, maxFiles = MAX_FILES } = {}) {
  let groups = [...sizes.keys()].map((f) => ({ files: [f], bytes: sizes.get(f), splits: new Set(users.get(f)) }));
  const delta = (a, b) => {
    let both = 0, onlyA = 0, onlyB = 0;
    for (const s of a.splits) (b.splits.has(s) ? both++ : onlyA++);
    for (const s of b.splits) if (!a.splits.has(s)) onlyB++;
    return b.bytes * onlyA + a.bytes * onlyB - requestBytes * both;
  };
  const merge = (i, j) => {
    const a = groups[i], b = groups[j];
    const m = { files: [...a.files, ...b.files], bytes: a.bytes + b.bytes, splits: new Set([...a.splits, ...b.splits]) };
    groups = groups.filter((_, k) => k !== i && k !== j).concat([m]);
  };
  const best = (candidates) => {
    let pick = null;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        if (!candidates(groups[i], groups[j])) continue;
        const d = delta(groups[i], groups[j]);
        if (!pick || d < pick.d) pick = { i, j, d };
      }
    }
    return pick;
  };
  // 1. Every merge that pays.
  for (let p = best(() => true); p && p.d < 0; p = best(() => true)) merge(p.i, p.j);
  // 2. The cap: the area with the most files merges its cheapest pair (its own module is one).
  for (;;) {
    const count = new Map();
    for (const g of groups) for (const s of g.splits) count.set(s, (count.get(s) || 0) + 1);
    const [worst, n] = [...count].sort((x, y) => y[1] - x[1])[0] || [null, 0];
    if (n + 1 <= maxFiles) break;
    const p = best((a, b) => a.splits.has(worst) && b.splits.has(worst));
    merge(p.i, p.j);
  }
  return groups;
}

/** The code added to the loader: a chunk's fetch can be answered from a pack. */
const PACK_RUNTIME = `
// scripts/wasm_pack.mjs: a chunk may be a part of a pack file (several chunks one after another).
const __sendaPacks = new Map();
function __sendaPackBytes(href) {
    let bytes = __sendaPacks.get(href);
    if (bytes === undefined) {
        bytes = fetch(href).then((r) => { if (!r.ok) throw new Error(href + ": " + r.status); return r.arrayBuffer(); });
        // Only a pack that arrived is kept: after a failure the next load fetches it again.
        bytes.catch(() => { if (__sendaPacks.get(href) === bytes) __sendaPacks.delete(href); });
        __sendaPacks.set(href, bytes);
    }
    return bytes;
}
/** What \`fetch\` of one chunk gives, taken from its pack: a wasm response of its own bytes. */
function __sendaPart(url, offset, length) {
    return __sendaPackBytes(url.href).then((b) => new Response(new Uint8Array(b, offset, length), { headers: { "content-type": "application/wasm" } }));
}
`;

/**
 * Packs the chunks of `files` (name -> bytes, every `lazy-*.wasm` the loader names) by co-use;
 * returns the new loader source, the files to write (name -> bytes) and a per-split report.
 */
export function packChunks(loader, files, options = {}) {
  const loads = parseLoads(loader);
  const { users, own } = coUse(loads);
  const gz = new Map([...files].map(([f, b]) => [f, gzipSync(b, { level: 9 }).length]));
  const sizes = new Map([...users.keys()].map((f) => [f, gz.get(f)]));
  for (const f of sizes.keys()) if (sizes.get(f) === undefined) throw new Error(`wasm_pack: ${f} is named by the loader but not built`);
  const groups = groupChunks(sizes, users, options);

  if (!/^import [^\n]*\n/.test(loader)) throw new Error('wasm_pack: the loader does not start with its import');
  const firstLine = loader.indexOf('\n') + 1; // after `import { initSync } from …;`
  let out = loader.slice(0, firstLine) + PACK_RUNTIME + loader.slice(firstLine);

  const written = new Map([...files].filter(([f]) => !users.has(f)));
  for (const g of groups) {
    if (g.files.length === 1) {
      written.set(g.files[0], files.get(g.files[0]));
      continue;
    }
    // Biggest first: the order does not matter to the loader, only to the offsets.
    g.files.sort((a, b) => files.get(b).length - files.get(a).length || (a < b ? -1 : 1));
    const bytes = Buffer.concat(g.files.map((f) => files.get(f)));
    const name = `lazy-pack-${short(bytes)}.wasm`;
    let offset = 0;
    for (const f of g.files) {
      const length = files.get(f).length;
      // wasm_split_cli_support 0.2.4: each load's fetcher is `fetch(new URL("./FILE", import.meta.url))`.
      const from = `fetch(new URL("./${f}", import.meta.url))`;
      if (!out.includes(from)) throw new Error(`wasm_pack: the loader does not fetch ${f} as expected`);
      out = out.replaceAll(from, `__sendaPart(new URL("./${name}", import.meta.url), ${offset}, ${length})`);
      offset += length;
    }
    written.set(name, bytes);
  }

  // Before and after, per split: wasm files and their gzip bytes.
  const report = {};
  const gzOf = (f) => gz.get(f) ?? gzipSync(written.get(f), { level: 9 }).length;
  const after = parseLoads(out);
  const needs = (ls, name, acc = new Set()) => {
    const l = ls.get(name);
    if (l.file) acc.add(l.file);
    for (const d of l.deps) needs(ls, d, acc);
    return acc;
  };
  for (const split of own.keys()) {
    const b = needs(loads, `__wasm_split_load_${split}`);
    const a = needs(after, `__wasm_split_load_${split}`);
    report[split] = {
      before: { files: b.size, gzip: [...b].reduce((s, f) => s + gzOf(f), 0) },
      after: { files: a.size, gzip: [...a].reduce((s, f) => s + gzOf(f), 0) },
    };
  }
  return { loader: out, files: written, report, packs: groups.filter((g) => g.files.length > 1).length };
}
