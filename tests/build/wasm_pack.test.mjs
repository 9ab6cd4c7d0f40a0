// Tests of the chunk packing (scripts/wasm_pack.mjs) on a loader of wasm-split's shape and real
// (tiny) wasm modules: the grouping rules, and that the rewritten loader instantiates each
// chunk from its pack with exactly its own bytes, fetches a pack once, and fetches it again
// after a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupChunks, packChunks, parseLoads } from '../../scripts/wasm_pack.mjs';

/** A valid wasm module exporting the i32 global `v` = n (0 <= n < 64), padded to `pad` bytes
 *  with a custom section so that sizes differ. */
function module(n, pad = 0) {
  const custom = pad ? [0x00, pad + 2, 1, 0x78, ...new Array(pad).fill(0)] : [];
  return Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 6, 6, 1, 0x7f, 0, 0x41, n, 0x0b, 7, 5, 1, 1, 0x76, 3, 0, ...custom]);
}

// The loader's shape (wasm_split_cli_support 0.2.4): a fetcher per file, a memoised load per
// chunk and per split, the split's load awaiting its chunks.
const RUNTIME = `import { initSync } from "./senda-0.js";
function makeLoad(fetcher, deps) {
    const loader = async () => { const ps = deps.map((d) => d()); const inst = fetcher(); await Promise.all(ps); return inst({}); };
    return () => loader();
}
function wrapAsyncCb(f) { return f; }
`;
const fetcher = (file) => `() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
`;
function loaderFor(chunks, splits) {
  let js = RUNTIME;
  for (const [i, c] of chunks.entries()) {
    js += `/* ${c.users.join(', ')} */\nconst __chunk_${i} = makeLoad(${fetcher(c.file)}, []);\n`;
  }
  for (const s of splits) {
    const deps = chunks.map((c, i) => (c.users.includes(s) ? `__chunk_${i}` : null)).filter(Boolean);
    js += `export const __wasm_split_load_${s} = wrapAsyncCb(makeLoad(${fetcher(`lazy-${s}-0.wasm`)}, [${deps.join(', ')}]));\n`;
  }
  return js;
}

/** Evaluates a loader with `fetch` served from `files`; returns its loads and the fetch log. */
function evaluate(loader, files, { failFirst = new Set() } = {}) {
  const fetched = [];
  const failed = new Set();
  const fetch = async (url) => {
    const name = String(url).split('/').pop();
    fetched.push(name);
    if (failFirst.has(name) && !failed.has(name)) {
      failed.add(name);
      return new Response('', { status: 503 });
    }
    const bytes = files.get(name);
    if (!bytes) return new Response('', { status: 404 });
    return new Response(bytes, { headers: { 'content-type': 'application/wasm' } });
  };
  const body = loader
    .replace(/^import .*\n/, '')
    .replaceAll('import.meta.url', '"http://x/senda/"')
    .replace(/^export const /gm, 'const ');
  const names = [...loader.matchAll(/^(?:export )?const (__\w+) = /gm)].map((m) => m[1]);
  const make = new Function('fetch', `${body}\nreturn { ${names.join(', ')} };`);
  return { loads: make(fetch), fetched };
}

const value = (result) => result.instance.exports.v.value;

