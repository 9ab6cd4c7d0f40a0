// Puts wasm-bindgen's snippets (src/**/*.js modules the Rust code binds to: the vault's and the
// replica's IndexedDB, the tabs' lock and channel, speech) into the main JS module, so a first
// visit fetches one script instead of five (issue #16: at most 20 requests per route). Run by
// scripts/postbuild.mjs after the split, before minifying. Each snippet becomes a function scope
// that returns its exports (its top-level state stays private to it, as in a module); each
// `import {…} from "./snippets/…"` and `import * as x from "./snippets/…"` of the main JS becomes
// a constant bound to that object. The snippet files and their modulepreload links go.
// A snippet written in a form this does not understand (default export, `export {…}`, its own
// imports) stops the build with its name rather than shipping something half-converted.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from './files_under.mjs';

const EXPORT = /^export\s+(async\s+function\*?|function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm;

/** One snippet's source as a function body returning its exports; throws on forms it cannot convert. */
export function snippetScope(source, name) {
  if (/^\s*import\b/m.test(source) || /^\s*export\s+(default\b|\{|\*)/m.test(source)) {
    throw new Error(`inline_snippets: ${name} uses an import or an export form this step does not convert`);
  }
  const exported = [];
  const body = source.replace(EXPORT, (_, kind, id) => {
    exported.push(id);
    return `${kind} ${id}`;
  });
  if (/^\s*export\b/m.test(body)) throw new Error(`inline_snippets: ${name} has an export left after conversion`);
  if (!exported.length) throw new Error(`inline_snippets: ${name} exports nothing`);
  return `(() => {\n${body}\nreturn Object.freeze({ ${exported.join(', ')} });\n})()`;
}

/** The main JS with every snippet import replaced by the snippet's scope. */
export function inlineInto(js, snippets) {
  const ids = new Map();
  let prelude = '';
  for (const [path, source] of snippets) {
    const id = `__senda_snippet_${ids.size}`;
    ids.set(path, id);
    prelude += `const ${id} = ${snippetScope(source, path)};\n`;
  }
  const spec = (quoted) => {
    const path = quoted.slice(1, -1).replace(/^\.\//, '');
    const id = ids.get(path);
    if (!id) throw new Error(`inline_snippets: the main JS imports ${path}, which is not a snippet of this build`);
    return id;
  };
  const NAMED = /import\s*\{([^}]*)\}\s*from\s*("\.\/snippets\/[^"]+"|'\.\/snippets\/[^']+')\s*;?/g;
  const STAR = /import\s*\*\s*as\s+([A-Za-z_$][\w$]*)\s+from\s*("\.\/snippets\/[^"]+"|'\.\/snippets\/[^']+')\s*;?/g;
  let out = js.replace(NAMED, (_, names, quoted) => {
    const pairs = names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => {
      const [from, to] = n.split(/\s+as\s+/);
      return to ? `${from}: ${to}` : from;
    });
    return `const { ${pairs.join(', ')} } = ${spec(quoted)};`;
  });
  out = out.replace(STAR, (_, local, quoted) => `const ${local} = ${spec(quoted)};`);
  if (/from\s*["']\.\/snippets\//.test(out)) throw new Error('inline_snippets: a snippet import was left in the main JS');
  return prelude + out;
}

/** Inlines the staging dir's snippets into `mainJs` (a file name in staging); returns index.html
 * without the snippets' modulepreload links, and how many snippets went in. */
export function inlineSnippets(staging, mainJs, html) {
  const paths = filesUnder(staging).filter((f) => f.startsWith('snippets/') && f.endsWith('.js'));
  if (!paths.length) return { html, count: 0 };
  const snippets = paths.map((p) => [p, readFileSync(join(staging, p), 'utf8')]);
  const mainPath = join(staging, mainJs);
  writeFileSync(mainPath, inlineInto(readFileSync(mainPath, 'utf8'), snippets));
  rmSync(join(staging, 'snippets'), { recursive: true });
  const links = /<link rel="modulepreload" href="[^"]*\/?snippets\/[^"]+"[^>]*>/g;
  return { html: html.replace(links, ''), count: paths.length };
}
