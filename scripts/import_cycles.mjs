// Finds import cycles between the files of a crate: every `crate::`, `super::`, `self::` or
// child-module path written in a file (in `use` lines and inline paths) is an edge to the file
// that defines the item, seen through re-exports (`pub use` is no use of its own); a cycle
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

/** Splits `{a, b::c, d as e}` into the paths it names and the local name of each. */
function group(inner) {
  const out = [];
  let depth = 0;
  let item = '';
  for (const ch of `${inner},`) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      const t = item.trim();
      item = '';
      if (!t) continue;
      const nested = t.match(/^([\w:]*?)::\{([\s\S]*)\}$/);
      if (nested) {
        for (const n of group(nested[2])) out.push({ segs: [...nested[1].split('::').filter(Boolean), ...n.segs], name: n.name });
      } else {
        const [path, alias] = t.split(/\s+as\s+/);
        const segs = path.split('::').filter((x) => /^\w+$/.test(x));
        out.push({ segs, name: alias || segs.at(-1) });
      }
    } else item += ch;
  }
  return out;
}

/** Every path a file names through `crate::`, `super::`, `self::` or a child module it
 *  declares, made absolute; and what it re-exports (`pub use`), by name. */
function named(root, file) {
  const here = modulePath(root, file);
  const text = code(readFileSync(file, 'utf8'));
  const inline = text.search(/\bmod \w+\s*\{/);
  const children = [...text.matchAll(/\bmod (\w+);/g)].map((m) => m[1]);
  const heads = ['crate', 'super', 'self', ...children].join('|');
  const paths = [];
  const reexports = new Map();
  const pattern = new RegExp(`(pub(?:\\([\\w:]+\\))? use )?(?<![\\w:])(${heads})((?:::\\w+)*)(::\\{([^;]*)\\})?`, 'g');
  for (const m of text.matchAll(pattern)) {
    if (!m[3] && !m[4]) continue;
    // Inside an inline `mod tests { ... }`, `self` is that inner module and `super` the file.
    const inner = inline >= 0 && m.index > inline;
    let base;
    if (m[2] === 'crate') base = [];
    else if (m[2] === 'self') base = here;
    else if (m[2] === 'super') base = inner ? here : here.slice(0, -1);
    else base = [...here, m[2]];
    const path = [...base, ...m[3].split('::').filter(Boolean)];
    const items = m[5] === undefined ? [{ segs: [], name: path.at(-1) }] : group(m[5]);
    for (const { segs, name } of items) {
      const full = [...path, ...segs];
      // A re-export is no use of its own: whoever names it through this module depends on the
      // file that defines it (a module root may re-export its children and lend them helpers).
      if (!m[1]) paths.push(full);
      else if (name && name !== '*') reexports.set(name, full);
    }
  }
  return { paths, reexports };
}

/** The edges of one crate: file → the files that define what it names. A name imported through
 *  a module that only re-exports it (`pub use`) counts as an import of the defining file. */
export function edges(root) {
  const all = files(root);
  const info = new Map(all.map((f) => [f, named(root, f)]));
  const resolve = (segments, depth = 0) => {
    for (let n = segments.length; n > 0; n--) {
      const base = join(root, ...segments.slice(0, n));
      const file = existsSync(`${base}.rs`) ? `${base}.rs` : existsSync(join(base, 'mod.rs')) ? join(base, 'mod.rs') : null;
      if (!file) continue;
      const rest = segments.slice(n);
      const via = rest.length && info.get(file)?.reexports.get(rest[0]);
      if (via && depth < 8) return resolve([...via, ...rest.slice(1)], depth + 1) || file;
      return file;
    }
    return null;
  };
  const graph = new Map();
  for (const file of all) {
    const targets = new Set();
    for (const path of info.get(file).paths) {
      const target = resolve(path);
      if (target && target !== file) targets.add(target);
    }
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
