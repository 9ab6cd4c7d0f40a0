// End-to-end tests of two child-safety rules (issue #13), against the release build:
// 1. A 14-year-old girl is recorded with one adult, unrelated and not verified, who keeps her
//    passport. Screening reads the relationship and the document from her data alone: she is
//    unaccompanied, the relationship must be checked before anyone takes her, and the
//    trafficking indicator names the unrelated adult holding her document. The risk level says
//    it is a proposal by Senda's rules, with its reasons.
// 2. A volunteer notices sexual violence, an LGBTIQ+ disclosure and a sign of trafficking: the
//    summary meant to be read out names only trafficking, says that two sensitive signs were kept
//    off and why, and shows their names only when opened for the child-protection officer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { appReady, open, snapshot } from './support.mjs';
import { setUpVault } from './vault_steps.mjs';

const texts = JSON.parse(readFileSync('content/screening/es.json', 'utf8')).strings;
const flags = JSON.parse(readFileSync('content/flags.json', 'utf8')).flags;
// The Spanish interface strings of every part (content/ui/es.json and content/ui/<area>/es.json).
const uiFiles = ['content/ui/es.json', ...readdirSync('content/ui', { withFileTypes: true })
  .filter((d) => d.isDirectory()).map((d) => `content/ui/${d.name}/es.json`)];
const ui = Object.assign({}, ...uiFiles.map((f) => JSON.parse(readFileSync(f, 'utf8')).strings));
const flagName = (id) => flags.find((f) => f.id === id).name.es;
const flagCard = (page, id) => page.locator(`article.flag-card[data-flag="${id}"]`);
const action = (card, id) => card.locator(`li.obliged-action[data-action="${id}"]`);

test('an unrelated adult holding the child\'s passport raises the relationship check and the trafficking indicator', async () => {
  const s = await open();
  try {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await s.page.getByRole('link', { name: 'Nuevo caso' }).click();
    await s.page.getByText('Sin guardar: escriba un nombre o alias').waitFor();
    await s.page.getByLabel('Alias o cómo prefiere que le llamen').fill('Estrella');
    await s.page.getByLabel('Edad declarada (años)').fill('14');
    // The worker records what she sees: accompanied, by one adult.
    await s.page.getByLabel('Acompañamiento').selectOption('accompanied');
    await s.page.getByLabel('País del primer contacto').selectOption('MX');
    await s.page.getByRole('button', { name: 'Añadir un adulto' }).click();
    await s.page.getByLabel('Relación que declaran').selectOption({ label: 'Sin parentesco' });
    assert.equal(await s.page.getByLabel('Relación verificada').isChecked(), false);
    await s.page.getByRole('button', { name: 'Añadir un documento' }).click();
    const field = (name) => s.page.locator('label.field', { has: s.page.locator('span', { hasText: new RegExp(`^${name}$`) }) }).locator('select');
    await field('Documento').selectOption({ label: 'Pasaporte' });
    await s.page.getByLabel('Quién lo tiene').selectOption({ label: 'Un adulto acompañante' });
    await s.page.waitForTimeout(700);
    await s.page.locator('.save-state[data-state="saved"]').waitFor();
    await s.page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}$/);

    await s.page.getByRole('link', { name: /Evaluación de riesgos y vulnerabilidades/ }).click();
    await s.page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}\/screening$/);
    // No question answered: her recorded data alone raises the flags.
    const trafficking = flagCard(s.page, 'trafficking');
    await trafficking.getByText(texts['trigger.trafficking.unrelated_adult_holds_documents']).waitFor();
    await trafficking.getByText(texts['trigger.trafficking.travels_with_non_relatives']).waitFor();
    await action(trafficking, 'interview_alone').waitFor();
    const relationship = flagCard(s.page, 'relationship_unverified');
    await relationship.getByText(texts['trigger.relationship_unverified.recorded']).waitFor();
    await action(relationship, 'verify_relationship').getByText(texts['action.verify_relationship']).waitFor();
    await action(relationship, 'no_handover_unverified').getByText(texts['action.no_handover_unverified']).waitFor();
    // An unrelated adult is no one responsible for her by law or custom: unaccompanied.
    await flagCard(s.page, 'unaccompanied').getByText(texts['trigger.unaccompanied.only_unrelated_adults']).waitFor();
    assert.equal(await s.page.locator('.risk-now').textContent(), 'Riesgo alto');
    // The level is a proposal, and its reasons are there.
    await s.page.locator('.risk-proposal').getByText(ui['scr.risk_proposal']).waitFor();
    const reasons = await s.page.locator('.risk-reasons li').allTextContents();
    assert.ok(reasons.some((r) => r.includes(texts['trigger.trafficking.unrelated_adult_holds_documents'])), reasons.join('\n'));
    await s.page.locator('.risk-panel').scrollIntoViewIfNeeded();
    await snapshot(s.page, 'safety-risk-proposal');
    await relationship.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'safety-relationship-check');
    assert.deepEqual(s.problems, []);
  } finally {
    await s.close();
  }
});

test('the volunteer summary read out keeps sensitive flags off and says why', async () => {
  const s = await open();
  try {
    await s.page.goto(s.url(''));
    await appReady(s.page);
    await s.page.getByRole('link', { name: 'Primer contacto rápido (sin registro)' }).click();
    await s.page.waitForURL(/\/senda\/first-contact$/);
    for (let i = 0; i < 2; i++) await s.page.getByRole('button', { name: 'Siguiente' }).click();
    for (const id of ['gbv', 'lgbtiq_risk', 'trafficking']) {
      await s.page.getByRole('checkbox', { name: flagName(id) }).check();
    }
    // Sensitive flags are marked as such where the volunteer ticks them.
    const gbvLabel = s.page.locator('label.choice').filter({ hasText: flagName('gbv') });
    await gbvLabel.locator('.chip.sensitive').getByText(ui['volunteer.sensitive_chip']).waitFor();
    await snapshot(s.page, 'safety-volunteer-flags');
    for (let i = 0; i < 2; i++) await s.page.getByRole('button', { name: 'Siguiente' }).click();
    await s.page.getByRole('button', { name: 'Ver el resumen para derivar' }).click();

    const summary = s.page.locator('.volunteer-summary');
    await summary.getByRole('heading', { name: 'Resumen para derivar' }).waitFor();
    assert.deepEqual(await summary.locator('.summary-flags li').allTextContents(), [flagName('trafficking')]);
    const kept = summary.locator('.sensitive-kept');
    await kept.getByText(ui['volunteer.sensitive_kept'].replace('{n}', '2')).waitFor();
    // What is on screen to read out names neither sensitive flag.
    const shown = await summary.innerText();
    assert.ok(!shown.includes(flagName('gbv')) && !shown.includes(flagName('lgbtiq_risk')), shown);
    assert.equal(await kept.locator('details').getAttribute('open'), null);
    await summary.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'safety-volunteer-summary');
    // Opened in private for the child-protection officer, the names are there.
    await kept.getByText(ui['volunteer.sensitive_show']).click();
    assert.deepEqual(await kept.locator('li').allTextContents(), [flagName('gbv'), flagName('lgbtiq_risk')]);
    await snapshot(s.page, 'safety-volunteer-sensitive-opened');
    assert.deepEqual(s.problems, []);
  } finally {
    await s.close();
  }
});
