// Minifies a release build's scripts and stylesheet in Trunk's staging dir (run by
// scripts/postbuild.mjs after the split): wasm-bindgen's module, the snippets and the shell's
// classic scripts with terser, the stylesheet with csso (whitespace and comments only: no rule is
// moved, so the cascade stays as written); then the `integrity` hashes Trunk wrote into index.html
// are redone for the files that changed. Left as they are: the chunk loader (the build steps and
// the tests read its chunk table as wasm-split wrote it, scripts/precache_order.mjs) and the
// service worker (postbuild fills its placeholders afterwards). Names stay, so URLs keep meaning.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from './files_under.mjs';
import { minify as minifyJs } from 'terser';
import { minify as minifyCss } from 'csso';

/** The scripts index.html loads as classic scripts (`<script src>` without type="module"). */
function classicScripts(html) {
  return new Set(
    [...html.matchAll(/<script\b([^>]*)\bsrc="([^"]+)"[^>]*>/g)]
      .filter((m) => !/type="module"/.test(m[1] + m[0]))
      .map((m) => m[2].split('/').pop())
  );
}

/** Minifies the staging dir's JS and CSS in place; returns index.html with its integrity hashes
 * updated, and what was saved (bytes, raw). */
export async function minifyStaging(staging, html) {
  const classic = classicScripts(html);
  const changed = new Map();
  let saved = 0;
  for (const file of filesUnder(staging)) {
    const isJs = file.endsWith('.js') && file !== 'sw.js' && !file.startsWith('__wasm_split-');
    const isCss = file.endsWith('.css');
    if (!isJs && !isCss) continue;
    const path = join(staging, file);
    const source = readFileSync(path, 'utf8');
    let out;
    if (isCss) {
      out = minifyCss(source, { restructure: false, comments: false }).css;
    } else {
      const module = !classic.has(file.split('/').pop());
      const result = await minifyJs(source, {
        module,
        ecma: 2020,
        compress: { passes: 2 },
        mangle: true,
        format: { comments: false },
      });
      out = result.code;
    }
    if (out.length >= source.length) continue;
    writeFileSync(path, out);
    saved += source.length - out.length;
    changed.set(file, out);
  }
  // Trunk's subresource integrity for the files just rewritten.
  const updated = html.replace(
    /(\b(?:href|src)="([^"]+)"[^>]*?\bintegrity=")sha384-[^"]+"/g,
    (whole, head, url) => {
      const file = [...changed.keys()].find((f) => url.endsWith('/' + f) || url === f);
      if (!file) return whole;
      return `${head}sha384-${createHash('sha384').update(changed.get(file)).digest('base64')}"`;
    }
  );
  return { html: updated, files: changed.size, saved };
}
