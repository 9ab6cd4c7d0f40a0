// End-to-end test of the vault's optional second factor on the release build, with Chromium's
// virtual platform authenticator (CDP WebAuthn, PRF on): turned on in Settings with the passcode
// (header format 4, nothing personal in the credential), the unlock screen says the phone's lock
// is needed, a wrong passcode counts one, a failed authenticator step counts nothing and opens
// nothing, and turned off the passcode alone opens again (format 3). WebAuthn needs a domain, so
// the pages are opened at localhost (the same server as 127.0.0.1).
// Chromium's virtual authenticator, once its user verification was refused, refuses it for good
// (as a real one blocks after failures), so the refusal has a test of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, snapshot, withApp } from './support.mjs';
import { PASSCODE, recordCase, setUpVault, unique, unlock } from './vault_steps.mjs';

/** The stored header's format byte and the stored wrong-passcode count, read raw. */
async function stored(page) {
  return page.evaluate(async () => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('senda-vault:/senda/'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
    const get = (key) => new Promise((ok, ko) => { const r = db.transaction('meta').objectStore('meta').get(key); r.onsuccess = () => ok(r.result); r.onerror = ko; });
    try {
      const header = new Uint8Array(await get('header'));
      return { format: header[0], failed: await get('failed-attempts') };
    } finally { db.close(); }
  });
}

const locked = (page) => page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
const opened = (page) => page.getByRole('button', { name: 'Bloquear' }).waitFor({ timeout: 30000 });
const openSettings = (page) => page.getByRole('link', { name: 'Ajustes', exact: true }).click();
const openCases = (page) => page.getByRole('link', { name: 'Casos', exact: true }).first().click();

async function lock(page) {
  await openCases(page);
  await page.getByRole('button', { name: 'Bloquear' }).click();
  await locked(page);
}

/** Chromium's virtual platform authenticator with PRF, on this page's CDP session. */
async function authenticator(s) {
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true,
      hasUserVerification: true, isUserVerified: true, hasPrf: true,
    },
  });
  return { cdp, authenticatorId };
}

/** A vault with one case, the second factor turned on in Settings (screenshots on the way). */
async function enrolled(s, at, { cdp, authenticatorId }, shots = false) {
  await s.page.goto(at('cases'));
  await appReady(s.page);
  await setUpVault(s.page);
  const alias = unique('Brisa');
  await recordCase(s.page, { name: unique('Sol'), alias, nationality: 'x', place: 'y' });
  assert.equal((await stored(s.page)).format, 3);
  // Settings: offered (the authenticator is there), off, with the warning before turning on.
  await openSettings(s.page);
  const section = s.page.locator('form.second-factor');
  await section.waitFor({ timeout: 30000 });
  assert.equal(await section.getAttribute('data-state'), 'off');
  await section.getByText('los casos ya no se podrán abrir, ni siquiera con el código').waitFor();
  const field = section.getByLabel('Código actual');
  const turnOn = section.getByRole('button', { name: 'Activar con el bloqueo del teléfono' });
  const box = await turnOn.boundingBox();
  assert.ok(box.height >= 44, `the button is a 44 px target (${box.height})`);
  await section.scrollIntoViewIfNeeded();
  if (shots) await snapshot(s.page, 'second-factor-settings-off');
  // A wrong passcode: nothing is asked of the authenticator, nothing changes.
  await field.fill('no es el código de nadie');
  await turnOn.click();
  await section.getByText('El código actual no es correcto.').waitFor();
  assert.equal((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length, 0);
  await field.fill(PASSCODE);
  await turnOn.click();
  await section.getByText('Activado. Desde ahora').waitFor({ timeout: 30000 });
  assert.equal(await section.getAttribute('data-state'), 'on');
  assert.equal((await stored(s.page)).format, 4);
  await section.scrollIntoViewIfNeeded();
  if (shots) await snapshot(s.page, 'second-factor-settings-on');
  // One credential on this device, not discoverable, nothing of the worker in it.
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1);
  assert.equal(credentials[0].isResidentCredential, false);
  const said = JSON.stringify(credentials[0]);
  assert.ok(!said.includes('MT-07') && !said.includes(alias), 'nothing personal in the credential');
  for (const name of ['userName', 'userDisplayName']) {
    if (credentials[0][name] !== undefined) assert.equal(credentials[0][name], 'Senda');
  }
  // Locked: the unlock screen says the phone's lock is needed too.
  await lock(s.page);
  await s.page.getByText('Este teléfono pedirá también su bloqueo de pantalla o su huella').waitFor();
  return alias;
}

