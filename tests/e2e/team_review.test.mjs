// End to end, supervisor review on two phones against the local sync server (COUCH_URL): the
// coordinator's phone (which decides reviews) and a caseworker's. The caseworker records a case
// with a BIA and asks for review; after a sync the coordinator finds it in the review queue,
// reads it and returns it with a comment; the caseworker sees the comment, fixes the BIA and
// asks again; the coordinator approves; the caseworker sees it approved, edits the BIA, and the
// approval shows as one for an earlier version. axe and touch targets on each new screen.
// Then a forged approval: a supervisor's phone demoted to caseworker by the coordinator while it
// is cut off from the server still believes it supervises and approves a BIA; once it syncs,
// both phones (its own after reading the new member list) show that approval as not counting,
// with why, and the BIA still waiting for review. (The rule itself: tests/sync_members.rs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshot } from './support.mjs';
import { recordCase, unique } from './vault_steps.mjs';
import { accessible, couch, cut, dropDb, go, restore, setUpTeam, syncEach as sync, syncNow, toTeam, twoPhones } from './team_steps.mjs';
import { readFileSync } from 'node:fs';

const es = JSON.parse(readFileSync('content/procedure/es.json', 'utf8'));

const BIA = 'Evaluación del interés superior (BIA)';

/** Writes the BIA's safety facts on the case at `caseUrl` and waits until it is saved. */
async function writeBia(page, caseUrl, text) {
  await go(page, `${caseUrl}/procedure?step=bia.safety`);
  const item = page.locator('li.procedure-item[data-item="bia.safety.facts"]');
  await item.getByRole('textbox').fill(text);
  await item.getByRole('button', { name: 'Guardar respuesta' }).click();
  await page.locator('li.procedure-item[data-item="bia.safety.facts"][data-progress="answered"]').waitFor();
  await page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
}

/** The BIA's entry in the case screen's review section. */
function biaOnCase(page) {
  return page.locator('.review-section li.review-doc').filter({ has: page.getByRole('heading', { name: BIA }) });
}

