// Builds the vault's key worker into Trunk's staging dir (run by scripts/postbuild.mjs): the
// crate kdf_worker/ (Argon2id from senda-core, no wasm-bindgen, no imports) compiled in release
// whatever the app's profile (Argon2id unoptimised would take seconds), wasm-opt -Oz, and the
// worker script public/kdf_worker.js minified; both content-hashed, and named in index.html's
// <meta name="senda-kdf-worker" content="<script> <wasm>"> for the app (src/vault/kdf_worker.js).
// Nothing in the first screen loads them: the app starts the worker only to derive a key. The
// service worker precaches them with the first-screen files, so an unlock works offline.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const WASM_OPT = existsSync('node_modules/.bin/wasm-opt') ? 'node_modules/.bin/wasm-opt' : 'wasm-opt';
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** The worker's files written into `staging`; returns `html` with the meta naming them. */
export async function buildKdfWorker(staging, html) {
  run('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'senda-kdf-worker']);
  const target = process.env.CARGO_TARGET_DIR || 'target';
  const built = join(target, 'wasm32-unknown-unknown', 'release', 'senda_kdf_worker.wasm');
  const optimised = join(target, 'senda_kdf_worker.opt.wasm');
  run(WASM_OPT, ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', built, '-o', optimised]);
  const wasm = readFileSync(optimised);
  const wasmName = `kdf-worker-${hash(wasm)}.wasm`;
  writeFileSync(join(staging, wasmName), wasm);
  const source = readFileSync('public/kdf_worker.js', 'utf8');
  const script = (await minify(source, { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
  const scriptName = `kdf-worker-${hash(script)}.js`;
  writeFileSync(join(staging, scriptName), script);
  const referrer = html.match(/<meta name="referrer"[^>]*>/);
  if (!referrer) throw new Error('kdf_worker: <meta name="referrer"> is missing from index.html');
  const meta = `<meta name="senda-kdf-worker" content="${scriptName} ${wasmName}" />`;
  console.log(`kdf_worker: ${scriptName} (${script.length} B), ${wasmName} (${wasm.length} B)`);
  return html.replace(referrer[0], `${referrer[0]}\n    ${meta}`);
}
