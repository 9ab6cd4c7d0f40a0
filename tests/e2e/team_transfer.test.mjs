// End to end, a transfer to another organisation with three phones and two sync servers that
// share nothing: organisation A's coordinator (supervising) and caseworker on server A (COUCH_URL),
// organisation B's coordinator on server B (COUCH_URL_B, or a second local instance this test
// starts, scripts/sync-server.sh with SENDA_SYNC_STATE). The caseworker records a case and cannot
// transfer it; B's coordinator shows its partner card; A's coordinator opens the transfer: without
// consent it is refused with the reasons and nothing reaches B's inbox (the administrator
// checks); with both consents recorded, the fingerprint compared, the case is delivered sealed
// (nothing readable on B's server), B compares A's fingerprint and accepts it and has the child's case, the signed receipt
// comes back to A, and both keep the record. axe and touch targets on each new screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { open, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique } from './vault_steps.mjs';
import { accessible, couch, createTeam, dropDb, go, setUpTeam, showHistory, signedLines, syncEach as sync, toTeam } from './team_steps.mjs';

/** Organisation B's server: COUCH_URL_B, or a second local instance started (and stopped) here. */
function secondServer() {
  if (process.env.COUCH_URL_B) return { url: process.env.COUCH_URL_B, stop: () => {} };
  const env = { ...process.env, SENDA_SYNC_STATE: `${process.cwd()}/.sync-server-b` };
  const url = execFileSync('scripts/sync-server.sh', ['start'], { env, encoding: 'utf8' }).trim().split('\n').pop();
  return { url, stop: () => execFileSync('scripts/sync-server.sh', ['stop'], { env, stdio: 'ignore' }) };
}

function asServer(couchUrl) {
  const url = new URL(couchUrl);
  const admin = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return { origin: url.origin, admin, password, auth: 'Basic ' + Buffer.from(`${admin}:${password}`).toString('base64') };
}

/** The deliveries in a team's inbox, as the server's administrator sees them. */
async function inbox(server, db) {
  const res = await fetch(`${server.origin}/${db}-inbox/_all_docs?include_docs=true`, { headers: { authorization: server.auth } });
  assert.equal(res.status, 200, `${db}-inbox`);
  return (await res.json()).rows.filter((r) => !r.id.startsWith('_design/')).map((r) => r.doc);
}

const fingerprintOf = async (page, selector) => (await page.locator(selector).first().textContent()).trim();