test('a BIA asked for review, returned with a comment, fixed, approved, then outdated by an edit', async () => {
  const server = couch();
  const [sup, worker] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(sup, worker, server));
    // The coordinator's phone lists the new phone with its role; the caseworker's follows the list.
    await sync(sup, worker);
    // The caseworker records a case with a BIA and asks for its review.
    const values = { name: unique('Yesenia'), alias: unique('Lucero'), nationality: unique('Salvad'), place: unique('Tapachula') };
    await worker.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordCase(worker.page, values);
    const caseUrl = worker.page.url();
    await writeBia(worker.page, caseUrl, 'Vive con su tía; dice que se siente segura');
    await go(worker.page, caseUrl);
    const bia = biaOnCase(worker.page);
    await bia.getByText('Sin pedir revisión.').waitFor({ timeout: 30000 });
    await bia.getByRole('button', { name: 'Pedir revisión' }).click();
    await bia.getByText('Revisión pedida: espera la decisión de la supervisión.').waitFor();
    await worker.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await accessible(worker.page, 'review-case-asked', '.review-section');
    await go(worker.page, worker.url('cases'));
    await worker.page.getByRole('link', { name: 'Nuevo caso' }).waitFor();
    assert.equal(await worker.page.getByRole('link', { name: 'Revisiones pendientes' }).count(), 0, 'a caseworker has no review queue');
    await sync(worker, sup);

    // The coordinator's queue holds it; the document opens read-only, and is returned.
    await go(sup.page, sup.url('cases'));
    await sup.page.getByRole('link', { name: 'Revisiones pendientes' }).click();
    await sup.page.getByRole('heading', { name: 'Revisiones pendientes', level: 1 }).waitFor();
    const entry = sup.page.locator('.review-queue li').filter({ hasText: values.alias });
    await entry.waitFor({ timeout: 30000 });
    assert.equal(await sup.page.locator('.review-queue li').count(), 1);
    await accessible(sup.page, 'review-queue');
    await entry.getByRole('link').click();
    await sup.page.getByRole('heading', { name: BIA, level: 1 }).waitFor();
    await sup.page.getByText('Vive con su tía; dice que se siente segura').waitFor({ timeout: 30000 });
    assert.equal(await sup.page.getByRole('textbox', { name: /Respuesta/ }).count(), 0, 'read only');
    // Returning needs a comment: without one, nothing is saved.
    await sup.page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await sup.page.getByRole('alert').filter({ hasText: 'Escriba qué hay que cambiar' }).waitFor();
    await sup.page.getByText('Revisión pedida: espera la decisión de la supervisión.').waitFor();
    await accessible(sup.page, 'review-document-decide');
    // At 320 px nothing runs off the side.
    await sup.page.setViewportSize({ width: 320, height: 740 });
    assert.ok(await sup.page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scroll at 320 px');
    await snapshot(sup.page, 'review-document-320');
    await sup.page.setViewportSize({ width: 360, height: 740 });
    const comment = 'Falta de dónde viene la información (fuentes)';
    await sup.page.getByLabel('Qué hay que cambiar (obligatorio para devolver)').fill(comment);
    await sup.page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await sup.page.getByText(/^Devuelto con comentarios por coordinación/).waitFor();
    await sup.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await sync(sup, worker);

    // The caseworker sees the comment, fixes the BIA and asks again.
    await go(worker.page, caseUrl);
    await bia.getByText(/^Devuelto con comentarios por coordinación/).waitFor({ timeout: 30000 });
    await bia.getByText(comment).waitFor();
    await accessible(worker.page, 'review-case-returned', '.review-section');
    await writeBia(worker.page, caseUrl, 'Vive con su tía; dice que se siente segura (fuente: entrevista con la niña y la tía)');
    await go(worker.page, caseUrl);
    await bia.getByRole('button', { name: 'Pedir revisión' }).click();
    await bia.getByText('Revisión pedida: espera la decisión de la supervisión.').waitFor();
    await worker.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await sync(worker, sup);

    // The coordinator approves the fixed version.
    await go(sup.page, sup.url('cases/reviews'));
    await sup.page.locator('.review-queue li').filter({ hasText: values.alias }).getByRole('link').click({ timeout: 30000 });
    await sup.page.getByText('(fuente: entrevista con la niña y la tía)', { exact: false }).waitFor({ timeout: 30000 });
    await sup.page.getByRole('button', { name: 'Aprobar esta versión' }).click();
    await sup.page.getByText(/^Aprobado por coordinación .*, firmado sobre esta versión\.$/).waitFor();
    await sup.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await go(sup.page, sup.url('cases/reviews'));
    await sup.page.getByText('No hay revisiones pendientes en los casos de este teléfono.').waitFor({ timeout: 30000 });
    await sync(sup, worker);

    // The caseworker sees it approved; an edit makes it an approval of an earlier version.
    await go(worker.page, caseUrl);
    await bia.getByText(/^Aprobado por coordinación .*, firmado sobre esta versión\.$/).waitFor({ timeout: 30000 });
    assert.equal(await bia.getByRole('button', { name: 'Pedir revisión' }).count(), 0);
    await accessible(worker.page, 'review-case-approved', '.review-section');
    await writeBia(worker.page, caseUrl, 'Ya no vive con su tía');
    await go(worker.page, caseUrl);
    await bia.getByText(/para una versión anterior: el documento cambió después/).waitFor({ timeout: 30000 });
    await bia.getByRole('button', { name: 'Pedir revisión' }).waitFor();
    await accessible(worker.page, 'review-case-outdated', '.review-section');
  } finally {
    await dropDb(server, db);
    await sup.close();
    await worker.close();
  }
});

