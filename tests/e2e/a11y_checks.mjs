// The accessibility checks the end-to-end tests share: axe-core's serious and critical findings,
// and touch targets smaller than 44×44 px.
import { readFileSync } from 'node:fs';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const CONTROLS = 'a[href], button, select, input, textarea, [role="button"]';

/** axe's serious and critical findings on the current page, as readable lines. */
export async function seriousViolations(page) {
  // evaluate() runs outside the page's CSP, which stays strict for the app itself.
  await page.evaluate(AXE);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Interactive elements smaller than 44×44 px (a radio or checkbox counts by its label);
 *  `also` adds selectors a screen needs checked too (e.g. 'summary'). */
export async function smallTargets(page, also = '') {
  const selector = also ? `${CONTROLS}, ${also}` : CONTROLS;
  return page.evaluate((selector) => {
    const small = [];
    for (const el of document.querySelectorAll(selector)) {
      const target = (el.type === 'radio' || el.type === 'checkbox') && el.closest('label') ? el.closest('label') : el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      if (r.width < 44 || r.height < 44) small.push(`${el.outerHTML.slice(0, 60)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return small;
  }, selector);
}