test('a transfer to another organisation: refused without consent, then delivered, accepted and acknowledged', async () => {
  const serverA = couch();
  const second = secondServer();
  const serverB = asServer(second.url);
  assert.notEqual(serverA.origin, serverB.origin, 'two servers');
  const allow = [serverA.origin, serverB.origin, /status of (404 \(Not Found\)|412 \(Precondition Failed\))/];
  const [sup, worker, other] = [await open({ allow }), await open({ allow }), await open({ allow })];
  let dbA, dbB;
  try {
    // Organisation A: its coordinator and a caseworker, on server A.
    ({ db: dbA } = await setUpTeam(sup, worker, serverA));
    await sync(sup, worker);
    await toTeam(sup.page);
    const supFingerprint = await fingerprintOf(sup.page, 'li.member:has(.chip) code');

    // Organisation B, on its own server: its coordinator shows the team's partner card.
    await createTeam(other, serverB);
    const partners = other.page.locator('.team-partners');
    await partners.getByRole('button', { name: 'Mostrar la tarjeta de socio' }).click();
    const cardField = partners.locator('textarea.partner-card');
    await cardField.waitFor({ timeout: 30000 });
    const card = await cardField.inputValue();
    assert.match(card, /^SENDA-PARTNER:1:senda-t-[0-9a-f]{24}:/);
    dbB = card.split(':')[2];
    assert.ok(card.includes(serverB.origin) && !card.includes(serverB.password), 'the card names B server, never its administrator');
    const bFingerprint = await fingerprintOf(other.page, '[data-team="partner-fingerprint"] code');
    assert.match(bFingerprint, /^[0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{4}$/);
    await other.page.locator('[data-team="partner-qr"]').waitFor();
    await accessible(other.page, 'transfer-partner-card', '.team-partners');
    assert.deepEqual(await inbox(serverB, dbB), [], 'an empty inbox');

    // A's caseworker records the case; a caseworker is offered no transfer.
    const values = { name: unique('Rosa'), alias: unique('Tulipán'), nationality: unique('Hondur'), place: unique('Tecún') };
    await worker.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();
    await recordCase(worker.page, values);
    const path = new URL(worker.page.url()).pathname.replace(/^\/senda\//, '');
    assert.equal(await worker.page.locator('a.transfer-link').count(), 0, 'no transfer for a caseworker');
    await go(worker.page, worker.url(`${path}/transfer`));
    await worker.page.getByRole('alert').filter({ hasText: 'Su rol en el equipo no permite transferir casos' }).waitFor();
    await go(worker.page, worker.url(path));
    await sync(worker, sup);

    // A's coordinator: without consent the transfer is refused, with each reason, and nothing is sent.
    await go(sup.page, sup.url(path));
    await sup.page.locator('a.transfer-link').click({ timeout: 30000 });
    await sup.page.getByRole('heading', { name: 'Transferir a otra organización', level: 1 }).waitFor();
    const refused = sup.page.locator('[data-transfer="refused"]');
    await refused.getByText('Falta el consentimiento para la derivación', { exact: false }).waitFor();
    await refused.getByText('Falta el consentimiento para compartir la información', { exact: false }).waitFor();
    assert.equal(await sup.page.getByRole('button', { name: 'Transferir el caso' }).count(), 0, 'nothing to send');
    const title = await sup.page.title();
    assert.ok(!title.includes(values.name) && !title.includes(values.alias), `title ${title}`);
    await accessible(sup.page, 'transfer-refused');
    assert.deepEqual(await inbox(serverB, dbB), [], 'nothing reached B without consent');

    // The consents recorded on the same screen; then B's card, its fingerprint compared.
    const consent = sup.page.locator('.consent-panel');
    for (const purpose of ['referral', 'information_sharing']) {
      if (!(await consent.locator('details.consent-form').evaluate((d) => d.open))) {
        await consent.getByText('Registrar un consentimiento').click();
      }
      await consent.getByLabel('Para').selectOption(purpose);
      await consent.getByLabel('Dado por').selectOption('child');
      await consent.getByRole('button', { name: 'Registrar el consentimiento ahora' }).click();
      // The last one recorded, the panel gives way to the receiving team.
      if (purpose === 'referral') await consent.locator(`li[data-purpose="${purpose}"]`).getByText(/dado por la niña o el niño el/).waitFor();
    }
    await sup.page.locator('[data-transfer="consent-ok"]').waitFor();
    await sup.page.getByLabel('Tarjeta de socio del otro equipo').fill(card);
    await sup.page.getByRole('button', { name: 'Leer la tarjeta' }).click();
    await sup.page.locator('[data-transfer="fingerprint"]').waitFor();
    assert.equal(await fingerprintOf(sup.page, '[data-transfer="fingerprint"] code'), bFingerprint, 'the same fingerprint as B phone');
    await accessible(sup.page, 'transfer-compare', '[data-transfer="fingerprint"]');
    // Not confirmed as compared: refused, nothing sent.
    await sup.page.getByRole('button', { name: 'Transferir el caso' }).click();
    await sup.page.getByRole('alert').filter({ hasText: 'Confirme que comparó la huella' }).waitFor();
    assert.deepEqual(await inbox(serverB, dbB), []);
    await sup.page.getByLabel('Comparé esta huella con el teléfono del otro equipo y es la misma').check();
    await sup.page.getByRole('button', { name: 'Transferir el caso' }).click();
    await sup.page.locator('[data-transfer="sent"]').waitFor({ timeout: 30000 });
    await sup.page.locator('[data-transfer="waiting"]').waitFor({ timeout: 30000 });
    await sup.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await accessible(sup.page, 'transfer-sent', '.transfer-log');

    // On B's server: one sealed delivery, nothing readable.
    const delivered = await inbox(serverB, dbB);
    assert.equal(delivered.length, 1);
    const raw = JSON.stringify(delivered);
    for (const v of Object.values(values)) assert.ok(!raw.includes(v), `${v} in clear on B's server`);
    assert.deepEqual(Object.keys(delivered[0]).sort(), ['_id', '_rev', 'ct', 'eph', 'iv', 'kid', 'salt', 'v', 'wk']);

    // B's coordinator finds it, with A's phone's fingerprint, and accepts it.
    await partners.getByRole('button', { name: 'Buscar transferencias' }).click();
    const waiting = other.page.locator('li.transfer-waiting').filter({ hasText: values.alias });
    await waiting.waitFor({ timeout: 30000 });
    assert.equal(await fingerprintOf(other.page, 'li.transfer-waiting .big-fingerprint code'), supFingerprint, "A coordinator's phone");
    await accessible(other.page, 'transfer-inbox', 'li.transfer-waiting');
    // Not accepted until B's coordinator says the sender's fingerprint was compared.
    await waiting.getByRole('button', { name: 'Aceptar el caso' }).click();
    await other.page.getByRole('alert').filter({ hasText: 'Primero compare la huella con el teléfono que envía' }).waitFor();
    await waiting.getByLabel('Comparé esta huella con el teléfono que envía y es la misma').check();
    await waiting.getByRole('button', { name: 'Aceptar el caso' }).click();
    await other.page.getByRole('status').filter({ hasText: 'Caso aceptado' }).waitFor({ timeout: 30000 });
    await waiting.getByText('Aceptado', { exact: true }).waitFor();
    // B has the child's case, with the record and the receipt.
    await go(other.page, other.url(path));
    await other.page.getByRole('heading', { name: values.alias, level: 1 }).waitFor({ timeout: 30000 });
    await other.page.getByLabel('Nombres').waitFor();
    assert.equal(await other.page.getByLabel('Nombres').inputValue(), values.name);
    // B's own signed history says this phone received it by transfer.
    const onB = await signedLines(other.page, 1);
    assert.ok(onB.some((l) => l.includes('Recibido por transferencia') && l.includes('este teléfono')), `B's history: ${onB.join(' | ')}`);
    // A's own records stayed with A (B could not check their signatures): B's history is whole.
    await other.page.locator('.signed-history-block [data-intact="true"]').waitFor();
    assert.equal(onB.length, 1, `B's history: ${onB.join(' | ')}`);
    await showHistory(other.page);
    await snapshot(other.page, 'transfer-history-on-b');
    await go(other.page, other.url(`${path}/transfer`));
    await other.page.locator('[data-transfer="received"]').filter({ hasText: 'Aceptado por este teléfono' }).waitFor({ timeout: 30000 });
    await other.page.getByText(/^Transferido a este equipo desde otra organización el /).waitFor();
    await accessible(other.page, 'transfer-received-b', '.transfer-log');

    // The receipt is back in A's inbox (sealed too); A's coordinator records it.
    const back = await inbox(serverA, dbA);
    assert.equal(back.length, 1, 'one receipt in A inbox');
    assert.ok(!JSON.stringify(back).includes(values.alias));
    await toTeam(sup.page);
    await sup.page.locator('.team-partners').getByRole('button', { name: 'Buscar transferencias' }).click();
    await sup.page.getByRole('status').filter({ hasText: 'Acuses de recibo registrados: 1.' }).waitFor({ timeout: 30000 });
    await go(sup.page, sup.url(path));
    const onA = await signedLines(sup.page, 2);
    assert.ok(onA.some((l) => l.includes('Transferido a otra organización') && l.includes('este teléfono')), `A's history: ${onA.join(' | ')}`);
    await go(sup.page, sup.url(`${path}/transfer`));
    await sup.page.locator('[data-transfer="received"]').filter({ hasText: 'Recibido por ese teléfono' }).waitFor({ timeout: 30000 });
    await accessible(sup.page, 'transfer-received-a', '.transfer-log');
    // At 320 px nothing runs off the side.
    await sup.page.setViewportSize({ width: 320, height: 740 });
    assert.ok(await sup.page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scroll at 320 px');
    await sup.page.setViewportSize({ width: 360, height: 740 });
  } catch (e) {
    // What each phone showed when it failed, to look at.
    for (const [name, s] of [['sup', sup], ['worker', worker], ['other', other]]) await s.page.screenshot({ path: `tests/e2e/artifacts/transfer-failed-${name}.png`, fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await dropDb(serverA, dbA);
    await dropDb(serverA, dbA && `${dbA}-inbox`);
    await dropDb(serverB, dbB);
    await dropDb(serverB, dbB && `${dbB}-inbox`);
    await sup.close();
    await worker.close();
    await other.close();
    second.stop();
  }
});
