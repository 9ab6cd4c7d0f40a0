// Short import names (scripts/wasm_imports.mjs) on a module built here: the imports of
// wasm-bindgen's module are renamed in the wasm and in the JS alike, the module still
// instantiates with the renamed import object and calls through it, the other modules' imports
// keep their names, and a name the JS does not hold exactly once stops the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortName, shortenImports } from '../../scripts/wasm_imports.mjs';

const str = (s) => [s.length, ...Buffer.from(s)];
const section = (id, body) => [id, body.length, ...body];

/** A module importing two functions from `./app_bg.js` and one from a snippet, exporting
 * `run() = first() + second() + snippet()`. */
function module() {
  const type = section(1, [1, 0x60, 0, 1, 0x7f]); // one type: () -> i32
  const imports = section(2, [
    3,
    ...str('./app_bg.js'), ...str('__wbg_first_0123456789abcdef'), 0, 0,
    ...str('./snippets/x.js'), ...str('openDatabase'), 0, 0,
    ...str('./app_bg.js'), ...str('__wbg_second_fedcba9876543210'), 0, 0,
  ]);
  const funcs = section(3, [1, 0]);
  const exports = section(7, [1, ...str('run'), 0, 3]);
  // call 0, call 2, i32.add, call 1, i32.add
  const body = [0, 0x10, 0, 0x10, 2, 0x6a, 0x10, 1, 0x6a, 0x0b];
  const code = section(10, [1, body.length, ...body]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imports, ...funcs, ...exports, ...code]);
}

const JS = `const import0 = {\n  __wbg_first_0123456789abcdef: function() { return 40; },\n  __wbg_second_fedcba9876543210: function() { return 2; },\n};`;

test('the imports of wasm-bindgen\'s module get short names in the wasm and the JS, and still link', async () => {
  const out = shortenImports(module(), JS, './app_bg.js');
  assert.equal(out.renamed, 2);
  assert.ok(!out.js.includes('__wbg_') && out.js.includes('a: function') && out.js.includes('b: function'), out.js);
  const names = WebAssembly.Module.imports(new WebAssembly.Module(out.wasm)).map((i) => `${i.module} ${i.name}`);
  assert.deepEqual(names, ['./app_bg.js a', './snippets/x.js openDatabase', './app_bg.js b']);
  const import0 = new Function(`${out.js}; return import0;`)();
  const { instance } = await WebAssembly.instantiate(out.wasm, {
    './app_bg.js': import0,
    './snippets/x.js': { openDatabase: () => 100 },
  });
  assert.equal(instance.exports.run(), 142);
  assert.ok(out.wasm.length < module().length);
});

test('a name the JS does not hold exactly once stops the build', () => {
  assert.throws(() => shortenImports(module(), JS.replace('__wbg_second_fedcba9876543210', 'other'), './app_bg.js'), /0 times/);
  assert.throws(() => shortenImports(module(), `${JS}\n__wbg_first_0123456789abcdef;`, './app_bg.js'), /2 times/);
});

test('short names are unique and never a keyword', () => {
  const names = Array.from({ length: 2000 }, (_, n) => shortName(n));
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^[a-zA-Z][0-9]*$/);
});
