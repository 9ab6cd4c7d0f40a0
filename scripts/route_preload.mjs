// Preload hints for the route a visit starts on (run by scripts/postbuild.mjs, before the CSP
// hashes the inline scripts): a small inline script in index.html that, before the main wasm has
// even arrived, asks the browser for what that route's screen will fetch once the app runs — its
// area's wasm chunks, its interface strings (Spanish and the saved language) and its content
// files — so they come in parallel with the first load instead of one round trip after another.
// A hint the app does not use costs a download and nothing else: the app fetches as before.
import { splitFiles } from './precache_order.mjs';

// Route (path under the base, first segment) -> the area's split (src/lazy_routes.rs), its
// strings part (core/src/ui_text/part.rs) and the content its first screen fetches, `{l}` for
// the language. Home is in the first load and needs nothing more.
export const AREAS = [
  { segments: ['cases'], split: 'cases_area', part: 'cases', content: [] },
  { segments: ['first-contact'], split: 'first_contact_area', part: 'first_contact',
    content: ['content/procedure/structure.json', 'content/procedure/{l}.json', 'content/sources.json'] },
  { segments: ['guide'], split: 'guide_area', part: 'guide',
    content: ['content/procedure/structure.json', 'content/procedure/{l}.json', 'content/sources.json',
      'content/glossary/structure.json', 'content/glossary/{l}.json'] },
  { segments: ['children', 'child'], split: 'children_area', part: 'children', content: ['content/children/structure.json'] },
  { segments: ['reference'], split: 'reference_area', part: 'reference',
    content: ['content/reference/structure.json', 'content/reference/{l}.json', 'content/sources.json',
      'content/glossary/structure.json', 'content/glossary/es.json', 'content/glossary/en.json', 'content/glossary/fr.json'] },
  { segments: ['settings'], split: 'settings_area', part: 'settings', content: [] },
  { segments: ['practice'], split: 'training_area', part: 'training', content: ['content/training/scenarios.json', 'content/training/{l}.json'] },
];

/** The inline script for a build whose chunk loader is `loader` (its source); `main` lists the
 *  app's own hints taken out of the HTML (scripts/first_frame.mjs), added first, for every route.
 *  All wait for `window.sendaFirstFrame` when a static first screen set it. */
export function routePreloadScript(loader, main = []) {
  const needs = splitFiles(loader);
  const table = {};
  for (const a of AREAS) {
    // Once each: several chunks may come from one pack file (scripts/wasm_pack.mjs).
    const files = { chunks: [...new Set(needs(a.split))], part: a.part, content: a.content };
    for (const s of a.segments) table[s] = files;
  }
  // Kept small and plain: it runs before anything else, on every start.
  return `(()=>{try{const t=${JSON.stringify(table)},m=${JSON.stringify(main.map((h) => [h.rel, h.href, h.as || '', h.type || '']))};` +
    `const b=new URL(document.baseURI).pathname,p=location.pathname;` +
    `const a=t[(p.startsWith(b)?p.slice(b.length):'').split('/')[0]];const f=[];` +
    `if(a){` +
    // The settings under this deployment's name (src/storage_names.rs).
    `let l='es';try{l=JSON.parse(localStorage.getItem(b==='/'?'senda.settings':'senda.settings:'+b)).locale||'es'}catch(e){}` +
    `if(!/^[a-z]{2}$/.test(l))l='es';` +
    `const ls=l==='es'?['es']:['es',l];f.push(...a.chunks);` +
    `for(const x of ['common',a.part])for(const y of ls)f.push('content/ui/'+x+'/'+y+'.json');` +
    `for(const c of a.content)f.push(c.replace('{l}',l))}` +
    `const add=(r,h,w,y)=>{const k=document.createElement('link');k.rel=r;if(w)k.as=w;if(y)k.type=y;` +
    `k.crossOrigin='anonymous';k.href=h;document.head.appendChild(k)};` +
    `(window.sendaFirstFrame||Promise.resolve()).then(()=>{for(const x of m)add(...x);` +
    `for(const h of new Set(f))add('preload',h,'fetch')})}catch(e){}})();`;
}
