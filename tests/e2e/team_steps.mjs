// The steps the team tests share: the local sync server's address (COUCH_URL, as
// scripts/test.sh exports it), opening the team screen, "sync now", creating a team and making an
// invitation, setting up a team of two phones (a coordinator's and one that joins with its
// invitation), and cutting a phone off the sync server and back.
import assert from 'node:assert/strict';
import { open, snapshot } from './support.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';
import { setUpVault } from './vault_steps.mjs';

export function couch() {
  const COUCH_URL = process.env.COUCH_URL;
  assert.ok(COUCH_URL, 'COUCH_URL is not set: run scripts/sync-server.sh start and export COUCH_URL=$(scripts/sync-server.sh url)');
  const url = new URL(COUCH_URL);
  const admin = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return { origin: url.origin, admin, password, auth: 'Basic ' + Buffer.from(`${admin}:${password}`).toString('base64') };
}

export async function toTeam(page) {
  await page.locator('nav.bottom-nav').getByRole('link', { name: 'Ajustes' }).click();
  await page.getByRole('link', { name: 'Abrir equipo' }).click();
  await page.getByRole('heading', { name: 'Equipo (sincronización)', level: 1 }).waitFor();
}

export async function syncNow(page) {
  await page.getByRole('button', { name: 'Sincronizar ahora' }).click({ timeout: 60000 });
  await page.getByRole('status').filter({ hasText: 'Sincronizado' }).waitFor({ timeout: 60000 });
}

/** Each phone in turn opens the team screen and syncs. */
export async function syncEach(...phones) {
  for (const s of phones) {
    await toTeam(s.page);
    await syncNow(s.page);
  }
}

/** Both phones take the member list: A (the coordinator's) admits B and publishes the list, then
 * B reads it, and with it its role: until then a team's phone shows no case. */
export async function settleMembers(a, b) {
  await syncNow(a.page);
  await toTeam(b.page);
  await syncNow(b.page);
}

/** Two phones against the local server; the errors the protocol and a cut network log. */
export async function twoPhones(server) {
  // The sync server's origin, and the protocol's expected answers the browser logs: 404 for a
  // checkpoint or an account not made yet, 412 for the accounts database that exists.
  const allow = [server.origin, /status of (404 \(Not Found\)|412 \(Precondition Failed\))/, /ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch/];
  return [await open({ allow }), await open({ allow })];
}

/** A's vault, then a team on `server`; ends on A's team screen. */
export async function createTeam(a, server) {
  await a.page.goto(a.url('cases'));
  await setUpVault(a.page);
  await toTeam(a.page);
  await a.page.locator('form.team-create').getByLabel('Dirección del servidor').fill(server.origin);
  await a.page.locator('form.team-create').getByLabel('Nombre del administrador').fill(server.admin);
  await a.page.locator('form.team-create').getByLabel('Contraseña del administrador').fill(server.password);
  await a.page.getByRole('button', { name: 'Crear el equipo' }).click();
  await a.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 30000 });
}

/** A (the coordinator's phone, on its team screen) makes an invitation with `role`; returns its text. */
export async function makeInvitation(a, role = 'caseworker') {
  await a.page.getByLabel('Rol del nuevo teléfono').selectOption(role);
  await a.page.getByRole('button', { name: 'Crear una invitación' }).click();
  const payload = a.page.locator('textarea.invite-payload');
  await payload.waitFor({ timeout: 30000 });
  const invitation = await payload.inputValue();
  assert.match(invitation, /^SENDA-JOIN:1:senda-t-[0-9a-f]{24}:/);
  return invitation;
}

/** A creates a team and invites B (with `role`, caseworker by default), which joins; both end on
 * the team screen. Returns the db and the invitation. */
export async function setUpTeam(a, b, server, { role = 'caseworker' } = {}) {
  await createTeam(a, server);
  const invitation = await makeInvitation(a, role);
  await b.page.goto(b.url('cases'));
  await setUpVault(b.page);
  await toTeam(b.page);
  await b.page.getByLabel('Invitación', { exact: true }).fill(invitation);
  await b.page.getByRole('button', { name: 'Unirse' }).click();
  await b.page.getByRole('heading', { name: 'El equipo de este teléfono' }).waitFor({ timeout: 30000 });
  return { db: invitation.split(':')[2], invitation };
}

/** Every request to the sync server fails, as on a network that dropped (the page still loads). */
export async function cut(s, server) {
  await s.context.route(`${server.origin}/**`, (route) => route.abort('internetdisconnected'));
}

export async function restore(s, server) {
  await s.context.unroute(`${server.origin}/**`);
}

/** The browser goes offline and back: automatic sync runs at once on coming back. */
export async function blink(s) {
  await s.context.setOffline(true);
  await s.page.waitForTimeout(300);
  await s.context.setOffline(false);
}

/** Waits until `locator`'s field holds `value`. */
export async function fieldHolds(locator, value, timeout = 30000) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await locator.inputValue();
    if (last === value) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`the field holds ${JSON.stringify(last)}, not ${JSON.stringify(value)}`);
}

export async function dropDb(server, db) {
  if (db) await fetch(`${server.origin}/${db}`, { method: 'DELETE', headers: { authorization: server.auth } });
}

/** Scrolls the signed history's heading to the top of the screen (below the header). */
export async function showHistory(page) {
  await page.locator('.signed-history-block h3').evaluate((el) => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -72); });
}

/** The signed history's lines on the open case screen, once it is checked and holds `count`. */
export async function signedLines(page, count) {
  const block = page.locator('.signed-history-block');
  await block.locator('[data-intact]').first().waitFor({ timeout: 30000 });
  const until = Date.now() + 30000;
  let lines = [];
  while (Date.now() < until) {
    lines = await block.locator('ol.signed-history li').allInnerTexts();
    if (lines.length >= count) break;
    await page.waitForTimeout(300);
  }
  return lines;
}

/** A screenshot of `name` (scrolled to `show` first), then axe and 44 px touch targets on it. */
export async function accessible(page, name, show) {
  if (show) await page.locator(show).first().scrollIntoViewIfNeeded();
  await snapshot(page, name);
  assert.deepEqual(await seriousViolations(page), [], `axe on ${name}`);
  assert.deepEqual(await smallTargets(page), [], `touch targets on ${name}`);
}

/** Follows an in-app link to `href` (a reload would lock the vault). */
export async function go(page, href) {
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    document.body.append(a);
    a.click();
    a.remove();
  }, href);
  await page.waitForURL(href);
}
