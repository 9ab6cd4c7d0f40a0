// End to end, team monitoring on two phones against the local sync server (COUCH_URL): a
// caseworker records three cases (one handed over to the coordinator, who accepts it; one whose
// BIA is asked for review; one taken and referred to services); after a sync the coordinator's
// monitoring screen shows "Your team" with counts equal to what was recorded, and its CSV holds
// none of the names typed, no device id and no case id. The caseworker's monitoring screen has
// no team part. axe and touch targets on the screen; screenshots at 360×740 and 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { snapshot } from './support.mjs';
import { recordCase, unique } from './vault_steps.mjs';
import { accessible, couch, dropDb, go, setUpTeam, syncEach as sync, toTeam, twoPhones } from './team_steps.mjs';

/** This phone's device id and fingerprint groups, from its team screen's member list. */
async function thisPhone(page) {
  await toTeam(page);
  const me = page.locator('li.member').filter({ has: page.locator('.chip', { hasText: /^Este teléfono$/ }) });
  await me.waitFor({ timeout: 30000 });
  const device = await me.getAttribute('data-member');
  const groups = (await me.locator('.member-fingerprint code').textContent()).trim().split(/\s+/);
  assert.ok(device && groups.length >= 2);
  return { device, groups };
}

/** The value of one headline figure of the team part. */
const figure = (page, id) => page.locator(`[data-monitoring="team"] [data-team-figure="${id}"] dd`);

