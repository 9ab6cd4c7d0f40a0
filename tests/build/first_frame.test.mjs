// The step that makes the app's downloads wait for a static first screen's first frame
// (scripts/first_frame.mjs), on Trunk's own form of index.html: the three hints go out of the HTML
// with their attributes kept for the preload script, the module script imports the app only after
// `window.sendaFirstFrame`, and any other form stops the build rather than ship a page that loads
// nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deferToFirstFrame, FIRST_FRAME } from '../../scripts/first_frame.mjs';

const trunk = `<html><head><base href="/senda/" />
<link rel="stylesheet" href="/senda/main-1.css"/>
<link rel="modulepreload" href="/senda/senda-1.js" crossorigin="anonymous">
<link rel="modulepreload" href="/senda/__wasm_split-1.js" crossorigin="anonymous">
<link rel="preload" href="/senda/senda-1_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"></head>
<body><script type="module">
import init, * as bindings from '/senda/senda-1.js';
const wasm = await init({ module_or_path: '/senda/senda-1_bg.wasm' });
window.wasmBindings = bindings;
</script></body></html>`;

test('the hints leave the HTML for the preload script, and the app is imported after the first frame', () => {
  const { html, hints } = deferToFirstFrame(trunk);
  assert.deepEqual(hints, [
    { rel: 'modulepreload', href: '/senda/senda-1.js', as: undefined, type: undefined },
    { rel: 'modulepreload', href: '/senda/__wasm_split-1.js', as: undefined, type: undefined },
    { rel: 'preload', href: '/senda/senda-1_bg.wasm', as: 'fetch', type: 'application/wasm' },
  ]);
  assert.doesNotMatch(html, /rel="(module)?preload"/);
  assert.match(html, /<link rel="stylesheet" href="\/senda\/main-1.css"\/>/);
  const module = html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  assert.doesNotMatch(module, /^\s*import /m, 'no static import: it would fetch before the frame');
  const order = ['await window.sendaFirstFrame;', "await import('/senda/senda-1.js')", 'const init = bindings.default;', 'await init('];
  const at = order.map((s) => module.indexOf(s));
  assert.ok(at.every((i) => i >= 0), module);
  assert.deepEqual([...at].sort((a, b) => a - b), at, 'in that order');
});

test('a page without Trunk\'s three hints or module script stops the build', () => {
  assert.throws(() => deferToFirstFrame(trunk.replace(/<link rel="preload"[^>]*>/, '')), /3 preload hints/);
  assert.throws(() => deferToFirstFrame(trunk.replace(/<script type="module">[\s\S]*?<\/script>/, '')), /module script is missing/);
  assert.throws(() => deferToFirstFrame(trunk.replace("import init, * as bindings from", 'import init from')), /not in the form/);
});

test('the first frame settles at once in a tab that is not visible, and at most 1 s after otherwise', async () => {
  const run = async (visibility, raf) => {
    const window = {};
    const document = { visibilityState: visibility };
    const started = Date.now();
    new Function('window', 'document', 'requestAnimationFrame', FIRST_FRAME)(window, document, raf);
    await window.sendaFirstFrame;
    return Date.now() - started;
  };
  assert.ok((await run('hidden', () => {})) < 50);
  assert.ok((await run('visible', (f) => setTimeout(f, 16))) < 300, 'a frame, then a task');
  const never = await run('visible', () => {}); // no frame ever painted
  assert.ok(never >= 950 && never < 1500, `${never} ms`);
});
