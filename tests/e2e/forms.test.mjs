// End-to-end tests of two of the forms issue 14 added, laid out for print: the consent record of
// one purpose and the closure or transfer form. Both print their signature lines, the content's
// draft status and the running header, keep the name out of the title, and the transfer form
// keeps the child's details off the page without consent to share information.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, open, snapshot } from './support.mjs';
import { seriousViolations } from './a11y_checks.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';

/** Print media at A4: the chrome is gone, the running header shows, and the PDF has pages. */
async function printLayout(page, name) {
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav.bottom-nav').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Imprimir o guardar como PDF' }).isVisible(), false);
  assert.equal(await page.locator('.doc-running').isVisible(), true);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `tests/e2e/artifacts/${name}-print.png`, fullPage: true });
  for (const format of ['A4', 'Letter']) {
    const pdf = (await page.pdf({ format })).toString('latin1');
    assert.ok(pdf.startsWith('%PDF'), format);
    assert.ok((pdf.match(/\/Type\s*\/Page[^s]/g) || []).length >= 1, `${format}: at least a page`);
  }
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 360, height: 740 });
}

test('a consent record and the closure form lay out for print with signatures, draft status and no name in the title', async () => {
  const s = await open();
  try {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const child = { name: unique('Rosa'), alias: unique('Pequeña'), nationality: 'hondureña', place: 'Tecún Umán' };
    await recordCase(s.page, child);
    const caseUrl = s.page.url();
    const shortId = caseUrl.split('/').pop().replaceAll('-', '').slice(0, 8);

    // A consent to referral, recorded where the worker records it: on the screening screen.
    await s.page.getByRole('link', { name: /Evaluación de riesgos y vulnerabilidades/ }).click();
    await s.page.waitForURL(/\/screening$/);
    const consent = s.page.locator('.consent-panel');
    await consent.getByText('Registrar un consentimiento').click();
    await consent.getByLabel('Para').selectOption('referral');
    await consent.getByLabel('Dado por').selectOption('child');
    await consent.getByRole('button', { name: 'Registrar el consentimiento ahora' }).click();
    await consent.locator('li[data-purpose="referral"]').waitFor();
    await s.page.locator('.save-state[data-state="saved"]').waitFor();
    await s.page.getByRole('link', { name: 'Volver al caso' }).click();
    await s.page.waitForURL(caseUrl);
    await s.page.getByRole('link', { name: /Documentos del caso/ }).click();

    // The consent record: only its purpose, who consented, and lines to sign.
    await s.page.getByRole('link', { name: 'Consentimiento para remisión' }).click();
    await s.page.waitForURL(/\/documents\/consent-referral$/);
    const record = s.page.locator('.document[data-kind="consent"]');
    await record.getByRole('heading', { level: 1, name: 'Registro de consentimiento' }).waitFor();
    await record.getByText('la niña o el niño', { exact: true }).first().waitFor();
    await record.getByText('Qué se explicó').waitFor();
    await record.getByText(/Borrador: requiere revisión/).waitFor();
    assert.equal(await record.locator('.sign-block').count(), 3);
    const title = await s.page.title();
    // The title reaches the history and synced tabs: no kind, case number or name in it; the
    // printed header keeps the number.
    assert.equal(title, 'Documentos del caso · Senda');
    for (const secret of [child.name, child.alias, shortId, 'BID', 'determinación']) assert.ok(!title.includes(secret), title);
    assert.match(await record.locator('.doc-header .eyebrow').textContent(), new RegExp(`^Número de caso ${shortId} · \\d{4}-\\d{2}-\\d{2}$`));
    assert.deepEqual(await seriousViolations(s.page), [], 'axe on the consent record');
    await snapshot(s.page, 'document-consent');
    await printLayout(s.page, 'document-consent');

    // The closure form of a case still open: it says so, withholds the child's details without
    // consent to share information, and has the receiving organisation's line.
    await s.page.getByRole('link', { name: 'Todos los documentos' }).click();
    await s.page.getByRole('link', { name: 'Formulario de cierre o transferencia' }).click();
    await s.page.waitForURL(/\/documents\/closure$/);
    const closure = s.page.locator('.document[data-kind="closure"]');
    await closure.getByRole('heading', { level: 1, name: 'Formulario de cierre o transferencia' }).waitFor();
    await closure.getByText('El caso sigue abierto').waitFor();
    await closure.getByText(/no hay consentimiento vigente para compartir información/).waitFor();
    const text = await closure.textContent();
    for (const personal of [child.name, child.alias, 'Tecún Umán']) assert.ok(!text.includes(personal), `${personal} on the closure form`);
    assert.equal(await closure.locator('.sign-block').count(), 3);
    await snapshot(s.page, 'document-closure');
    await printLayout(s.page, 'document-closure');
    assert.deepEqual(s.problems, []);
  } finally {
    await s.close();
  }
});
