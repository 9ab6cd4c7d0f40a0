// End to end, the invitation's QR code against the local sync server (COUCH_URL, as
// scripts/test.sh exports it): the coordinator's phone shows it, a decoder that is not the app's
// (jsQR) reads the screenshot of it back as exactly the invitation's text, and a second phone
// whose camera is Chromium's fake one, playing a video made from that screenshot, scans it and
// joins; a case made on the first then reaches it. A camera showing another QR code (a web
// address) is ignored with a visible line, and the camera is stopped, every track, on Cancel, on
// locking the vault and on leaving the screen; with no camera at all the paste field stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique, unlock } from './vault_steps.mjs';
import { couch, createTeam, dropDb, makeInvitation, settleMembers, syncNow, toTeam } from './team_steps.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';
import { decodePng, fromModules, readQr, writeY4m } from './qr_frames.mjs';

const SCAN = 'Escanear el código QR';
const JOINED = 'El equipo de este teléfono';

/** Chromium's switches for a camera that plays `video` (and grants it without asking). */
const fakeCamera = (video) => [
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`,
];

/** Keeps every stream the page's getUserMedia gives (the real one, called as is) and what it
 *  asked for, so the test can see whether each track was stopped. */
async function watchCamera(s) {
  await s.context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const real = devices.getUserMedia.bind(devices);
    window.__streams = [];
    window.__asked = [];
    devices.getUserMedia = async (constraints) => {
      window.__asked.push(JSON.stringify(constraints));
      const stream = await real(constraints);
      window.__streams.push(stream);
      return stream;
    };
  });
}

/** The state of each track of each stream the page opened, e.g. [['ended'], ['live']]. */
const tracks = (page) => page.evaluate(() => window.__streams.map((s) => s.getTracks().map((t) => t.readyState)));

async function allStopped(page, opened) {
  await page.waitForFunction((n) => window.__streams.length === n
    && window.__streams.every((s) => s.getTracks().every((t) => t.readyState === 'ended')), opened, { timeout: 10000 });
}

/** Waits (2 s at most) for the focus to be on the button labelled `label`: the app moves it in
 *  the frames after the screen changes, once the button is on the page. */
async function focusOn(page, label) {
  const on = () => page.evaluate(() => document.activeElement?.textContent.trim());
  await page.waitForFunction((l) => document.activeElement?.textContent.trim() === l, label, { timeout: 2000 })
    .catch(async () => assert.equal(await on(), label, 'the focus'));
}

async function noProblems(page, label) {
  assert.deepEqual(await seriousViolations(page), [], `axe: ${label}`);
  assert.deepEqual(await smallTargets(page), [], `touch targets: ${label}`);
}

test('the invitation QR code: shown on the coordinator\'s phone, read back exactly, scanned by the new phone, which joins', async () => {
  const server = couch();
  const allow = [server.origin, /status of (404 \(Not Found\)|412 \(Precondition Failed\))/];
  const dir = mkdtempSync(join(tmpdir(), 'senda-qr-'));
  const a = await open({ allow });
  let b;
  let db;
  try {
    await createTeam(a, server);
    const invitation = await makeInvitation(a);
    db = invitation.split(':')[2];
    const qr = a.page.locator('.team-invite svg[data-team="invite-qr"]');
    // In the middle of the screen, clear of the bottom navigation, as it is shown to be scanned.
    await qr.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    // One inline SVG of one path (not a node per module), an image with a name, 280 px at most.
    assert.equal(await qr.getAttribute('role'), 'img');
    assert.equal(await qr.getAttribute('aria-label'), 'Código QR de la invitación al equipo');
    assert.equal(await qr.locator('path').count(), 1);
    assert.equal(await qr.locator('*').count(), 2, 'a white square and the path');
    const box = await qr.boundingBox();
    assert.ok(box.width >= 200 && box.width <= 280 && Math.abs(box.width - box.height) < 1, JSON.stringify(box));
    await a.page.getByText('Escanéelo desde el nuevo teléfono').waitFor();
    // The short code and the text stay beside it.
    await a.page.locator('code.invite-code').waitFor();
    await noProblems(a.page, 'the invite card with its QR code');
    await snapshot(a.page, 'team-qr-invite');

    // What the screen shows, read by another decoder: exactly the invitation's text.
    const png = await qr.screenshot({ path: 'tests/e2e/artifacts/team-qr-code.png' });
    const shot = decodePng(png);
    assert.equal(readQr(shot), invitation);
    // At 320 px the code narrows with the card and nothing scrolls sideways.
    await a.page.setViewportSize({ width: 320, height: 740 });
    const narrow = await qr.boundingBox();
    assert.ok(narrow.width >= 200 && narrow.width < box.width, JSON.stringify(narrow));
    assert.ok(await a.page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scroll at 320 px');
    await a.page.setViewportSize({ width: 360, height: 740 });
    // The one-time secret is in no address, title or storage of the page.
    const secret = invitation.split(':')[3];
    const places = await a.page.evaluate(() => [location.href, document.title, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })]);
    for (const place of places) assert.ok(!place.includes(secret), `the secret leaked into ${place.slice(0, 80)}`);

    // The new phone's camera films that screen: a video of the screenshot, centred on grey.
    const video = join(dir, 'invitation.y4m');
    writeY4m(video, shot);
    b = await open({ allow, args: fakeCamera(video) });
    await watchCamera(b);
    await b.page.goto(b.url('cases'));
    await setUpVault(b.page);
    await toTeam(b.page);
    await b.page.getByRole('button', { name: SCAN }).click();
    await b.page.getByRole('heading', { name: JOINED }).waitFor({ timeout: 30000 });
    // The rear camera was asked for, and every track is stopped once the code is read.
    assert.match((await b.page.evaluate(() => window.__asked))[0], /"facingMode":"environment"/);
    await allStopped(b.page, 1);
    await snapshot(b.page, 'team-qr-joined');

    // Joined for real: once the coordinator admits it, a case made there reaches it.
    await settleMembers(a, b);
    const values = { name: unique('Yamileth'), alias: unique('Lucero'), nationality: unique('Nicarag'), place: unique('Frontera') };
    await a.page.getByRole('link', { name: 'Casos' }).click();
    await recordCase(a.page, values);
    await toTeam(a.page);
    await syncNow(a.page);
    await syncNow(b.page);
    await b.page.getByRole('status').filter({ hasText: 'Sincronizado: 1 casos' }).waitFor();
    await b.page.getByRole('link', { name: 'Casos' }).click();
    await b.page.getByText(values.alias).first().waitFor({ timeout: 15000 });
  } finally {
    await a.close();
    if (b) await b.close();
    await dropDb(server, db);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('another QR code is not an invitation: said, ignored, scanning goes on; the camera stops on Cancel, lock and leaving', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'senda-qr-'));
  const rows = readFileSync('tests/e2e/qr_not_an_invitation.txt', 'utf8').trim().split('\n');
  const picture = fromModules(rows, 8);
  assert.equal(readQr(picture), 'https://www.example.org/');
  const video = join(dir, 'web-address.y4m');
  writeY4m(video, picture);
  const c = await open({ args: fakeCamera(video) });
  try {
    await watchCamera(c);
    await c.page.goto(c.url('cases'));
    await setUpVault(c.page);
    await toTeam(c.page);
    await c.page.getByRole('button', { name: SCAN }).click();
    const line = c.page.locator('[data-team="not-invitation"]');
    await line.waitFor({ timeout: 15000 });
    assert.match(await line.textContent(), /Esto no es una invitación de Senda/);
    // Still scanning: the camera's view and Cancel (which has the focus), no join, field empty.
    await c.page.locator('video.scan-video').waitFor();
    await focusOn(c.page, 'Cancelar');
    assert.deepEqual(await tracks(c.page), [['live']]);
    assert.equal(await c.page.getByRole('heading', { name: JOINED }).count(), 0);
    assert.equal(await c.page.getByLabel('Invitación', { exact: true }).inputValue(), '');
    await noProblems(c.page, 'the scanner');
    await c.page.locator('video.scan-video').evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await snapshot(c.page, 'team-qr-not-invitation');

    // Cancel: every track stopped, the view gone, the focus back on the button.
    await c.page.getByRole('button', { name: 'Cancelar' }).click();
    await allStopped(c.page, 1);
    assert.equal(await c.page.locator('video').count(), 0);
    await focusOn(c.page, SCAN);

    // Locking the vault while scanning stops the camera too.
    await c.page.getByRole('button', { name: SCAN }).click();
    await c.page.waitForFunction(() => window.__streams.length === 2);
    await c.page.getByRole('button', { name: 'Bloquear' }).click();
    await allStopped(c.page, 2);

    // And leaving the screen while scanning.
    await unlock(c.page);
    await c.page.getByRole('button', { name: SCAN }).click();
    await c.page.waitForFunction(() => window.__streams.length === 3);
    await c.page.locator('nav.crumbs').getByRole('link', { name: 'Ajustes' }).click();
    await allStopped(c.page, 3);
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with no camera, the scan says so and the invitation can still be pasted', async () => {
  const d = await open();
  try {
    await d.page.goto(d.url('cases'));
    await setUpVault(d.page);
    await toTeam(d.page);
    await d.page.getByRole('button', { name: SCAN }).click();
    const problem = d.page.locator('[data-team="camera-problem"]');
    await problem.waitFor({ timeout: 15000 });
    assert.match(await problem.textContent(), /cámara/);
    assert.equal(await d.page.locator('video').count(), 0);
    const field = d.page.getByLabel('Invitación', { exact: true });
    await field.fill('SENDA-JOIN:1:');
    assert.equal(await field.inputValue(), 'SENDA-JOIN:1:');
    await d.page.getByRole('button', { name: SCAN }).waitFor();
    await noProblems(d.page, 'the join form after a refused camera');
    await snapshot(d.page, 'team-qr-no-camera');
  } finally {
    await d.close();
  }
});
