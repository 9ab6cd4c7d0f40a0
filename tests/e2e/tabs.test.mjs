// End-to-end tests of one writer across tabs (two pages of one browser profile): unlocking in a
// second tab locks the first (after writing its waiting edit), and quick exit in one tab covers
// every other, and ten wrong passcodes in one tab erase the vault and clear every other tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appReady, withApp, snapshot } from './support.mjs';
import { recordCase, setUpVault, unique, unlock } from './vault_steps.mjs';

const WHERE = 'Dónde está ahora (lugar o cuidado)';

async function openSecondTab(s) {
  const other = await s.context.newPage();
  await other.goto(s.url('cases'));
  await appReady(other);
  await other.getByRole('heading', { name: 'Casos bloqueados' }).waitFor();
  return other;
}

test('unlocking in a second tab locks the first, which writes its edit before letting go', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const alias = unique('Sol');
    await recordCase(s.page, { name: unique('Ana'), alias, nationality: 'x', place: 'y' });
    const typed = unique('Albergue');
    await s.page.getByLabel(WHERE).fill(typed);

    const other = await openSecondTab(s);
    await unlock(other);
    await other.getByRole('link', { name: new RegExp(alias) }).waitFor({ timeout: 20000 });
    await s.page.getByRole('heading', { name: 'Casos bloqueados' }).waitFor({ timeout: 10000 });
    await s.page.getByText('Senda se abrió en otra ventana').waitFor();
    await snapshot(s.page, 'moved-away');
    assert.equal(await s.page.getByLabel(WHERE).count(), 0, 'no case data left in the first tab');

    await other.getByRole('link', { name: new RegExp(alias) }).click();
    await other.getByLabel(WHERE).waitFor({ timeout: 20000 });
    assert.equal(await other.getByLabel(WHERE).inputValue(), typed, 'the first tab wrote the edit');
  });
});

test('quick exit in one tab covers every other tab', async () => {
  await withApp({ allow: ['Failed to load resource'] }, async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const other = await openSecondTab(s);

    // Quick exit in the open tab covers the locked one too.
    await s.page.getByRole('button', { name: 'Salida rápida' }).click();
    await s.page.locator('.neutral-screen').waitFor();
    await other.locator('.neutral-screen').waitFor({ timeout: 10000 });
  });
});

test('ten wrong passcodes in another tab erase the vault and clear this tab at once', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const alias = unique('Brisa');
    await recordCase(s.page, { name: unique('Noemí'), alias, nationality: 'x', place: 'y' });
    await s.page.getByLabel(WHERE).waitFor();

    // Someone guesses in a second tab, which does not hold the vault open.
    const other = await openSecondTab(s);
    for (let i = 1; i <= 9; i++) {
      await unlock(other, `wrong guess ${i}`);
      await other.getByText(`Intentos fallidos: ${i}.`).waitFor({ timeout: 20000 });
    }
    assert.equal(await s.page.getByLabel(WHERE).count(), 1, 'the first tab is still open before the last try');
    await unlock(other, 'wrong guess 10');
    await other.getByRole('heading', { name: 'Proteja los casos con un código' }).waitFor({ timeout: 20000 });

    // The first tab drops what it showed and offers a new vault, as the second does.
    await s.page.getByRole('heading', { name: 'Proteja los casos con un código' }).waitFor({ timeout: 10000 });
    assert.equal(await s.page.getByLabel(WHERE).count(), 0, 'no case data left in the first tab');
    assert.equal(await s.page.getByText(alias).count(), 0, 'no case name left in the first tab');
    await snapshot(s.page, 'tabs-wiped-elsewhere');
  });
});
