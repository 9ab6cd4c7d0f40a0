// The release build's minification (scripts/minify.mjs) on a staging dir made here: modules keep
// their exports and behaviour, classic scripts keep their globals, the stylesheet keeps every
// rule in order, the integrity hashes in index.html match the rewritten files, and the chunk
// loader and the service worker are left byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { minifyStaging } from '../../scripts/minify.mjs';

const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

test('minifies scripts and the stylesheet, keeps what they do, and redoes the integrity hashes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'senda-minify-'));
  try {
    mkdirSync(join(dir, 'snippets', 'x'), { recursive: true });
    const module = `// a comment that goes\nexport function addUp(values) {\n  let total = 0;\n  for (const value of values) {\n    total += value;\n  }\n  return total;\n}\nexport default addUp;\n`;
    const classic = `/* the shell's script */\nfunction sendaGreeting(name) {\n  return 'hola ' + name;\n}\nvar sendaCounter = 41;\n`;
    const css = `/* comment */\n.a { color: red; }\n\n.b {\n  color: blue;\n}\n.a { color: green; }\n`;
    const loader = `/* kept */\nexport const __wasm_split_load_x = makeLoad(new URL("./lazy-x.wasm", import.meta.url), []);\n`;
    const sw = `const PRECACHE = __SENDA_PRECACHE__; // placeholder\n`;
    writeFileSync(join(dir, 'senda-1.js'), module);
    writeFileSync(join(dir, 'snippets', 'x', 'idb.js'), module);
    writeFileSync(join(dir, 'crash-1.js'), classic);
    writeFileSync(join(dir, 'main-1.css'), css);
    writeFileSync(join(dir, '__wasm_split-1.js'), loader);
    writeFileSync(join(dir, 'sw.js'), sw);
    const html = `<link rel="stylesheet" href="/senda/main-1.css" integrity="${sri(css)}"/>\n<script src="/senda/crash-1.js" integrity="${sri(classic)}"></script>\n<script type="module">import init from '/senda/senda-1.js';</script>`;

    const out = await minifyStaging(dir, html);
    assert.equal(out.files, 4, 'the module, the snippet, the classic script and the stylesheet');
    assert.ok(out.saved > 0);

    const js = readFileSync(join(dir, 'senda-1.js'), 'utf8');
    assert.ok(js.length < module.length && !js.includes('comment'), js);
    const loaded = await import(`data:text/javascript,${encodeURIComponent(js)}`);
    assert.equal(loaded.addUp([1, 2, 3]), 6);
    assert.equal(loaded.default([4]), 4);

    const script = readFileSync(join(dir, 'crash-1.js'), 'utf8');
    const globals = {};
    runInNewContext(script, globals);
    assert.equal(globals.sendaGreeting('Ana'), 'hola Ana', 'a classic script keeps its global names');
    assert.equal(globals.sendaCounter, 41);

    const style = readFileSync(join(dir, 'main-1.css'), 'utf8');
    assert.equal(style, '.a{color:red}.b{color:#00f}.a{color:green}', 'no rule moved or merged (values may be shortened)');

    assert.equal(readFileSync(join(dir, '__wasm_split-1.js'), 'utf8'), loader, 'the loader is untouched');
    assert.equal(readFileSync(join(dir, 'sw.js'), 'utf8'), sw, 'the service worker is untouched');

    assert.ok(out.html.includes(`href="/senda/main-1.css" integrity="${sri(style)}"`), out.html);
    assert.ok(out.html.includes(`src="/senda/crash-1.js" integrity="${sri(script)}"`), out.html);
    assert.ok(!out.html.includes(sri(css)) && !out.html.includes(sri(classic)), 'no stale hash left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
