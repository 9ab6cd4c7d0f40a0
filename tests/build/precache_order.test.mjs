// The post-build step's precache order helpers (scripts/precache_order.mjs) on a loader written
// the way wasm-split writes it: which files only the team area needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitFiles, teamOnlyFiles } from '../../scripts/precache_order.mjs';

const load = (name, file, deps, exported = false) => `${exported ? 'export ' : ''}const ${name} = ${exported ? 'wrapAsyncCb(' : ''}makeLoad(() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [${deps.join(', ')}])${exported ? ')' : ''};`;

const LOADER = [
  'function makeLoad(fetcher, deps) {}',
  '/* cases_area, team_area */',
  load('__chunk_1', 'lazy-pack-shared.wasm', []),
  '/* team_area */',
  load('__chunk_2', 'lazy-pack-team.wasm', []),
  load('__wasm_split_load_cases_area', 'lazy-cases_area-1.wasm', ['__chunk_1'], true),
  load('__wasm_split_load_team_area', 'lazy-team_area-2.wasm', ['__chunk_1', '__chunk_2'], true),
].join('\n');

test('the files of a split are its own chunk and every chunk it depends on', () => {
  assert.deepEqual(splitFiles(LOADER)('team_area'), ['lazy-pack-shared.wasm', 'lazy-pack-team.wasm', 'lazy-team_area-2.wasm']);
});

test('team-only files are those no other split needs', () => {
  assert.deepEqual(teamOnlyFiles(LOADER), ['lazy-pack-team.wasm', 'lazy-team_area-2.wasm']);
});

test('a loader without the team area is an error, not an empty list', () => {
  assert.throws(() => teamOnlyFiles(LOADER.replaceAll('team_area', 'other_area')), /no team_area/);
});
