// The step that puts wasm-bindgen's snippets into the main JS (scripts/inline_snippets.mjs), on a
// staging dir made here: both import forms keep working (named, renamed, namespace objects as the
// wasm's import object uses them), each snippet's top-level state stays its own, the snippet files
// and their modulepreload links go, and a snippet form the step cannot convert stops the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineSnippets, snippetScope } from '../../scripts/inline_snippets.mjs';

const counter = `let count = 0;\nexport function bump() {\n  count += 1;\n  return count;\n}\nexport const label = 'idb';\nexport async function later(x) {\n  return x * 2;\n}\n`;
const other = `let count = 100;\nexport function bump() {\n  count += 1;\n  return count;\n}\n`;
const main = [
  `import { bump, label as name } from "./snippets/app-1/src/idb.js";`,
  `import * as idb from './snippets/app-1/src/idb.js';`,
  `import { bump as bumpOther } from "./snippets/app-1/src/other.js";`,
  `import * as loader from "./__wasm_split-1.js";`,
  `export function run() { return [bump(), idb.bump(), bumpOther(), name, Object.keys({ "./snippets/app-1/src/idb.js": idb }["./snippets/app-1/src/idb.js"])]; }`,
  `export const later = idb.later;`,
  `export const usesLoader = typeof loader;`,
].join('\n');

test('snippets go into the main JS: imports keep working, state stays per snippet, files and preloads go', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'senda-snippets-'));
  try {
    mkdirSync(join(dir, 'snippets', 'app-1', 'src'), { recursive: true });
    writeFileSync(join(dir, 'snippets', 'app-1', 'src', 'idb.js'), counter);
    writeFileSync(join(dir, 'snippets', 'app-1', 'src', 'other.js'), other);
    writeFileSync(join(dir, 'senda-1.js'), main);
    writeFileSync(join(dir, '__wasm_split-1.js'), 'export const x = 1;\n');
    const html = `<link rel="modulepreload" href="/senda/senda-1.js" crossorigin="anonymous">\n<link rel="modulepreload" href="/senda/snippets/app-1/src/idb.js" crossorigin="anonymous"><link rel="modulepreload" href="/senda/snippets/app-1/src/other.js" crossorigin="anonymous">`;

    const out = inlineSnippets(dir, 'senda-1.js', html);
    assert.equal(out.count, 2);
    assert.equal(out.html, '<link rel="modulepreload" href="/senda/senda-1.js" crossorigin="anonymous">\n');
    assert.equal(existsSync(join(dir, 'snippets')), false, 'the snippet files are gone');
    const js = readFileSync(join(dir, 'senda-1.js'), 'utf8');
    assert.ok(!js.includes('./snippets/app-1/src/idb.js"; ') && !/from\s*["']\.\/snippets/.test(js), js);
    assert.ok(js.includes('from "./__wasm_split-1.js"'), 'other imports are left alone');

    // Run it as a module (the loader import resolved to a stand-in).
    const runnable = js.replace('"./__wasm_split-1.js"', `"data:text/javascript,export const x = 1;"`);
    const loaded = await import(`data:text/javascript,${encodeURIComponent(runnable)}`);
    // One state for the named and the namespace import of idb.js, another for other.js.
    assert.deepEqual(loaded.run(), [1, 2, 101, 'idb', ['bump', 'label', 'later']]);
    assert.equal(await loaded.later(21), 42);
    assert.equal(loaded.usesLoader, 'object');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a snippet in a form the step cannot convert stops the build, naming it', () => {
  for (const source of [
    `export default function f() {}\n`,
    `function f() {}\nexport { f };\n`,
    `import { x } from './y.js';\nexport function f() { return x; }\n`,
    `export * from './y.js';\n`,
    `const nothing = 1;\n`,
  ]) {
    assert.throws(() => snippetScope(source, 'src/odd.js'), /inline_snippets: src\/odd\.js/, source);
  }
});

test('an import of a snippet the build does not have stops the build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'senda-snippets-'));
  try {
    mkdirSync(join(dir, 'snippets', 'a'), { recursive: true });
    writeFileSync(join(dir, 'snippets', 'a', 'one.js'), counter);
    writeFileSync(join(dir, 'senda-1.js'), `import { bump } from "./snippets/a/two.js";\n`);
    assert.throws(() => inlineSnippets(dir, 'senda-1.js', ''), /snippets\/a\/two\.js, which is not a snippet/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
