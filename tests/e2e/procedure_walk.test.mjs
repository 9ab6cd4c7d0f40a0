// End-to-end walk of a whole case as a worker taps it: a separated child, from first contact
// through screening, protection, the best-interests assessment and determination, to referral.
// Every item is resolved with its own control; at each step the phase flowchart must highlight
// the step on screen, mark it done once resolved, and move when the worker goes on; the address
// names the step, so a reload in the middle of the assessment comes back to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appReady, withApp, snapshot } from './support.mjs';
import { setUpVault, unlock, recordCase, unique } from './vault_steps.mjs';

const structure = JSON.parse(readFileSync('content/procedure/structure.json', 'utf8'));
const es = JSON.parse(readFileSync('content/procedure/es.json', 'utf8'));
const items = new Map(structure.phases.flatMap((p) => p.steps.flatMap((s) => s.items.map((i) => [i.id, i]))));
const phaseOf = new Map(structure.phases.flatMap((p) => p.steps.map((s) => [s.id, p.id])));
// Answers that steer the case: not urgent (no short assessment), a durable solution to decide.
const CHOICES = { 'bia.urgency.urgent': 'no', 'bia.conclusion.decision_type': 'durable_solution' };

const currentNode = (page) => page.locator('.flowchart .fc-node[data-current]');
const stepInUrl = (page) => new URL(page.url()).searchParams.get('step');

/** Resolves every open item of the step on screen with the control its kind has. */
async function resolveStep(page) {
  const open = page.locator('.procedure-step li.procedure-item[data-progress="open"]');
  while (await open.count() > 0) {
    const li = open.first();
    const id = await li.getAttribute('data-item');
    const item = items.get(id);
    switch (item.kind) {
      case 'check':
        await li.getByLabel('Hecho').check();
        break;
      case 'question': {
        const option = CHOICES[id] ?? item.options[0];
        await li.getByLabel(es.items[id].options[option], { exact: true }).check();
        break;
      }
      case 'text':
        await li.getByRole('textbox').fill('Anotado con la niña presente');
        await li.getByRole('button', { name: 'Guardar respuesta' }).click();
        break;
      case 'date':
        await li.locator('input[type="date"]').fill('2026-11-30');
        break;
      default:
        assert.fail(`unknown item kind ${item.kind}`);
    }
    await page.locator(`.procedure-step li.procedure-item[data-item="${id}"]:not([data-progress="open"])`).waitFor();
  }
}

test('a case is walked from first contact through the BIA and BID to referral, the flowchart following', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await recordCase(s.page, { name: unique('Walk'), alias: 'Mar', nationality: 'Honduras', place: 'Tecún Umán' });
    await s.page.getByRole('link', { name: /Procedimiento del caso/ }).click();
    await s.page.waitForURL(/\/procedure\?step=first_contact\.safety$/);

    const visited = [];
    let reloaded = false;
    for (let guard = 0; guard < 60; guard++) {
      const step = stepInUrl(s.page);
      const phase = phaseOf.get(step);
      await s.page.getByRole('heading', { name: es.steps[step].title, exact: true }).waitFor();
      // The highlight is on the step on screen, in that phase's chart.
      assert.equal(await currentNode(s.page).getAttribute('data-step'), step);
      assert.equal(await s.page.locator('.flowchart .fc-node').count(),
        structure.phases.find((p) => p.id === phase).steps.length);
      visited.push(step);
      if (phase === 'referral_plan') break;

      if (step === 'bia.views' && !reloaded) {
        // Mid-assessment, the phone is reloaded: the vault locks; unlocked, the same step is back.
        // The worker sees "Guardado" first: the edits of the steps before are in the vault.
        reloaded = true;
        await s.page.locator('.save-state[data-state="saved"]').waitFor();
        await s.page.reload();
        await unlock(s.page);
        await s.page.getByRole('heading', { name: es.steps[step].title, exact: true }).waitFor({ timeout: 20000 });
        assert.equal(stepInUrl(s.page), step);
        assert.equal(await currentNode(s.page).getAttribute('data-step'), step);
        await snapshot(s.page, 'walk-bia-after-reload');
      }

      await resolveStep(s.page);
      await s.page.locator(`.flowchart .fc-node[data-step="${step}"][data-mark="done"]`).waitFor();
      if (step === 'bia.hearing') {
        await s.page.locator('.flowchart').scrollIntoViewIfNeeded();
        await snapshot(s.page, 'walk-bia-flowchart');
      }
      await s.page.getByRole('button', { name: 'Ir a ese paso' }).click();
      await s.page.waitForFunction((from) => new URL(location.href).searchParams.get('step') !== from, step);
      // The highlight moved with the worker.
      assert.notEqual(await currentNode(s.page).getAttribute('data-step'), step);
    }

    const phases = [...new Set(visited.map((id) => phaseOf.get(id)))];
    assert.deepEqual(phases, ['first_contact', 'screening', 'immediate_protection', 'bia', 'bid', 'referral_plan']);
    assert.ok(reloaded, 'the walk went through the reload in the assessment');
    assert.ok(!visited.includes('bia.short'), 'a case that is not urgent has no short assessment');
    // Every BIA step was walked except the short one, in the Guide's order.
    const bia = structure.phases.find((p) => p.id === 'bia').steps.map((st) => st.id).filter((id) => id !== 'bia.short');
    assert.deepEqual(visited.filter((id) => phaseOf.get(id) === 'bia'), bia);
    await snapshot(s.page, 'walk-referral');
  });
});
