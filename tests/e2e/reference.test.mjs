// End-to-end tests of the Reference section and the case's model documents: searching without
// accents reaches a glossary entry, checklist terms link to the glossary, and a case's BIA report
// lays out for print, asks before printing and records the printing in the case's history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, withApp, snapshot } from './support.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';




/** axe and touch targets together, for one screen. */
async function accessible(page, what) {
  assert.deepEqual(await seriousViolations(page), [], `axe on ${what}`);
  assert.deepEqual(await smallTargets(page), [], `touch targets on ${what}`);
  // Nothing scrolls sideways on a 320 px phone.
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(size);
  assert.ok(wide <= 320, `${what} is ${wide} px wide at 320 px`);
}

test('searching "separado" reaches the glossary entry, with its names in three languages', async () => {
  await withApp(async (s) => {
    const procedure = [];
    s.page.on('request', (r) => { if (r.url().includes('/content/procedure/')) procedure.push(r.url()); });
    await s.page.goto(s.url('reference'));
    await appReady(s.page);
    const search = s.page.getByLabel('Buscar en la Guía, el marco normativo y el glosario');
    await s.page.locator('ul.phase-list a').first().waitFor();
    await snapshot(s.page, 'reference-index');
    // The Guide's content is not asked for until the search is used (issue #16's 20 requests),
    // and its steps then join the results.
    await s.page.waitForTimeout(300);
    assert.deepEqual(procedure, [], 'the Guide fetched before the search was used');
    await search.fill('evaluacion');
    await s.page.locator('ul.results a').filter({ hasText: 'Evaluación del interés superior (EIS)' }).first().waitFor();
    await s.page.locator('ul.results a').filter({ hasText: 'Guía' }).first().waitFor();
    assert.ok(procedure.length > 0, 'the Guide fetched once the search was used');
    await search.fill('separado');
    const first = s.page.locator('ul.results a').first();
    await first.filter({ hasText: 'Niña o niño separado' }).waitFor();
    assert.match(await first.textContent(), /Glosario/);
    await accessible(s.page, 'search results');
    await snapshot(s.page, 'reference-search');

    await first.click();
    await s.page.waitForURL(s.url('reference/glossary/separated'));
    await s.page.getByRole('heading', { level: 1, name: 'Niña o niño separado' }).waitFor();
    await s.page.getByText('Separated child').waitFor();
    await s.page.getByText('Enfant séparé').waitFor();
    assert.equal(await s.page.title(), 'Glosario · Senda');
    await accessible(s.page, 'a glossary term');
    await snapshot(s.page, 'reference-glossary-term');

    // A related term, then the framework with its unverified paragraph marked.
    await s.page.getByRole('link', { name: 'Niña o niño no acompañado' }).click();
    await s.page.waitForURL(s.url('reference/glossary/unaccompanied'));
    await s.page.goto(s.url('reference/framework/gc14'));
    await s.page.getByRole('heading', { level: 1, name: /Observación General n.º 14/ }).waitFor();
    assert.equal(await s.page.locator('.guidance.unverified').count(), 1);
    await s.page.getByText('Sin verificar: compruébelo en el texto original').waitFor();
    await accessible(s.page, 'a framework section');
    await snapshot(s.page, 'reference-framework');
    await s.page.locator('.guidance.unverified').scrollIntoViewIfNeeded();
    await snapshot(s.page, 'reference-unverified');

    // A Guide hit opens its phase at its step.
    await s.page.goto(s.url('reference'));
    await s.page.getByLabel('Buscar en la Guía, el marco normativo y el glosario').fill('interprete capacitado');
    const guideHit = s.page.locator('ul.results a').filter({ hasText: 'Guía' }).first();
    await guideHit.waitFor();
    await guideHit.click();
    await s.page.waitForURL(s.url('guide/first_contact#first_contact-introduction'));
    const step = s.page.locator('#first_contact-introduction h2');
    await step.waitFor();
    await s.page.waitForFunction(() => {
      const r = document.querySelector('#first_contact-introduction h2').getBoundingClientRect();
      const header = document.querySelector('.app-header').getBoundingClientRect();
      return r.top >= header.bottom && r.top < 300;
    }, null, { timeout: 5000 });
    await snapshot(s.page, 'reference-guide-hit');

    await s.page.goto(s.url('reference/glossary'));
    await s.page.locator('ul.term-list a').first().waitFor();
    assert.ok((await s.page.locator('ul.term-list a').count()) >= 25, 'the whole glossary, A to Z');
    await accessible(s.page, 'the glossary');
    await snapshot(s.page, 'reference-glossary');

    // The same search in English finds the English entry; French has its own terms.
    await s.page.goto(s.url('reference'));
    await s.page.getByLabel('Idioma').selectOption('en');
    await s.page.getByLabel('Search the Guide, the legal framework and the glossary').fill('SEPARATED');
    await s.page.locator('ul.results a').first().filter({ hasText: 'Separated child' }).waitFor();
    await s.page.getByLabel('Language').selectOption('fr');
    await s.page.getByLabel('Rechercher dans le Guide, le cadre normatif et le glossaire').fill('separe');
    await s.page.locator('ul.results a').first().filter({ hasText: 'Enfant séparé' }).waitFor();
  });
});