test('team monitoring: the coordinator counts what was recorded and the CSV holds nothing personal; a caseworker has no team part', async () => {
  const server = couch();
  const [coord, worker] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(coord, worker, server));
    await sync(coord, worker);
    const c = await thisPhone(coord.page);
    const w = await thisPhone(worker.page);

    // The caseworker records three cases.
    const typed = [];
    const caseUrls = [];
    const record = async (word) => {
      const values = { name: unique(word), alias: unique(`${word}a`), nationality: unique('Nacion'), place: unique('Lugar') };
      typed.push(...Object.values(values));
      await go(worker.page, worker.url('cases'));
      await worker.page.getByRole('link', { name: 'Nuevo caso' }).waitFor();
      await recordCase(worker.page, values);
      caseUrls.push(worker.page.url());
      return worker.page.url();
    };
    // 1: handed over to the coordinator (who accepts it below).
    const handed = await record('Xiomara');
    const card = worker.page.locator('[data-handover="card"]');
    await card.locator('[data-handover="holder"]').filter({ hasText: 'nadie todavía' }).waitFor({ timeout: 30000 });
    await worker.page.getByRole('button', { name: 'Entregar el caso a otra persona del equipo' }).click();
    const form = worker.page.locator('form.handover-form');
    await form.getByLabel('Entregar a').selectOption({ index: 1 });
    const told = unique('Que la coordinadora la acompañará');
    const pending = unique('Llamar al consulado');
    typed.push(told, pending);
    await form.getByLabel('Qué queda pendiente').fill(pending);
    await form.getByLabel('Qué se le dijo a la niña, niño o adolescente').fill(told);
    await form.getByRole('button', { name: 'Firmar y proponer la entrega' }).click();
    await card.getByRole('status').filter({ hasText: 'Entrega propuesta' }).waitFor({ timeout: 30000 });
    await worker.page.locator('.save-state[data-state="saved"]').waitFor();

    // 2: nobody takes it; its BIA is asked for review.
    const reviewed = await record('Yadira');
    const facts = unique('Vive con su tía');
    typed.push(facts);
    await go(worker.page, `${reviewed}/procedure?step=bia.safety`);
    const item = worker.page.locator('li.procedure-item[data-item="bia.safety.facts"]');
    await item.getByRole('textbox').fill(facts);
    await item.getByRole('button', { name: 'Guardar respuesta' }).click();
    await worker.page.locator('li.procedure-item[data-item="bia.safety.facts"][data-progress="answered"]').waitFor();
    await worker.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await go(worker.page, reviewed);
    const bia = worker.page.locator('.review-section li.review-doc').filter({ has: worker.page.getByRole('heading', { name: 'Evaluación del interés superior (BIA)' }) });
    await bia.getByRole('button', { name: 'Pedir revisión' }).click({ timeout: 30000 });
    await bia.getByText('Revisión pedida: espera la decisión de la supervisión.').waitFor();
    await worker.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();

    // 3: the caseworker takes it and refers the child to services.
    const referred = await record('Zulema');
    await worker.page.getByRole('button', { name: 'Asumir este caso' }).click({ timeout: 30000 });
    await worker.page.locator('[data-handover="holder"]').filter({ hasText: 'este teléfono' }).waitFor({ timeout: 30000 });
    await worker.page.locator('.save-state[data-state="saved"]').waitFor();
    await go(worker.page, `${referred}/procedure?step=referral_plan.referrals`);
    await worker.page.locator('li.procedure-item[data-item="referral_plan.referrals.services"]').getByLabel('Hecho').check();
    await worker.page.locator('li.procedure-item[data-item="referral_plan.referrals.services"][data-progress="done"]').waitFor();
    await worker.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();

    // The caseworker's monitoring screen: the anonymous figures, no team part.
    await go(worker.page, worker.url('cases/monitoring'));
    await worker.page.locator('.figure').filter({ hasText: 'Casos en este teléfono' }).locator('dd').filter({ hasText: '3' }).waitFor({ timeout: 30000 });
    assert.equal(await worker.page.locator('[data-monitoring="team"]').count(), 0, 'no team part on a caseworker phone');
    assert.equal(await worker.page.getByRole('heading', { name: 'Su equipo' }).count(), 0);
    assert.equal(await worker.page.getByRole('heading', { name: 'Indicadores anónimos de este teléfono' }).count(), 0, 'the screen is unchanged');
    await snapshot(worker.page, 'team-monitoring-caseworker');

    await sync(worker, coord);
    // The coordinator accepts the case handed to it.
    const path = (url) => new URL(url).pathname.replace(/^\/senda\//, '');
    await go(coord.page, coord.url(path(handed)));
    const onCoord = coord.page.locator('[data-handover="card"]');
    await onCoord.getByRole('button', { name: 'Aceptar el caso' }).click({ timeout: 30000 });
    await onCoord.getByRole('status').filter({ hasText: 'Aceptó el caso' }).waitFor({ timeout: 30000 });
    await coord.page.locator('.save-state[data-state="saved"]').waitFor();

    // The coordinator's monitoring screen: "Your team" with the figures of what was recorded.
    await go(coord.page, coord.url('cases/monitoring'));
    const team = coord.page.locator('[data-monitoring="team"]');
    await team.getByRole('heading', { name: 'Su equipo', level: 2 }).waitFor({ timeout: 30000 });
    await team.getByText('pueden ir por detrás del equipo hasta que este teléfono se sincronice').waitFor();
    await figure(coord.page, 'open').filter({ hasText: /^3$/ }).waitFor({ timeout: 30000 });
    const expect = { reviews_waiting: '1', oldest_review_days: '0', follow_ups_overdue: '0', cases_referred: '1', median_days_to_first_referral: '—' };
    for (const [id, value] of Object.entries(expect)) {
      assert.equal((await figure(coord.page, id).textContent()).trim(), value, id);
    }
    await team.getByText('La mediana se muestra a partir de 5 casos derivados (ahora 1).').waitFor();
    const rows = await team.locator('table.team-workers tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th').textContent.trim(), tr.querySelector('td').textContent.trim()]).sort()
    );
    assert.deepEqual(rows, [
      [`Gestión de casos · ${w.groups[0]} ${w.groups[1]}`, '1'],
      ['Sin asignar', '1'],
      ['este teléfono', '1'],
    ]);
    const bands = await team.locator('table.team-reviews tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.dataset.category, tr.querySelector('td').textContent.trim()])
    );
    assert.deepEqual(bands, [['under_1_day', '1'], ['1_to_2_days', '0'], ['3_to_6_days', '0'], ['7_days_or_more', '0']]);
    // Today's anonymous indicators are still there, below, under their own title.
    await coord.page.getByRole('heading', { name: 'Indicadores anónimos de este teléfono', level: 2 }).waitFor();
    await coord.page.locator('.figure').filter({ hasText: 'Casos en este teléfono' }).locator('dd').filter({ hasText: '3' }).waitFor();
    await accessible(coord.page, 'team-monitoring', '[data-monitoring="team"]');
    await team.locator('table.team-workers').scrollIntoViewIfNeeded();
    await snapshot(coord.page, 'team-monitoring-workers');
    await team.getByRole('button', { name: 'Descargar las cifras del equipo (CSV)' }).scrollIntoViewIfNeeded();
    await snapshot(coord.page, 'team-monitoring-export');
    await coord.page.setViewportSize({ width: 320, height: 740 });
    assert.ok(await coord.page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scroll at 320 px');
    await snapshot(coord.page, 'team-monitoring-320');
    await coord.page.setViewportSize({ width: 360, height: 740 });

    // The CSV: counts, small ones as "<5", members by role and fingerprint start; nothing personal.
    const [download] = await Promise.all([
      coord.page.waitForEvent('download'),
      team.getByRole('button', { name: 'Descargar las cifras del equipo (CSV)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^senda-equipo-\d{4}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'indicator,category,value');
    for (const line of [
      'cases,open,<5',
      `open_cases_per_worker,caseworker ${w.groups[0]}-${w.groups[1]},<5`,
      `open_cases_per_worker,coordinator ${c.groups[0]}-${c.groups[1]},<5`,
      'open_cases_per_worker,unassigned,<5',
      'reviews,waiting,<5',
      'reviews,oldest_waiting_days,<5',
      'reviews_waiting_for,under_1_day,<5',
      'reviews_waiting_for,1_to_2_days,0',
      'follow_up,open_cases_overdue,0',
      'referral,cases_referred,<5',
      'referral,median_days_from_first_contact,<5',
    ]) {
      assert.ok(lines.includes(line), `${line} not in ${csv}`);
    }
    for (const value of typed) assert.ok(!csv.includes(value), `${value} leaked into the CSV`);
    for (const device of [c.device, w.device]) assert.ok(!csv.includes(device), 'no device id in the CSV');
    for (const url of caseUrls) assert.ok(!csv.includes(url.split('/').pop()), 'no case id in the CSV');
    assert.doesNotMatch(csv, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no id of the uuid form');
    assert.doesNotMatch(csv, /\d{4}-\d{2}-\d{2}/, 'no date');
  } finally {
    await dropDb(server, db);
    await coord.close();
    await worker.close();
  }
});
