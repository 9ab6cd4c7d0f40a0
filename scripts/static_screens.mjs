// The first screens as static HTML (run by scripts/postbuild.mjs on a release build): Home in
// index.html, and the top-level screens that hold no case data (Guide, For children, a child's
// start, Reference, Settings, first contact) each in `<route>.html`, which static hosts with clean
// URLs (GitHub Pages, Netlify, Cloudflare Pages) serve for `/<route>` — so the first paint of a
// first visit to them no longer waits for the main wasm and the area's chunk to arrive and run.
//
// The markup is the app's own: the built app is opened once per screen in headless Chromium (a
// first visit, Spanish, no service worker) and its header, screen and bottom navigation copied, so
// it cannot drift from the components. Parts that depend on this phone's state (its vault, team,
// storage, install) are marked `data-phone-state` and cut: the copy shows what every phone shows.
// It sits in `<div id="senda-static">`, hidden from assistive technology and inert (`aria-hidden`,
// `inert`, links without targets: a screen reader reads the screen once, from the app), and shown
// only when an inline script in <head> finds the visit is to that file's route (the `<html>`
// element's `data-static-route`), in the default language (Spanish, or no language saved) and not
// in child mode — anything else shows nothing until the app runs, as before, so no screen in the
// wrong language or a staff screen in front of a child is ever painted. It reads the keys by this
// deployment's names (src/storage_names.rs), or by the unscoped ones before the app first ran
// under them and copied them. The same script takes it away once the app has painted the screen
// (its `main h1`), hiding the app's frame until then, so the two never show together and a screen
// reader reads the screen once. The case screens have no static copy: they show nothing
// before an unlock.
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';
import { FIRST_FRAME } from './first_frame.mjs';

export const STATIC_ID = 'senda-static';

/** The screens with a static copy: route under the base path ('' is Home, in index.html). */
export const STATIC_ROUTES = ['', 'guide', 'children', 'child', 'reference', 'settings', 'first-contact'];

/** What is cut from a copy: the parts a component marks as depending on this phone's state. */
const CUT = '[data-phone-state]';

/** The file a route's static copy is written to. */
export const staticFile = (route) => (route === '' ? 'index.html' : `${route}.html`);

/** The inline script that shows the static screen when it is the right one to show, and takes
 * it away once the app has painted the screen's own heading (`main h1` outside the copy: at the
 * mount for Home, once the area's chunk has arrived for the others — until then the app's frame
 * is hidden behind the copy, style/main.css), or at once if it is not shown; when shown, it sets
 * `window.sendaFirstFrame` for the app's downloads to wait on (scripts/first_frame.mjs). The same bytes in
 * every file (one CSP hash): the route is read from `<html data-static-route>`. */
export function staticScreenScript() {
  return `(()=>{const d=document.documentElement;try{const b=new URL(document.baseURI).pathname,p=location.pathname,` +
    `r=d.dataset.staticRoute||'';` +
    `if(r?(p!==b+r&&p!==b+r+'/'&&p!==b+r+'.html'):(p!==b&&p+'/'!==b&&p!==b+'index.html'))throw 0;` +
    `const g=k=>localStorage.getItem(b==='/'?k:k+':'+b)??localStorage.getItem(k);` +
    `const s=g('senda.settings');if(s&&(JSON.parse(s).locale||'es')!=='es')throw 0;` +
    `const c=g('senda.child_mode');if(c&&JSON.parse(c).on!==false)throw 0;` +
    `d.setAttribute('data-static','');${FIRST_FRAME}}catch(e){}` +
    `new MutationObserver((m,o)=>{const c=document.getElementById('${STATIC_ID}');if(!c)return;` +
    `if(d.hasAttribute('data-static')&&![...document.querySelectorAll('main h1')].some(h=>!c.contains(h)))return;` +
    `c.remove();d.removeAttribute('data-static');o.disconnect()}).observe(d,{childList:true,subtree:true})})();`;
}

/** Renders each of `routes` from the built app in `dir` (served under `prefix`); returns a Map
 * route -> its static copy. */
export async function snapshotScreens(dir, prefix, routes = STATIC_ROUTES) {
  const server = await serve(dir, prefix, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const copies = new Map();
  try {
    for (const route of routes) {
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 }, locale: 'es' });
      const page = await context.newPage();
      await page.goto(server.url + route);
      await page.locator('main h1').first().waitFor({ timeout: 60000 });
      await page.waitForLoadState('networkidle');
      const parts = await page.evaluate((cut) => {
        // The child's screens have neither the staff header nor the navigation: main is enough.
        const main = document.querySelector('main');
        if (!main) return null;
        const pick = ['header.app-header', 'main', 'nav.bottom-nav'].map((q) => document.querySelector(q)).filter(Boolean);
        // The form's live state (a first visit's: Spanish chosen) as attributes, which a clone keeps.
        for (const el of document.querySelectorAll('input')) el.toggleAttribute('checked', el.checked);
        for (const el of document.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
        return pick.map((e) => {
          const copy = e.cloneNode(true);
          for (const el of copy.querySelectorAll(cut)) el.remove();
          for (const el of [copy, ...copy.querySelectorAll('*')]) {
            el.removeAttribute('id');
            el.removeAttribute('href');
            el.removeAttribute('for');
            el.removeAttribute('style'); // the CSP allows no style attribute in HTML
          }
          return copy.outerHTML;
        });
      }, CUT);
      if (!parts) throw new Error(`static_screens: /${route}: the app's main was not rendered`);
      await context.close();
      // Leptos's empty comment markers carry nothing.
      copies.set(route, parts.join('\n').replace(/<!---->/g, ''));
    }
    return copies;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** `html` with the static copy of `route` as the first thing in <body>, and the route named on
 * <html> for the script. */
export function withStaticScreen(html, route, markup) {
  if (!html.includes('<body>')) throw new Error('static_screens: <body> is missing from index.html');
  if (!/<html[ >]/.test(html)) throw new Error('static_screens: <html> is missing from index.html');
  const named = route === '' ? html : html.replace(/<html([ >])/, `<html data-static-route="${route}"$1`);
  return named.replace('<body>', `<body>\n    <div id="${STATIC_ID}" aria-hidden="true" inert>${markup}</div>`);
}
