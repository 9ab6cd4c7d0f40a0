// The steps every case test starts with: creating the vault and unlocking it, as a worker does.

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