// WebAuthn needs a domain: the same server, at localhost.
const options = { serviceWorkers: 'block', allow: [/request to another origin: http:\/\/localhost:\d+\//] };
const localhost = (s) => (path) => s.url(path).replace('//127.0.0.1:', '//localhost:');

test('the second factor: on with the passcode, needed with it at unlock, a wrong passcode counts one, off again', async () => {
  await withApp(options, async (s) => {
    const auth = await authenticator(s);
    const alias = await enrolled(s, localhost(s), auth, true);
    await snapshot(s.page, 'second-factor-unlock');
    // A wrong passcode (the authenticator answered) counts one.
    await unlock(s.page, 'una frase equivocada');
    await s.page.getByText('Intentos fallidos: 1.').waitFor({ timeout: 30000 });
    assert.deepEqual(await stored(s.page), { format: 4, failed: 1 });
    // Passcode and authenticator open it, with its case.
    await unlock(s.page);
    await opened(s.page);
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor();
    assert.deepEqual(await stored(s.page), { format: 4, failed: 0 });
    // After a reload too (nothing held in the page).
    await s.page.reload();
    await appReady(s.page);
    await locked(s.page);
    await unlock(s.page);
    await opened(s.page);
    // Turned off: passcode and authenticator once more, then format 3.
    await openSettings(s.page);
    const section = s.page.locator('form.second-factor');
    await section.waitFor({ timeout: 30000 });
    assert.equal(await section.getAttribute('data-state'), 'on');
    await section.getByLabel('Código actual').fill(PASSCODE);
    await section.getByRole('button', { name: 'Desactivar el segundo factor' }).click();
    await section.getByText('Desactivado.').waitFor({ timeout: 30000 });
    assert.equal((await stored(s.page)).format, 3);
    // Without any authenticator now, the passcode alone opens.
    await lock(s.page);
    await auth.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: auth.authenticatorId });
    assert.equal(await s.page.getByText('Este teléfono pedirá también').count(), 0);
    await unlock(s.page);
    await opened(s.page);
    await s.page.getByRole('link', { name: new RegExp(alias) }).waitFor();
  });
});

test('the second factor: a screen lock not confirmed counts nothing and opens nothing', async () => {
  await withApp(options, async (s) => {
    const auth = await authenticator(s);
    await enrolled(s, localhost(s), auth);
    await unlock(s.page, 'una frase equivocada');
    await s.page.getByText('Intentos fallidos: 1.').waitFor({ timeout: 30000 });
    // The screen lock is refused: the right passcode opens nothing, and nothing counts.
    // (Chromium's virtual authenticator then blocks its user verification for good, as a
    // real one would after too many failures: the vault stays closed, as it should.)
    await auth.cdp.send('WebAuthn.setUserVerified', { authenticatorId: auth.authenticatorId, isUserVerified: false });
    for (let i = 0; i < 3; i++) {
      await unlock(s.page);
      await s.page.getByText('No se confirmó el bloqueo de pantalla').waitFor({ timeout: 30000 });
      assert.deepEqual(await stored(s.page), { format: 4, failed: 1 }, 'not counted');
    }
    await s.page.getByText('inténtelo de nuevo').first().waitFor();
    assert.equal(await s.page.getByRole('button', { name: 'Bloquear' }).count(), 0, 'still locked');
    await snapshot(s.page, 'second-factor-unlock-refused');
  });
});
