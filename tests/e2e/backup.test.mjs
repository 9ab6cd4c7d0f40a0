// End-to-end tests of backup, restore and export as a field worker uses them: two cases backed
// up, everything erased, a new passcode, the backup restored with the same data; a wrong
// passphrase, a file that is not ours and a cut-off file refused with nothing changed; a
// conflict with an edited case decided both ways; one case exported as readable JSON only after
// the warning, with the export in its history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appReady, withApp, snapshot } from './support.mjs';
import { PASSCODE, recordCase, setUpVault, unique } from './vault_steps.mjs';

const NEW_PASSCODE = 'montañas de niebla azul';
/** The vault passcode asked again before a backup, a readable export or a wipe. */
const REAUTH = 'Su código de la bóveda, otra vez, para confirmar';
const PASSPHRASE = 'lluvia sobre el puerto viejo';
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const someCase = () => ({
  name: unique('Zuleika'), alias: unique('Estrella'), nationality: unique('Hondur'), place: unique('Tecun'),
});

async function toList(page) {
  await page.getByRole('link', { name: 'Todos los casos' }).click();
  await page.getByRole('link', { name: 'Nuevo caso' }).waitFor();
}

async function toBackupScreen(page) {
  await page.getByRole('link', { name: 'Copia de seguridad y restauración' }).click();
  await page.getByRole('heading', { name: 'Restaurar una copia' }).waitFor();
}

/** Makes a backup and captures the download: its suggested name and bytes. */
/** The "make a backup" form (the wipe below asks for the passcode again too). */
const makeForm = (page) => page.locator('form').filter({ has: page.getByLabel('Frase para esta copia') });

async function makeBackup(page, passphrase = PASSPHRASE) {
  await makeForm(page).getByLabel(REAUTH).fill(PASSCODE);
  await page.getByLabel('Frase para esta copia').fill(passphrase);
  await page.getByLabel('Repita la frase').fill(passphrase);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: 'Cifrar y descargar la copia' }).click(),
  ]);
  const file = { name: download.suggestedFilename(), buffer: readFileSync(await download.path()) };
  await page.getByText(`Copia descargada: ${file.name}`).waitFor();
  return file;
}

