// The Home screen as static HTML in index.html (run by scripts/postbuild.mjs on a release build):
// the first paint of a visit to Home no longer waits for the main wasm to arrive and run.
//
// The markup is the app's own: the built app is opened once in headless Chromium (a first visit,
// Spanish, no service worker) and its header, Home screen and bottom navigation are copied, so it
// cannot drift from the components. In index.html it sits in `<div id="senda-static">`, hidden
// from assistive technology and inert (`aria-hidden`, `inert`, links without targets: a screen
// reader reads Home once, from the app), and shown only when an inline script in <head> finds the
// visit is to Home, in the default language (Spanish, or no language saved) and not in child mode
// — anything else shows nothing until the app runs, as before, so no screen in the wrong
// language or a staff screen in child mode is ever painted. It reads the keys by this
// deployment's names (src/storage_names.rs), or by the unscoped ones before the app first ran
// under them and copied them. `start()` (src/lib.rs) removes it in the same task that mounts the
// app, so the two never show together.
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';

export const STATIC_ID = 'senda-static';

/** The inline script that shows the static Home when it is the right one to show. */
export function staticHomeScript() {
  return `(()=>{try{const b=new URL(document.baseURI).pathname,p=location.pathname;` +
    `if(p!==b&&p+'/'!==b&&p!==b+'index.html')return;` +
    `const g=k=>localStorage.getItem(b==='/'?k:k+':'+b)??localStorage.getItem(k);` +
    `const s=g('senda.settings');if(s&&(JSON.parse(s).locale||'es')!=='es')return;` +
    `const c=g('senda.child_mode');if(c&&JSON.parse(c).on!==false)return;` +
    `document.documentElement.setAttribute('data-static-home','')}catch(e){}})();`;
}

/** Renders Home from the built app in `dir` (served under `prefix`) and returns its static copy. */
export async function snapshotHome(dir, prefix) {
  const server = await serve(dir, prefix, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 }, locale: 'es' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('main h1').first().waitFor({ timeout: 60000 });
    await page.waitForLoadState('networkidle');
    const parts = await page.evaluate(() => {
      const pick = ['header.app-header', 'main', 'nav.bottom-nav'].map((q) => document.querySelector(q));
      if (pick.some((e) => !e)) return null;
      return pick.map((e) => {
        const copy = e.cloneNode(true);
        for (const el of [copy, ...copy.querySelectorAll('*')]) {
          el.removeAttribute('id');
          el.removeAttribute('href');
          el.removeAttribute('aria-current');
          el.removeAttribute('style'); // the CSP allows no style attribute in HTML
        }
        return copy.outerHTML;
      });
    });
    if (!parts) throw new Error('static_home: the app\'s header, main or navigation was not rendered');
    await context.close();
    // Leptos's empty comment markers carry nothing.
    return parts.join('\n').replace(/<!---->/g, '');
  } finally {
    await browser.close();
    await server.close();
  }
}

/** `html` with the static Home as the first thing in <body>. */
export function withStaticHome(html, markup) {
  if (!html.includes('<body>')) throw new Error('static_home: <body> is missing from index.html');
  return html.replace('<body>', `<body>\n    <div id="${STATIC_ID}" aria-hidden="true" inert>${markup}</div>`);
}
