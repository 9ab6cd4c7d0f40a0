// Code splitting for the Trunk build (run by scripts/postbuild.mjs, before the CSP and the precache
// list): cuts the `#[lazy]` screens (src/lazy_routes.rs) out of the first-load wasm.
// Trunk has no step between `cargo build` and wasm-bindgen, so this redoes that part the way
// cargo-leptos does for Leptos's split builds: wasm-split-cli on cargo's wasm (linked with
// --emit-relocs, see .cargo/config.toml), wasm-bindgen on the main module (keeping the linker's
// exports the chunks import), wasm-opt -Oz on every module, short import names in a release
// build (scripts/wasm_imports.mjs), then it replaces Trunk's unsplit
// `senda-<hash>.js` / `senda-<hash>_bg.wasm` in the staging dir under the same names, so Trunk's
// start script in index.html still applies. Chunks are named `lazy-<name>-<hash>.wasm` (the hash
// of their bytes) and the loader `__wasm_split-<hash>.js`, so a new build never meets a stale one.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packChunks } from './wasm_pack.mjs';
import { shortenImports } from './wasm_imports.mjs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
// The tools scripts/setup.sh installs: wasm-opt from npm (binaryen 132), the others from crates.io.
const WASM_OPT = existsSync('node_modules/.bin/wasm-opt') ? 'node_modules/.bin/wasm-opt' : 'wasm-opt';
const WASM_BINDGEN_VERSION = '0.2.130';
const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Splits the build in `staging` (Trunk's staging dir) and returns the names of the files written. */
export function splitWasm(staging, profile) {
  const indexPath = join(staging, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const m = html.match(/import init, \* as bindings from '[^']*?\/?(senda-[0-9a-f]+)\.js'/);
  if (!m) throw new Error('wasm_split: Trunk\'s start script (senda-<hash>.js) is not in index.html');
  const stem = m[1];
  if (!existsSync(join(staging, `${stem}_bg.wasm`))) throw new Error(`wasm_split: ${stem}_bg.wasm is not in the staging dir`);

  const bindgen = execFileSync('wasm-bindgen', ['--version'], { encoding: 'utf8' });
  if (!bindgen.includes(` ${WASM_BINDGEN_VERSION}`)) throw new Error(`wasm_split: wasm-bindgen ${WASM_BINDGEN_VERSION} is needed, found ${bindgen.trim()}`);
  const target = process.env.CARGO_TARGET_DIR || 'target';
  const input = join(target, 'wasm32-unknown-unknown', profile, 'senda.wasm');
  const work = join(target, 'wasm-split', profile);
  // Steps 1-3 depend only on cargo's wasm (and the tools): when it is unchanged since the last
  // build (a change to scripts or content only), their output is reused — wasm-opt on every
  // module is most of the post-build time.
  const key = createHash('sha256').update(readFileSync(input)).update(`${stem} ${bindgen} ${profile}`).digest('hex');
  const keyPath = join(work, 'input.sha256');
  const reuse = existsSync(keyPath) && readFileSync(keyPath, 'utf8') === key;
  if (!reuse) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, 'bindgen'), { recursive: true });
    // 1. Split cargo's wasm: the main module (still to go through wasm-bindgen), the chunks and
    //    the JS loader `__wasm_split.js` that fetches them (it imports `initSync` from ./<stem>.js).
    run('wasm-split-cli', [input, work, '--out-name', stem]);
  }
  const chunks = readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
  if (chunks.length === 0) throw new Error('wasm_split: no chunk was split off (is --emit-relocs in the rustflags?)');

  if (!reuse) {
    // 2. wasm-bindgen on the main module only, keeping the exports the chunks link against.
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--no-typescript',
      '--out-name', stem, '--out-dir', join(work, 'bindgen'), join(work, `${stem}.wasm`)]);

    // 3. wasm-opt on every module of a release build (Trunk's own wasm-opt is off:
    //    data-wasm-opt="0" in index.html); a debug build (trunk serve) stays as it is, as with Trunk.
    const opt = (path) => profile === 'release' && run(WASM_OPT, ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', path, '-o', path]);
    opt(join(work, 'bindgen', `${stem}_bg.wasm`));
    for (const c of chunks) opt(join(work, c));
    writeFileSync(keyPath, key);
  } else {
    console.log('wasm_split: cargo\'s wasm is unchanged: the split, wasm-bindgen and wasm-opt of the last build are reused');
  }

  // 4. Into the staging dir: chunks under content-hashed names, the loader pointing at them.
  let loader = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  // A chunk that cannot be fetched is a value the app handles (src/lazy_screen.rs says so on
  // screen and retries): the loader's report of it is a warning, not an error.
  if (!loader.includes('console.error(e);')) throw new Error('wasm_split: the loader\'s failure report has changed');
  loader = loader.replace('console.error(e);', 'console.warn(e);');
  const files = new Map();
  for (const c of chunks) {
    const bytes = readFileSync(join(work, c));
    // split___cases_route_view_7175010137768496340.wasm -> lazy-cases_route_view-<hash>.wasm
    const name = c.replace(/\.wasm$/, '').replace(/^split_+/, '').replace(/_\d{6,}$/, '');
    const out = `lazy-${name}-${short(bytes)}.wasm`;
    if (!loader.includes(`"./${c}"`)) throw new Error(`wasm_split: the loader does not name ${c}`);
    loader = loader.replaceAll(`"./${c}"`, `"./${out}"`);
    files.set(out, bytes);
  }
  // The shared chunks grouped by co-use into packs (scripts/wasm_pack.mjs): fewer requests.
  // SENDA_PACK=0 leaves them apart (to measure what packing buys).
  const packed = process.env.SENDA_PACK === '0' ? packChunks(loader, files, { requestBytes: 0, maxFiles: Infinity }) : packChunks(loader, files);
  loader = packed.loader;
  const written = [];
  for (const [out, bytes] of packed.files) {
    writeFileSync(join(staging, out), bytes);
    written.push(out);
  }
  writeFileSync(join(work, 'pack-report.json'), JSON.stringify(packed.report, null, 1));
  const kb = (b) => (b / 1024).toFixed(1);
  for (const [split, r] of Object.entries(packed.report)) {
    console.log(`wasm_pack: ${split}: ${r.before.files} files ${kb(r.before.gzip)} KB gzip -> ${r.after.files} files ${kb(r.after.gzip)} KB`);
  }
  const loaderName = `__wasm_split-${short(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);

  let js = readFileSync(join(work, 'bindgen', `${stem}.js`), 'utf8');
  // Only the JS import statements: the wasm's own import module name stays "./__wasm_split.js".
  if (!js.includes('from "./__wasm_split.js"')) throw new Error('wasm_split: the main JS does not import the loader');
  js = js.replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`);
  let wasm = readFileSync(join(work, 'bindgen', `${stem}_bg.wasm`));
  // A release build's imports of wasm-bindgen's own JS get short names, in both files
  // (scripts/wasm_imports.mjs): their hashed names do not compress.
  if (profile === 'release') {
    const shortened = shortenImports(wasm, js, `./${stem}_bg.js`);
    ({ wasm, js } = shortened);
    console.log(`wasm_split: ${shortened.renamed} imports of ${stem}_bg.js renamed short`);
  }
  writeFileSync(join(staging, `${stem}.js`), js);
  writeFileSync(join(staging, `${stem}_bg.wasm`), wasm);
  if (existsSync(join(work, 'bindgen', 'snippets'))) {
    cpSync(join(work, 'bindgen', 'snippets'), join(staging, 'snippets'), { recursive: true });
  }

  // 5. The loader is part of the first load: preload it next to Trunk's preload of the main JS.
  const preload = html.match(/<link rel="modulepreload" href="([^"]*)senda-[0-9a-f]+\.js"[^>]*>/);
  if (!preload) throw new Error('wasm_split: Trunk\'s modulepreload link is missing from index.html');
  html = html.replace(preload[0], `${preload[0]}\n<link rel="modulepreload" href="${preload[1]}${loaderName}" crossorigin="anonymous">`);
  writeFileSync(indexPath, html);
  console.log(`wasm_split: ${chunks.length} chunk(s) split off ${stem}_bg.wasm, ${written.length} file(s) after ${packed.packs} pack(s), loader ${loaderName}`);
  return [loaderName, ...written];
}