test('small chunks used together are packed; each is instantiated from its own bytes', async () => {
  const chunks = [
    { file: 'lazy-chunk_0-a.wasm', users: ['cases', 'guide'], bytes: module(1) },
    { file: 'lazy-chunk_1-b.wasm', users: ['cases', 'guide', 'reference'], bytes: module(2, 40) },
    { file: 'lazy-chunk_2-c.wasm', users: ['guide', 'reference'], bytes: module(3, 10) },
  ];
  const splits = ['cases', 'guide', 'reference'];
  const files = new Map(chunks.map((c) => [c.file, c.bytes]));
  for (const [i, s] of splits.entries()) files.set(`lazy-${s}-0.wasm`, module(10 + i));
  const loader = loaderFor(chunks, splits);
  const packed = packChunks(loader, files);

  // Tiny chunks: one request saved outweighs any byte added, so all three are one pack.
  const packs = [...packed.files.keys()].filter((f) => f.startsWith('lazy-pack-'));
  assert.equal(packs.length, 1, `packs: ${[...packed.files.keys()]}`);
  for (const c of chunks) assert.ok(!packed.files.has(c.file), `${c.file} is in the pack, not apart`);
  for (const s of splits) assert.ok(packed.files.has(`lazy-${s}-0.wasm`), 'a split keeps its own file');
  assert.deepEqual(packed.report.guide.before.files, 4);
  assert.deepEqual(packed.report.guide.after.files, 2);

  // The loader's parse still finds every chunk's file (the precache order and preload hints).
  const loads = parseLoads(packed.loader);
  assert.equal(loads.get('__chunk_1').file, packs[0]);
  assert.deepEqual(loads.get('__wasm_split_load_cases').deps, ['__chunk_0', '__chunk_1']);

  const { loads: run, fetched } = evaluate(packed.loader, packed.files);
  assert.deepEqual(await Promise.all([run.__chunk_0(), run.__chunk_1(), run.__chunk_2()].map((p) => p.then(value))), [1, 2, 3]);
  assert.equal(value(await run.__wasm_split_load_guide()), 11);
  assert.equal(fetched.filter((f) => f === packs[0]).length, 1, `the pack is fetched once: ${fetched}`);
});

test('a pack that failed to arrive is fetched again by the next load', async () => {
  const chunks = [
    { file: 'lazy-chunk_0-a.wasm', users: ['cases', 'guide'], bytes: module(1) },
    { file: 'lazy-chunk_1-b.wasm', users: ['cases', 'guide'], bytes: module(2) },
  ];
  const files = new Map(chunks.map((c) => [c.file, c.bytes]));
  files.set('lazy-cases-0.wasm', module(5));
  files.set('lazy-guide-0.wasm', module(6));
  const packed = packChunks(loaderFor(chunks, ['cases', 'guide']), files);
  const pack = [...packed.files.keys()].find((f) => f.startsWith('lazy-pack-'));
  // A fresh loader per attempt: the loader's own memo is not what is tested here, the pack's is.
  const first = evaluate(packed.loader, packed.files, { failFirst: new Set([pack]) });
  await assert.rejects(first.loads.__chunk_0());
  assert.equal(value(await first.loads.__chunk_1()), 2, 'the second load fetched the pack again');
  assert.equal(first.fetched.filter((f) => f === pack).length, 2);
});

test('a large chunk few areas use stays apart; the cap on files per area still holds', () => {
  const sizes = new Map([['big', 200_000], ['s1', 500], ['s2', 700], ['s3', 900], ['s4', 300]]);
  const users = new Map([
    ['big', new Set(['cases', 'settings'])],
    ['s1', new Set(['cases', 'guide'])], ['s2', new Set(['guide', 'reference'])],
    ['s3', new Set(['cases', 'reference'])], ['s4', new Set(['children', 'guide'])],
  ]);
  const groups = groupChunks(sizes, users);
  const big = groups.find((g) => g.files.includes('big'));
  assert.deepEqual(big.files, ['big'], 'the 200 KB chunk is not added to areas that do not use it');
  assert.equal(groups.length, 2);
  // With a cap of 2 files (own module + one), even the big one merges for the areas that need it.
  const capped = groupChunks(sizes, users, { maxFiles: 2 });
  const count = new Map();
  for (const g of capped) for (const s of g.splits) count.set(s, (count.get(s) || 0) + 1);
  for (const [s, n] of count) assert.ok(n + 1 <= 2, `${s} needs ${n + 1} files`);
  // Every chunk is in exactly one group.
  assert.deepEqual(capped.flatMap((g) => g.files).sort(), [...sizes.keys()].sort());
});
