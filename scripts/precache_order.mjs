// The order the service worker fetches the build in the background (scripts/postbuild.mjs): the
// first screen's files first, then area by area in the order a worker is likely to open them —
// each lazy screen with every chunk it needs (read from the chunk loader) and its content — so
// an install cut off halfway leaves whole sections usable rather than a little of each.

// Split names (src/lazy_routes.rs, one per area) and content path prefixes, most wanted first.
const PRIORITY = [
  'cases_area', 'content/ui/common/', 'content/ui/cases/',
  'guide_area', 'content/ui/guide/', 'content/procedure/', 'content/sources.json', 'content/glossary/',
  'first_contact_area', 'content/ui/first_contact/',
  'content/screening/', 'content/flags.json',
  'children_area', 'content/ui/children/', 'content/children/',
  'reference_area', 'content/ui/reference/', 'content/reference/',
  'settings_area', 'content/ui/settings/', 'team_area',
  'training_area', 'content/ui/training/', 'content/training/',
];

/** The chunk files each split needs: `const NAME = makeLoad(fetcher of "./FILE", [DEPS])`. */
export function splitFiles(loader) {
  const loads = new Map();
  for (const part of loader.replace(/\/\*[^]*?\*\//g, '').split(/\n(?=(?:export )?const \w+ = )/)) {
    const name = part.match(/^(?:export )?const (\w+) = (?:wrapAsyncCb\()?makeLoad\(/);
    if (!name) continue;
    const file = part.match(/new URL\("\.\/([^"]+)"/);
    const deps = part.match(/\[([^\]]*)\]\)+;\s*$/);
    loads.set(name[1], { file: file ? file[1] : null, deps: deps ? deps[1].split(',').map((d) => d.trim()).filter(Boolean) : [] });
  }
  const files = (name) => {
    const load = loads.get(name);
    if (!load) throw new Error(`precache_order: the loader has no ${name}`);
    return [...load.deps.flatMap(files), load.file].filter(Boolean);
  };
  return (split) => files(`__wasm_split_load_${split}`);
}

/** Sorts precache entries ({path, first}) : first-screen files, then by PRIORITY, then the rest. */
export function orderPrecache(entries, loader) {
  const needs = splitFiles(loader);
  const rank = new Map();
  PRIORITY.forEach((item, i) => {
    const paths = item.includes('/') || item.includes('.') ? entries.map((e) => e.path).filter((p) => p.startsWith(item)) : needs(item);
    for (const p of paths) if (!rank.has(p)) rank.set(p, i);
  });
  const key = (e) => (e.first ? -1 : rank.has(e.path) ? rank.get(e.path) : PRIORITY.length);
  return entries.map((e, i) => [e, i]).sort(([a, i], [b, j]) => key(a) - key(b) || i - j).map(([e]) => e);
}

/** The chunk files only the team area needs (no other split needs them): a phone with no team
 *  never runs them, so the service worker precaches them only once this phone has used them. */
export function teamOnlyFiles(loader) {
  const needs = splitFiles(loader);
  const splits = [...new Set([...loader.matchAll(/__wasm_split_load_(\w+?)\b/g)].map((m) => m[1]))];
  if (!splits.includes('team_area')) throw new Error('precache_order: the loader has no team_area');
  const others = new Set(splits.filter((s) => s !== 'team_area').flatMap(needs));
  return [...new Set(needs('team_area'))].filter((f) => !others.has(f));
}
