// The bare Leptos router app the benchmark measures Senda against (bench/floor): built with the
// app's release profile and put through the same two size steps as the app's build, so that the
// ratios compare like with like. Used by scripts/bench.mjs and scripts/lighthouse.mjs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyStaging } from './minify.mjs';
import { shortenImports } from './wasm_imports.mjs';

export const FLOOR_DIST = 'bench/floor/dist';

const run = (cmd, args, cwd, env) => execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });

/** Builds the floor into bench/floor/dist (a few minutes the first time). */
export async function buildFloor() {
  // Without `--emit-relocs`, which only the split needs (RUSTFLAGS replaces the rustflags of
  // .cargo/config.toml).
  const env = { ...process.env, RUSTFLAGS: '--cfg erase_components' };
  run('cargo', ['fetch', '--quiet', '--manifest-path', 'bench/floor/Cargo.toml'], '.', env);
  run('trunk', ['build', '--release', '--offline', '--public-url', '/floor/'], 'bench/floor', env);
  await leanLikeTheApp(FLOOR_DIST);
}

/** The floor through the same two size steps as the app's release build (short import names,
 * then minified scripts with their integrity hashes redone). */
async function leanLikeTheApp(dir) {
  const stem = readdirSync(dir).find((f) => /_bg\.wasm$/.test(f)).replace(/_bg\.wasm$/, '');
  const [wasm, js] = [readFileSync(join(dir, `${stem}_bg.wasm`)), readFileSync(join(dir, `${stem}.js`), 'utf8')];
  // wasm-bindgen's own module: the one its `__wbg_` functions are imported from.
  const own = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).find((i) => i.name.startsWith('__wbg_'));
  if (!own) throw new Error('floor: the floor has no wasm-bindgen import to rename');
  const short = shortenImports(wasm, js, own.module);
  writeFileSync(join(dir, `${stem}_bg.wasm`), short.wasm);
  writeFileSync(join(dir, `${stem}.js`), short.js);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  writeFileSync(join(dir, 'index.html'), (await minifyStaging(dir, html)).html);
}