/** Picks a file to restore and types a passphrase (none: only picks it). */
async function openBackup(page, file, passphrase) {
  await page.getByLabel('Archivo de copia').setInputFiles({ ...file, mimeType: 'application/octet-stream' });
  if (passphrase !== undefined) {
    await page.getByLabel('Frase de la copia', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Abrir la copia' }).click();
  }
}

/** Opens a case from the list by its alias and reads its fields back. */
async function readCase(page, alias) {
  await page.getByRole('link', { name: new RegExp(alias) }).click();
  await page.getByLabel('Nombres').waitFor();
  const value = (label) => page.getByLabel(label).inputValue();
  const read = {
    name: await value('Nombres'), alias: await value('Alias o cómo prefiere que le llamen'),
    nationality: await value('Nacionalidad declarada'), place: await value('Lugar del primer contacto'),
    accompaniment: await value('Acompañamiento'),
  };
  await toList(page);
  return read;
}

async function caseCount(page) {
  const text = await page.locator('.area > .hint[aria-live]').textContent();
  return Number(text.match(/\d+/)[0]);
}

/** axe's serious and critical findings, and controls under 44×44 px, on the current page. */
async function accessibilityProblems(page) {
  await page.evaluate(AXE);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  );
  const axe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const small = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('a[href], button, select, input, textarea')) {
      const target = (el.type === 'radio' || el.type === 'checkbox') && el.closest('label') ? el.closest('label') : el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 44 || r.height < 44) out.push(`${el.outerHTML.slice(0, 60)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  return [...axe, ...small, ...(wide > 360 ? [`page is ${wide} px wide`] : [])];
}

test('two cases backed up, everything erased, a new passcode: the restore brings both back the same', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const first = someCase();
    const second = someCase();
    await recordCase(s.page, first);
    await toList(s.page);
    await recordCase(s.page, second);
    await toList(s.page);

    // No backup yet: the list says so and leads to the backup screen.
    await s.page.getByText('Todavía no hay copia de seguridad de estos casos').waitFor();
    await snapshot(s.page, 'backup-reminder');
    await s.page.getByRole('link', { name: 'Hacer una copia' }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Copia de seguridad' }).waitFor();
    assert.equal(await s.page.title(), 'Copia de seguridad · Senda');
    await s.page.getByText('Todavía no se ha hecho ninguna copia desde este teléfono.').waitFor();
    assert.deepEqual(await accessibilityProblems(s.page), [], 'the backup screen');
    await snapshot(s.page, 'backup-screen');

    // A PIN is refused for a backup, and the two phrases must match.
    await s.page.getByLabel('Frase para esta copia').fill('84920175366');
    await s.page.getByText('Una copia necesita una frase de al menos 10 caracteres, no solo cifras.').first().waitFor();
    await s.page.getByLabel('Frase para esta copia').fill(PASSPHRASE);
    await s.page.getByLabel('Repita la frase').fill(`${PASSPHRASE}!`);
    await s.page.getByRole('button', { name: 'Cifrar y descargar la copia' }).click();
    await s.page.getByText('Las dos frases no coinciden.').waitFor();
    // Without the vault passcode typed again (or with a wrong one), no file is made.
    await s.page.getByLabel('Repita la frase').fill(PASSPHRASE);
    await s.page.getByRole('button', { name: 'Cifrar y descargar la copia' }).click();
    await s.page.getByText('Escriba otra vez el código de la bóveda para hacer esto.').waitFor();
    await makeForm(s.page).getByLabel(REAUTH).fill('not the vault passcode');
    await s.page.getByRole('button', { name: 'Cifrar y descargar la copia' }).click();
    await s.page.getByText('Ese no es el código de la bóveda.', { exact: false }).waitFor({ timeout: 20000 });

    const file = await makeBackup(s.page);
    assert.match(file.name, /^senda-backup-\d{4}-\d{2}-\d{2}\.senda$/);
    assert.equal(file.buffer.subarray(0, 12).toString('latin1'), 'SENDA-BACKUP');
    const plain = file.buffer.toString('latin1');
    for (const v of [...Object.values(first), ...Object.values(second)]) assert.ok(!plain.includes(v), `${v} readable in the file`);
    await s.page.getByText(/^Última copia: \d{4}-\d{2}-\d{2}/).waitFor();
    await snapshot(s.page, 'backup-made');

    // The reminder is gone from the list.
    await s.page.getByRole('link', { name: 'Todos los casos' }).click();
    await s.page.getByRole('link', { name: 'Nuevo caso' }).waitFor();
    assert.equal(await s.page.getByText('Todavía no hay copia de seguridad').count(), 0);
    assert.equal(await caseCount(s.page), 2);

    // Erase everything, with the passcode again and a confirmation first.
    await toBackupScreen(s.page);
    const wipeZone = s.page.locator('.danger-zone');
    await wipeZone.getByRole('button', { name: 'Borrar todos los datos' }).click();
    await s.page.getByRole('button', { name: 'Sí, borrar todo' }).click();
    await wipeZone.getByText('Escriba otra vez el código de la bóveda para hacer esto.').waitFor();
    await wipeZone.getByLabel(REAUTH).fill(PASSCODE);
    await wipeZone.getByRole('button', { name: 'Borrar todos los datos' }).click();
    await s.page.getByRole('alertdialog').getByText('No se puede deshacer').waitFor();
    await snapshot(s.page, 'backup-wipe-confirm');
    await s.page.getByRole('button', { name: 'Sí, borrar todo' }).click();
    await setUpVault(s.page, NEW_PASSCODE);
    await s.page.getByRole('heading', { name: 'Restaurar una copia' }).waitFor();
    await s.page.getByText('Senda cifra los 0 casos de este teléfono').waitFor();

    // Refused, each with its reason, and nothing changes.
    await openBackup(s.page, { name: 'foto.jpg', buffer: Buffer.from('\xff\xd8\xff\xe0 JFIF not a backup at all', 'latin1') });
    await s.page.getByText('Este archivo no es una copia de seguridad de Senda. No se cambió nada.').waitFor();
    await openBackup(s.page, { name: file.name, buffer: file.buffer.subarray(0, file.buffer.length - 200) });
    await s.page.getByText('Este archivo de copia está incompleto').waitFor();
    await openBackup(s.page, file, 'not the right phrase at all');
    await s.page.getByText('Esta frase no abre la copia').waitFor({ timeout: 20000 });
    await snapshot(s.page, 'restore-wrong-passphrase');
    await s.page.getByText('Senda cifra los 0 casos de este teléfono').waitFor();

    // The right passphrase: a preview, then the restore.
    await openBackup(s.page, file, PASSPHRASE);
    await s.page.getByText('Nuevos: 2 · Iguales: 0 · Con diferencias: 0').waitFor({ timeout: 20000 });
    await s.page.getByText('Casos que se añadirán').click();
    await s.page.getByText(first.alias).waitFor();
    assert.deepEqual(await accessibilityProblems(s.page), [], 'the restore preview');
    await snapshot(s.page, 'restore-preview');
    await s.page.getByRole('button', { name: 'Restaurar', exact: true }).click();
    await s.page.getByText('Casos restaurados: 2.').waitFor();
    await s.page.getByRole('link', { name: 'Todos los casos' }).click();
    await s.page.getByRole('link', { name: 'Nuevo caso' }).waitFor();
    assert.equal(await caseCount(s.page), 2);
    for (const values of [first, second]) {
      assert.deepEqual(await readCase(s.page, values.alias), { ...values, accompaniment: 'separated' });
    }
    // Restored into an empty vault: that file is this vault's backup, so no reminder.
    assert.equal(await s.page.getByText('Todavía no hay copia de seguridad').count(), 0);
  });
});

test('restoring over an edited case shows the conflict and honours each choice', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const values = someCase();
    await recordCase(s.page, values);
    await toList(s.page);
    await toBackupScreen(s.page);
    const file = await makeBackup(s.page);

    // The case is edited after the backup.
    const edited = unique('Frontera');
    await s.page.getByRole('link', { name: 'Todos los casos' }).click();
    await s.page.getByRole('link', { name: new RegExp(values.alias) }).click();
    await s.page.getByLabel('Lugar del primer contacto').fill(edited);
    // Autosave runs 0.4 s after the last change; leave only once it has.
    await s.page.waitForTimeout(800);
    await s.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await toList(s.page);

    // A wrong passphrase changes nothing.
    await toBackupScreen(s.page);
    await openBackup(s.page, file, 'not the right phrase at all');
    await s.page.getByText('Esta frase no abre la copia').waitFor({ timeout: 20000 });

    await s.page.getByLabel('Frase de la copia', { exact: true }).fill(PASSPHRASE);
    await s.page.getByRole('button', { name: 'Abrir la copia' }).click();
    await s.page.getByText('Nuevos: 0 · Iguales: 0 · Con diferencias: 1').waitFor({ timeout: 20000 });
    await s.page.getByText('nada se reemplaza sin su elección').waitFor();
    assert.deepEqual(await accessibilityProblems(s.page), [], 'the conflict preview');
    await snapshot(s.page, 'restore-conflict');
    // No silent choice: restoring waits for one.
    await s.page.getByRole('button', { name: 'Restaurar', exact: true }).click();
    await s.page.getByText('Elija una versión para cada caso con diferencias.').waitFor();
    await s.page.getByRole('radio', { name: /Conservar la de este teléfono/ }).check();
    await s.page.getByRole('button', { name: 'Restaurar', exact: true }).click();
    await s.page.getByText('Casos restaurados: 0.').waitFor();
    await s.page.getByRole('link', { name: 'Todos los casos' }).click();
    assert.equal((await readCase(s.page, values.alias)).place, edited, 'this phone\'s copy kept');

    // Again, taking the backup's copy this time.
    await toBackupScreen(s.page);
    await openBackup(s.page, file, PASSPHRASE);
    await s.page.getByRole('radio', { name: /Tomar la de la copia/ }).check({ timeout: 20000 });
    await s.page.getByRole('button', { name: 'Restaurar', exact: true }).click();
    await s.page.getByText('Casos restaurados: 1.').waitFor();
    await s.page.getByRole('link', { name: 'Todos los casos' }).click();
    assert.equal((await readCase(s.page, values.alias)).place, values.place, 'the backup\'s copy taken');

    // Now identical: nothing to restore.
    await toBackupScreen(s.page);
    await openBackup(s.page, file, PASSPHRASE);
    await s.page.getByText('Nuevos: 0 · Iguales: 1 · Con diferencias: 0').waitFor({ timeout: 20000 });
    await s.page.getByText('Nada que restaurar').waitFor();
    assert.equal(await s.page.getByRole('button', { name: 'Restaurar', exact: true }).count(), 0);
  });
});

test('one case is exported as readable JSON only after the unencrypted warning, and its history shows it', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    const values = someCase();
    await recordCase(s.page, values);

    await s.page.getByRole('button', { name: 'Exportar como archivo legible' }).click();
    const warning = s.page.getByRole('alertdialog');
    await warning.getByText('Este archivo NO está cifrado').waitFor();
    await snapshot(s.page, 'export-confirm');
    await warning.getByRole('button', { name: 'Cancelar' }).click();
    // The vault passcode again first: without it, nothing leaves.
    await s.page.getByRole('button', { name: 'Exportar como archivo legible' }).click();
    await s.page.getByRole('button', { name: 'Sí, exportar sin cifrar' }).click();
    await s.page.getByText('Escriba otra vez el código de la bóveda para hacer esto.').waitFor();
    await s.page.getByLabel(REAUTH).fill(PASSCODE);
    await s.page.getByRole('button', { name: 'Exportar como archivo legible' }).click();
    const [download] = await Promise.all([
      s.page.waitForEvent('download', { timeout: 20000 }),
      s.page.getByRole('button', { name: 'Sí, exportar sin cifrar' }).click(),
    ]);
    const name = download.suggestedFilename();
    assert.match(name, /^senda-case-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.json$/);
    assert.ok(s.page.url().includes(name.slice(11, 19)), 'named by the case number');
    for (const v of Object.values(values)) assert.ok(!name.includes(v), `${v} in the file name`);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(file.format, 'senda-case-export');
    assert.equal(file.exported_by, 'MT-07');
    assert.equal(file.case.profile.given_names, values.name);
    assert.equal(file.case.audit.at(-1).action, 'exported');
    await s.page.getByText(`Archivo descargado: ${name}. No está cifrado.`).waitFor();

    await s.page.getByText('Historial').click();
    await s.page.locator('.history li').filter({ hasText: 'Exportado' }).waitFor();
    // The export is stored, not only shown: it is still there after locking and unlocking.
    await s.page.getByRole('button', { name: 'Bloquear' }).click();
    await s.page.getByLabel('Código', { exact: true }).fill(PASSCODE);
    await s.page.getByRole('button', { name: 'Abrir' }).click();
    await s.page.getByLabel('Nombres').waitFor({ timeout: 20000 });
    await s.page.getByText('Historial').click();
    await s.page.locator('.history li').filter({ hasText: 'Exportado' }).waitFor();
  });
});
