// The steps every case test starts with, as a worker takes them: creating the vault, unlocking
// it, and recording a case.

export const PASSCODE = 'ríos claros del norte';

/** Creates the vault from whichever case screen asks for it; resolves once it is open. */
export async function setUpVault(page, passcode = PASSCODE) {
  await page.getByRole('heading', { name: 'Proteja los casos con un código' }).waitFor();
  await page.getByLabel('Código nuevo').fill(passcode);
  await page.getByLabel('Repita el código').fill(passcode);
  await page.getByLabel('Sus iniciales o código de personal').fill('MT-07');
  await page.getByRole('button', { name: 'Crear la bóveda' }).click();
  await page.getByRole('button', { name: 'Bloquear' }).waitFor({ timeout: 20000 });
}

/** Types the passcode on the unlock screen. */
export async function unlock(page, passcode = PASSCODE) {
  await page.getByLabel('Código', { exact: true }).fill(passcode);
  await page.getByRole('button', { name: 'Abrir' }).click();
}

/** A word made unique, so a test can search every store for exactly what it typed. */
export const unique = (word) => `${word}${Math.random().toString(36).slice(2, 8)}`;

/** From the case list: starts a case and types its data; resolves when it is saved. */
export async function recordCase(page, values) {
  await page.getByRole('link', { name: 'Nuevo caso' }).click();
  await page.getByText('Sin guardar: escriba un nombre o alias').waitFor();
  await page.getByLabel('Nombres').fill(values.name);
  await page.getByLabel('Alias o cómo prefiere que le llamen').fill(values.alias);
  await page.getByLabel('Nacionalidad declarada').fill(values.nationality);
  await page.getByLabel('Lugar del primer contacto').fill(values.place);
  await page.getByLabel('Acompañamiento').selectOption('separated');
  await page.getByLabel('País del primer contacto').selectOption('GT');
  await page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
  await page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}$/);
}