test('the BID panel: each member signs the undertaking then one vote with reasons from their own phone; the vote against and its reasons kept on both', async () => {
  const server = couch();
  const [sup, worker] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(sup, worker, server));
    await sync(sup, worker);
    const values = { name: unique('Maritza'), alias: unique('Alba'), nationality: unique('Guatem'), place: unique('Ciudad') };
    await worker.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordCase(worker.page, values);
    const caseUrl = worker.page.url();
    // A durable solution for a separated child: a BID is required.
    await go(worker.page, `${caseUrl}/procedure?step=bia.conclusion`);
    const decisionType = worker.page.locator('li.procedure-item[data-item="bia.conclusion.decision_type"]');
    await decisionType.getByLabel(es.items['bia.conclusion.decision_type'].options.durable_solution, { exact: true }).check();
    await worker.page.locator('li.procedure-item[data-item="bia.conclusion.decision_type"][data-progress="answered"]').waitFor();
    // The report the panel decides on: the determination's question.
    await go(worker.page, caseUrl);
    await go(worker.page, `${caseUrl}/procedure?step=bid.preparation`);
    const item = worker.page.locator('li.procedure-item[data-item="bid.preparation.question"]');
    await item.getByRole('textbox').fill('¿Con quién y dónde vive mientras se busca a su madre?');
    await item.getByRole('button', { name: 'Guardar respuesta' }).click();
    await worker.page.locator('li.procedure-item[data-item="bid.preparation.question"][data-progress="answered"]').waitFor();
    await worker.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();

    const vote = async (s, choice, reasons) => {
      const panel = s.page.locator('.panel-section');
      // No vote without the undertaking: the vote is not offered until it is signed.
      assert.equal(await panel.getByRole('button', { name: 'Firmar mi voto' }).count(), 0);
      await panel.getByRole('checkbox', { name: /Me comprometo a mantener la confidencialidad/ }).check();
      await panel.getByRole('button', { name: 'Firmar mi compromiso' }).click();
      await panel.getByRole('button', { name: 'Firmar mi voto' }).waitFor({ timeout: 30000 });
      // A vote needs its reasons: without them nothing is saved.
      await panel.getByLabel(choice, { exact: true }).check();
      await panel.getByRole('button', { name: 'Firmar mi voto' }).click();
      await panel.getByRole('alert').filter({ hasText: 'Elija su voto y escriba sus razones' }).waitFor();
      await panel.getByLabel('Razones de su voto (obligatorio)').fill(reasons);
      await panel.getByRole('button', { name: 'Firmar mi voto' }).click();
      await panel.getByText('Su voto está firmado y registrado. No se puede votar dos veces.').waitFor({ timeout: 30000 });
      await s.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    };
    // From the procedure's panel step to the panel.
    await go(worker.page, caseUrl);
    await go(worker.page, `${caseUrl}/procedure?step=bid.panel`);
    await worker.page.getByRole('link', { name: 'Abrir el panel: compromisos y votos firmados' }).click();
    await worker.page.getByRole('heading', { name: 'Panel de determinación (BID)' }).waitFor();
    await vote(worker, 'A favor de la recomendación', 'La tía la cuida bien y la escuela está cerca');
    await worker.page.getByText('Sin quórum todavía: 1 de 3 votos contados.').waitFor();
    await sync(worker, sup);

    const path = new URL(caseUrl).pathname;
    await go(sup.page, sup.url(`${path.replace(/^\/senda\//, '')}/review/bid_report`));
    await sup.page.getByText('La tía la cuida bien y la escuela está cerca').waitFor({ timeout: 30000 });
    await vote(sup, 'En contra', 'La búsqueda de la madre no ha terminado');
    await sup.page.getByText('Sin quórum todavía: 2 de 3 votos contados.').waitFor();
    await accessible(sup.page, 'review-bid-panel', '.panel-section');
    await sync(sup, worker);
    await go(worker.page, caseUrl);
    await go(worker.page, `${caseUrl}/review/bid_report`);
    await worker.page.getByText('La búsqueda de la madre no ha terminado').waitFor({ timeout: 30000 });
    await worker.page.getByText('Sin quórum todavía: 2 de 3 votos contados.').waitFor();
  } finally {
    await dropDb(server, db);
    await sup.close();
    await worker.close();
  }
});