test('a term in a checklist item links to its glossary entry', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('guide/first_contact'));
    await appReady(s.page);
    const link = s.page.locator('li[class="guidance"] .instruction a.term').filter({ hasText: 'no acompañado' }).first();
    await link.waitFor();
    await link.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'guide-term-link');
    await link.click();
    await s.page.waitForURL(s.url('reference/glossary/unaccompanied'));
    await s.page.getByRole('heading', { level: 1, name: 'Niña o niño no acompañado' }).waitFor();
  });
});

test('a case\'s BIA report lays out for print, asks first and is recorded in the history', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const child = { name: unique('Dayana'), alias: unique('Lucero'), nationality: 'hondureña', place: 'Tecún Umán' };
    await recordCase(s.page, child);
    const caseUrl = s.page.url();

    await s.page.getByRole('link', { name: /Documentos del caso/ }).click();
    await s.page.getByRole('link', { name: 'Registro de seguimiento' }).waitFor();
    await accessible(s.page, 'the documents list');
    await snapshot(s.page, 'document-list');
    await s.page.getByRole('link', { name: 'Informe de evaluación del interés superior' }).click();
    await s.page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}\/documents\/bia$/);
    const doc = s.page.locator('.document[data-kind="bia"]');
    await doc.waitFor();
    await doc.getByRole('heading', { level: 1, name: 'Informe de evaluación del interés superior' }).waitFor();
    for (const value of [child.alias, 'hondureña', 'Tecún Umán', 'Separado']) {
      await doc.getByText(value, { exact: true }).first().waitFor();
    }
    await doc.getByText(/^Elemento 1/).waitFor();
    assert.ok((await doc.locator('.doc-row.blank').count()) > 10, 'unanswered items say so');
    const title = await s.page.title();
    const shortId = caseUrl.split('/').pop().replaceAll('-', '').slice(0, 8);
    // The title reaches the history and synced tabs: no kind, number or name; the header has them.
    assert.equal(title, 'Documentos del caso · Senda');
    for (const secret of [child.name, child.alias, 'hondureña', 'Tecún', shortId, 'interés superior']) assert.ok(!title.includes(secret), title);
    assert.match(await doc.locator('.doc-header .eyebrow').textContent(), new RegExp(`^Número de caso ${shortId} · `));
    await accessible(s.page, 'the BIA report');
    await snapshot(s.page, 'document-bia');

    // Print media: the app's chrome and the buttons are gone, the running header is there.
    await s.page.emulateMedia({ media: 'print' });
    assert.equal(await s.page.locator('nav.bottom-nav').isVisible(), false);
    assert.equal(await s.page.locator('.session-bar').isVisible(), false);
    assert.equal(await s.page.getByRole('button', { name: 'Imprimir o guardar como PDF' }).isVisible(), false);
    assert.equal(await s.page.locator('.doc-running').isVisible(), true);
    await s.page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await s.page.screenshot({ path: 'tests/e2e/artifacts/document-bia-print.png', fullPage: true });
    await s.page.screenshot({ path: 'tests/e2e/artifacts/document-bia-print-top.png', clip: { x: 0, y: 0, width: 794, height: 620 } });
    const height = await s.page.evaluate(() => document.documentElement.scrollHeight);
    await s.page.screenshot({ path: 'tests/e2e/artifacts/document-bia-print-end.png', fullPage: true,
      clip: { x: 0, y: height - 620, width: 794, height: 620 } });
    // The browser's own print layout, on both paper sizes: several pages, each a PDF page.
    for (const format of ['A4', 'Letter']) {
      const pdf = (await s.page.pdf({ format })).toString('latin1');
      assert.ok(pdf.startsWith('%PDF'), format);
      assert.ok((pdf.match(/\/Type\s*\/Page[^s]/g) || []).length >= 3, `${format}: a multi-page report`);
    }
    await s.page.emulateMedia({ media: 'screen' });
    await s.page.setViewportSize({ width: 360, height: 740 });

    // The browser's print only after the confirmation; then the history records it.
    await s.page.evaluate(() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; });
    await s.page.getByRole('button', { name: 'Imprimir o guardar como PDF' }).click();
    const question = s.page.getByRole('alertdialog');
    await question.getByText(/Este documento contiene datos personales/).waitFor();
    assert.equal(await s.page.evaluate(() => window.__prints), 0, 'nothing printed before yes');
    await snapshot(s.page, 'document-print-confirm');
    await question.getByRole('button', { name: 'Sí, imprimir' }).click();
    await s.page.getByText('Impresión registrada en el historial del caso.').waitFor();
    assert.equal(await s.page.evaluate(() => window.__prints), 1);
    await s.page.waitForTimeout(700);
    await s.page.locator('.save-state[data-state="saved"]').waitFor();

    await s.page.getByRole('link', { name: 'Volver al caso' }).click();
    await s.page.waitForURL(caseUrl);
    await s.page.getByText('Historial').click();
    await s.page.locator('ol.history li').filter({ hasText: 'Documento impreso' }).waitFor();
  });
});
