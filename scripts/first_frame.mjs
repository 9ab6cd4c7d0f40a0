// When a static first screen is shown (scripts/static_screens.mjs), the app's own downloads wait
// for it to be painted (run by scripts/postbuild.mjs on a release build). On a slow network the
// main wasm (~200 KB) and the area's chunks would otherwise share the first round trips with the
// stylesheet the paint is waiting for; so Trunk's preload hints of the main JS, the chunk loader
// and the main wasm are taken out of the HTML and added by the route's preload script
// (scripts/route_preload.mjs), and Trunk's module script imports the app only once
// `window.sendaFirstFrame` has settled: a frame after the copy is painted, at most 1 s later, at
// once in a tab that is not visible (which paints no frame). With no copy shown (another language,
// child mode, a case screen) that promise is not set and everything starts as before.

/** The script (inside the static screen's own) that sets `window.sendaFirstFrame`. */
export const FIRST_FRAME = `window.sendaFirstFrame=new Promise(r=>{if(document.visibilityState!=='visible')return r();` +
  `requestAnimationFrame(()=>setTimeout(r,0));setTimeout(r,1000)});`;

/** Takes Trunk's preload hints out of `html` and makes its module script wait for the first
 *  frame; returns {html, hints: [{rel, href, as, type}]} for the preload script to add. */
export function deferToFirstFrame(html) {
  const hints = [];
  const head = html.slice(0, html.indexOf('</head>'));
  const links = [...head.matchAll(/<link rel="(modulepreload|preload)" href="([^"]+)"[^>]*>\s*/g)];
  if (links.length !== 3) throw new Error(`first_frame: expected Trunk's 3 preload hints in index.html, found ${links.length}`);
  for (const [tag, rel, href] of links) {
    const attr = (name) => (tag.match(new RegExp(` ${name}="([^"]*)"`)) || [])[1];
    hints.push({ rel, href, as: attr('as'), type: attr('type') });
    html = html.replace(tag, '');
  }
  const module = html.match(/<script type="module">([\s\S]*?)<\/script>/);
  if (!module) throw new Error('first_frame: Trunk\'s module script is missing from index.html');
  const imported = module[1].match(/^\s*import init, \* as bindings from '([^']+)';/);
  if (!imported) throw new Error('first_frame: Trunk\'s module script is not in the form this step converts');
  const body = module[1].replace(imported[0], `\nawait window.sendaFirstFrame;\nconst bindings = await import('${imported[1]}');\nconst init = bindings.default;`);
  return { html: html.replace(module[0], `<script type="module">${body}</script>`), hints };
}
