// Finds import cycles between the files of a crate: every `crate::a::b` path written in a file
// (in `use` lines and inline paths) is an edge to the file that defines that module; a cycle
// between files is reported with its path. Used by scripts/test.sh on `src/` and `core/src/`.
// `node scripts/import_cycles.mjs src core/src` exits 1 on any cycle; `--edges` lists the
// edges; `--users` lists, for each file, the files that import it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every .rs file under `dir`. */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.rs') ? [path] : [];
  });
}

/** The file that defines the module at `segments` under the crate root `root`, or the file of
 *  the longest prefix that exists (an item path such as `crate::a::Thing` ends at `a`). */
function fileOf(root, segments) {
  for (let n = segments.length; n > 0; n--) {
    const base = join(root, ...segments.slice(0, n));
    if (existsSync(`${base}.rs`)) return `${base}.rs`;
    if (existsSync(join(base, 'mod.rs'))) return join(base, 'mod.rs');
  }
  return null;
}

/** The module path of a file relative to the crate root: `a/b.rs` and `a/b/mod.rs` are `a::b`. */
function modulePath(root, file) {
  const parts = relative(root, file).replace(/\.rs$/, '').split('/');
  if (parts.at(-1) === 'mod' || (parts.length === 1 && ['lib', 'main'].includes(parts[0]))) parts.pop();
  return parts;
}

/** Removes comments and string literals so that a path in a doc line or a message is no edge. */
function code(text) {
  return text
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** The edges of one crate: file → files it names through `crate::`, `super::` or `self::`. */
export function edges(root) {
  const graph = new Map();
  for (const file of files(root)) {
    const here = modulePath(root, file);
    const text = code(readFileSync(file, 'utf8'));
    const targets = new Set();
    const inline = text.search(/\bmod \w+\s*\{/);
    const add = (segments) => {
      const target = fileOf(root, segments);
      if (target && target !== file) targets.add(target);
    };
    // `use crate::a::{b, c::d}` names a::b and a::c::d; inline `crate::a::b::f()` names a::b.
    for (const m of text.matchAll(/\b(crate|super|self)((?:::\w+)+)(::\{([^;]*?)\})?/g)) {
      // Inside an inline `mod tests { ... }`, `self` is that inner module and `super` the file.
      const inner = inline >= 0 && m.index > inline;
      let base;
      if (m[1] === 'crate') base = [];
      else if (m[1] === 'self') base = here;
      else base = inner ? here : here.slice(0, -1);
      const path = [...base, ...m[2].split('::').filter(Boolean)];
      if (!m[4]) {
        add(path);
        continue;
      }
      for (const item of m[4].split(',')) {
        const names = item.trim().replace(/\s+as\s+\w+$/, '').split('::').filter((s) => /^\w+$/.test(s));
        add(names.length ? [...path, ...names] : path);
      }
    }
    // A parent declaring `mod child;` is not an import, and a child naming its parent is the
    // ordinary direction; only imports between files count.
    graph.set(file, targets);
  }
  return graph;
}

/** The cycles of a graph (one per strongly connected component of more than one file). */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (v) => {
    info.set(v, { index, low: index, on: true });
    index++;
    stack.push(v);
    for (const w of graph.get(v) || []) {
      if (!info.has(w)) {
        visit(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).on) {
        info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
      }
    }
    if (info.get(v).low === info.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).on = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!info.has(v)) visit(v);
  return found;
}

/** One path around a strongly connected component, for a readable report. */
function loop(graph, component) {
  const inside = new Set(component);
  const start = component[0];
  const seen = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) || []) {
      if (w === start) {
        const path = [v];
        for (let p = seen.get(v); p; p = seen.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (inside.has(w) && !seen.has(w)) {
        seen.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const roots = args.filter((a) => !a.startsWith('--'));
  let failed = false;
  for (const root of roots.length ? roots : ['src', 'core/src']) {
    const graph = edges(root);
    if (args.includes('--edges')) {
      for (const [from, to] of graph) for (const t of to) console.log(`${from} -> ${t}`);
    }
    if (args.includes('--users')) {
      const users = new Map([...graph.keys()].map((f) => [f, []]));
      for (const [from, to] of graph) for (const t of to) users.get(t)?.push(from);
      for (const [file, by] of users) console.log(`${file} (${by.length}): ${by.join(' ')}`);
    }
    const found = cycles(graph);
    const count = [...graph.values()].reduce((n, t) => n + t.size, 0);
    for (const c of found) console.log(`cycle in ${root}: ${loop(graph, c).join(' -> ')}`);
    console.log(`${root}: ${graph.size} files, ${count} import edges, ${found.length} cycles`);
    if (found.length) failed = true;
  }
  process.exit(failed ? 1 : 0);
}