test('a supervisor demoted while offline approves a BIA: once synced, every phone shows the approval as invalid and the BIA waiting', async () => {
  const server = couch();
  const [coord, sup] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(coord, sup, server, { role: 'supervisor' }));
    await sync(coord, sup);
    // The coordinator records a case with a BIA and asks for its review; the supervisor's phone gets it.
    const values = { name: unique('Rosalba'), alias: unique('Brisa'), nationality: unique('Hondur'), place: unique('Ciudad') };
    await coord.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordCase(coord.page, values);
    const caseUrl = coord.page.url();
    await writeBia(coord.page, caseUrl, 'Duerme en el albergue; quiere llamar a su hermano');
    await go(coord.page, caseUrl);
    const bia = biaOnCase(coord.page);
    await bia.getByRole('button', { name: 'Pedir revisión' }).click({ timeout: 30000 });
    await bia.getByText('Revisión pedida: espera la decisión de la supervisión.').waitFor();
    await coord.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await sync(coord, sup);
    const supDevice = await sup.page.locator('li.member').filter({ has: sup.page.locator('.chip', { hasText: /^Este teléfono$/ }) }).getAttribute('data-member');

    // The supervisor's phone loses the server; meanwhile the coordinator makes it a caseworker.
    await cut(sup, server);
    await toTeam(coord.page);
    const row = coord.page.locator(`li.member[data-member="${supDevice}"]`);
    await row.getByLabel('Rol en el equipo').selectOption('caseworker');
    await row.getByRole('button', { name: 'Cambiar el rol' }).click();
    await coord.page.getByRole('status').filter({ hasText: 'Rol cambiado' }).waitFor({ timeout: 30000 });
    await coord.page.locator(`li.member[data-member="${supDevice}"] .member-role`).filter({ hasText: 'Gestión de casos' }).waitFor();
    await accessible(coord.page, 'review-demoted-members', `li.member[data-member="${supDevice}"]`);
    await syncNow(coord.page);

    // Offline, the phone still believes it supervises: it approves the BIA.
    await go(sup.page, sup.url('cases/reviews'));
    await sup.page.locator('.review-queue li').filter({ hasText: values.alias }).getByRole('link').click({ timeout: 30000 });
    await sup.page.getByText('Duerme en el albergue; quiere llamar a su hermano').waitFor({ timeout: 30000 });
    await sup.page.getByRole('button', { name: 'Aprobar esta versión' }).click();
    await sup.page.getByText(/^Aprobado por .*, firmado sobre esta versión\.$/).waitFor({ timeout: 30000 });
    await sup.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();

    // Back online it syncs: it reads the new list (it is a caseworker now) and sends its approval.
    await restore(sup, server);
    await toTeam(sup.page);
    await syncNow(sup.page);
    const mine = sup.page.locator('li.member').filter({ has: sup.page.locator('.chip', { hasText: /^Este teléfono$/ }) });
    await mine.locator('.member-role').filter({ hasText: 'Gestión de casos' }).waitFor({ timeout: 30000 });
    await syncNow(sup.page);
    const invalid = /no es válida y no cuenta: la firmó un teléfono sin rol de supervisión ni coordinación\./;
    const path = new URL(caseUrl).pathname.replace(/^\/senda\//, '');
    // Its own phone: the approval does not count, the BIA waits.
    await go(sup.page, sup.url(path));
    const onSup = biaOnCase(sup.page);
    await onSup.locator('.review-invalid').filter({ hasText: invalid }).waitFor({ timeout: 30000 });
    await onSup.getByText('Revisión pedida: espera la decisión de la supervisión.').waitFor();
    assert.equal(await onSup.getByText(/^Aprobado/).count(), 0, 'never shown as approved');
    await accessible(sup.page, 'review-demoted-own-phone', '.review-section');

    // The coordinator's phone: the same.
    await toTeam(coord.page);
    await syncNow(coord.page);
    await go(coord.page, caseUrl);
    await bia.locator('.review-invalid').filter({ hasText: invalid }).waitFor({ timeout: 30000 });
    await bia.getByText('Revisión pedida: espera la decisión de la supervisión.').waitFor();
    assert.equal(await bia.getByText(/^Aprobado/).count(), 0, 'never shown as approved');
    await accessible(coord.page, 'review-demoted-coordinator', '.review-section');
  } finally {
    await dropDb(server, db);
    await coord.close();
    await sup.close();
  }
});
