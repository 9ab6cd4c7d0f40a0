// End-to-end test of screening a case as a field worker does it: a 15-year-old boy travelling
// alone in Mexico who owes the person who arranged the trip and works without pay. The
// answers raise explained flags and a high risk; the proposed referral to Mexico's bodies is
// refused without the child's consent, recorded once consent is given, and everything —
// answers, flags, consent, referral and its outcome, the risk override with its reason — is
// there after a reload. The screen passes axe, has large targets and fits 320 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appReady, withApp, snapshot } from './support.mjs';
import { seriousViolations, smallTargets } from './a11y_checks.mjs';
import { PASSCODE, setUpVault } from './vault_steps.mjs';

const pathways = JSON.parse(readFileSync('content/screening/pathways.json', 'utf8'));
const structure = JSON.parse(readFileSync('content/screening/structure.json', 'utf8'));
const questionCount = structure.groups.flatMap((g) => g.questions).length;
const body = (id) => pathways.countries.flatMap((c) => c.bodies).find((b) => b.id === id).name;

const question = (page, id) => page.locator(`fieldset.question[data-question="${id}"]`);
const flagCard = (page, id) => page.locator(`article.flag-card[data-flag="${id}"]`);
const action = (card, id) => card.locator(`li.obliged-action[data-action="${id}"]`);
// Autosave runs a moment after the last change: wait for it to start, then to finish.
const saved = async (page) => {
  await page.waitForTimeout(700);
  await page.locator('.save-state[data-state="saved"]').waitFor();
};

async function answer(page, id, label) {
  await question(page, id).getByLabel(label, { exact: true }).check();
  await page.locator(`fieldset.question[data-question="${id}"] input:checked`).waitFor();
}



test('a case is screened: explained flags, the country\'s bodies, referral refused without consent and recorded with it', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('cases'));
    await appReady(s.page);
    await setUpVault(s.page);
    await s.page.getByRole('link', { name: 'Nuevo caso' }).click();
    await s.page.getByText('Sin guardar: escriba un nombre o alias').waitFor();
    await s.page.getByLabel('Nombres').fill('Kevin');
    await s.page.getByLabel('Alias o cómo prefiere que le llamen').fill('el Chele');
    await s.page.getByLabel('Edad declarada (años)').fill('15');
    await s.page.getByLabel('Acompañamiento').selectOption('unaccompanied');
    await s.page.getByLabel('País del primer contacto').selectOption('MX');
    await s.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await s.page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}$/);
    await s.page.locator('.screening-link').getByText('Sin evaluar todavía').waitFor();

    await s.page.getByRole('link', { name: /Evaluación de riesgos y vulnerabilidades/ }).click();
    await s.page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}\/screening$/);
    const screeningUrl = s.page.url();
    await s.page.getByRole('heading', { name: 'Familia y personas adultas que acompañan' }).waitFor();
    // The child's data alone raises the unaccompanied flag, with its reason.
    await flagCard(s.page, 'unaccompanied').getByText('Los datos del caso indican: no acompañado.').waitFor();
    assert.equal(await s.page.locator('.risk-now').textContent(), 'Riesgo medio');
    // A sensitive question says how to ask it.
    await question(s.page, 'violence.disclosed').getByText('Sensible — cómo preguntar:').waitFor();
    await snapshot(s.page, 'screening-questions');

    await answer(s.page, 'journey.owes_debt', 'Sí');
    await answer(s.page, 'work.works', 'Sí');
    await answer(s.page, 'work.unpaid_or_controlled', 'Sí');
    await answer(s.page, 'safety.fear_return', 'No sé');
    await answer(s.page, 'violence.disclosed', 'No');
    await s.page.getByText(`5 de ${questionCount} preguntas respondidas`).waitFor();
    const flags = await s.page.locator('article.flag-card').evaluateAll((cards) => cards.map((c) => c.dataset.flag));
    assert.deepEqual(flags, ['unaccompanied', 'trafficking', 'smuggling', 'child_labour']);
    assert.equal(await s.page.locator('.risk-now').textContent(), 'Riesgo alto');
    const trafficking = flagCard(s.page, 'trafficking');
    await trafficking.getByText('Debe dinero a quien organizó el viaje y está trabajando: una deuda que se paga con trabajo.').waitFor();
    await s.page.locator('.risk-reasons').getByText('Posible trata de personas').first().waitFor();
    await saved(s.page);
    await trafficking.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'screening-flags');

    // Whom to refer to: Mexico's bodies, the unconfirmed one marked "verify locally".
    const antiTrafficking = action(trafficking, 'refer_anti_trafficking');
    const mpf = antiTrafficking.locator('.referral-targets li').filter({ hasText: body('mx.mpf') });
    await mpf.getByText('Verificar localmente').waitFor();
    await antiTrafficking.getByText('Sin consentimiento registrado: remisión').waitFor();
    const notify = action(flagCard(s.page, 'unaccompanied'), 'notify_child_protection');
    await notify.getByText(body('mx.procuraduria')).waitFor();
    await notify.getByText(body('mx.dif')).waitFor();
    await notify.getByText('Una obligación: no requiere consentimiento').waitFor();

    // Without consent the referral is refused and nothing is recorded.
    await mpf.getByRole('button', { name: 'Registrar remisión' }).click();
    await antiTrafficking.getByRole('alert').filter({ hasText: 'Rechazado: no hay consentimiento vigente para remisión' }).waitFor();
    await s.page.locator('.referrals').getByText('Todavía no hay remisiones registradas.').waitFor();
    await snapshot(s.page, 'screening-referral-refused');

    // The child consents to being referred; the same referral is then recorded.
    const consent = s.page.locator('.consent-panel');
    await consent.getByText('Registrar un consentimiento').click();
    await consent.getByLabel('Para').selectOption('referral');
    await consent.getByLabel('Dado por').selectOption('child');
    await consent.getByRole('button', { name: 'Registrar el consentimiento ahora' }).click();
    await consent.locator('li[data-purpose="referral"]').getByText(/remisión: dado por la niña o el niño el/).waitFor();
    await antiTrafficking.getByText('Consentimiento vigente: remisión').waitFor();
    await mpf.getByRole('button', { name: 'Registrar remisión' }).click();
    await antiTrafficking.getByRole('status').filter({ hasText: 'Remisión registrada.' }).waitFor();
    const referral = s.page.locator('.referral-list li.referral');
    await referral.getByText(body('mx.mpf')).waitFor();
    await referral.getByLabel('Resultado de la remisión').fill('Cita el lunes con la fiscalía');
    await referral.getByRole('button', { name: 'Registrar el resultado' }).click();
    await referral.getByText(/Resultado de la remisión: Cita el lunes con la fiscalía/).waitFor();

    // The level can be changed only with a written reason.
    const risk = s.page.locator('.risk-panel');
    await risk.getByText('Cambiar el nivel (con un motivo)').click();
    await risk.getByLabel('Nuevo nivel').selectOption('medium');
    await risk.getByRole('button', { name: 'Cambiar el nivel', exact: true }).click();
    await risk.getByRole('alert').filter({ hasText: 'Escriba por qué el nivel es distinto' }).waitFor();
    assert.equal(await s.page.locator('.risk-now').textContent(), 'Riesgo alto');
    await risk.getByLabel('Por qué (obligatorio; queda en el historial del caso)').fill('Ya está en un albergue del DIF, lejos de quien lo explotaba');
    await risk.getByRole('button', { name: 'Cambiar el nivel', exact: true }).click();
    await risk.getByText(/Cambiado a Riesgo medio por MT-07 .*: Ya está en un albergue del DIF/).waitFor();
    assert.equal(await s.page.locator('.risk-now').textContent(), 'Riesgo medio');
    await risk.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'screening-risk');
    await saved(s.page);
    await s.page.locator('.referrals').scrollIntoViewIfNeeded();
    await snapshot(s.page, 'screening-referral-recorded');

    assert.deepEqual(await seriousViolations(s.page), [], 'axe on the screening screen');
    assert.deepEqual(await smallTargets(s.page, 'summary'), [], 'touch targets on the screening screen');
    await s.page.setViewportSize({ width: 320, height: 640 });
    assert.ok(await s.page.evaluate(() => document.documentElement.scrollWidth) <= 320, 'fits 320 px');
    await s.page.setViewportSize({ width: 360, height: 740 });

    // After a reload and unlock, everything is still there.
    await s.page.reload();
    await s.page.getByLabel('Código', { exact: true }).fill(PASSCODE);
    await s.page.getByRole('button', { name: 'Abrir' }).click();
    await s.page.getByRole('heading', { name: 'Familia y personas adultas que acompañan' }).waitFor({ timeout: 20000 });
    assert.equal(s.page.url(), screeningUrl);
    assert.equal(await question(s.page, 'work.unpaid_or_controlled').getByLabel('Sí', { exact: true }).isChecked(), true);
    assert.equal(await question(s.page, 'safety.fear_return').getByLabel('No sé', { exact: true }).isChecked(), true);
    await flagCard(s.page, 'child_labour').waitFor();
    await s.page.locator('.referral-list').getByText(/Cita el lunes con la fiscalía/).waitFor();
    assert.equal(await s.page.locator('.risk-now').textContent(), 'Riesgo medio');

    // The case's screen shows the flags raised.
    await s.page.getByRole('link', { name: 'Volver al caso' }).click();
    await s.page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}$/);
    const chips = await s.page.locator('.case-flags .flag-chip').allTextContents();
    assert.deepEqual([...chips].sort(), ['Niña o niño no acompañado', 'Posible trata de personas', 'Trabajo infantil o sus peores formas', 'Tráfico ilícito de migrantes'].sort());
    await snapshot(s.page, 'screening-case-flags');

    // The referral form: the referral and its consent, but no consent to share information was
    // given, so the child's name and alias stay off the page.
    await s.page.getByRole('link', { name: /Documentos del caso/ }).click();
    await s.page.getByRole('link', { name: new RegExp(`Remisión a ${body('mx.mpf')}`) }).click();
    await s.page.waitForURL(/\/documents\/referral-0$/);
    const form = s.page.locator('.document[data-kind="referral"]');
    await form.getByRole('heading', { name: 'Formulario de remisión' }).waitFor();
    await form.getByText(body('mx.mpf')).first().waitFor();
    await form.getByText(/Para remisión, dado por la niña o el niño el/).waitFor();
    await form.getByText(/No se incluyen: no hay consentimiento vigente para compartir información/).waitFor();
    const printed = await form.textContent();
    for (const personal of ['Kevin', 'el Chele']) assert.ok(!printed.includes(personal), `${personal} on the referral form`);
    assert.ok(!(await s.page.title()).includes('Kevin'));
    await snapshot(s.page, 'screening-referral-form');
  });
});

test('the organisation directory: a service added, a bad file refused, a shared file previewed and imported, its service proposed for referral', async () => {
  await withApp(async (s) => {
    await s.page.goto(s.url('settings'));
    await appReady(s.page);
    const directory = s.page.locator('.directory-settings');
    await directory.getByText('0 servicios registrados').waitFor();
    await directory.getByText('Agregar un servicio').click();
    await directory.getByLabel('Nombre', { exact: true }).fill('Casa de la Mujer Tapachula');
    await directory.getByLabel('Tipo').selectOption('gbv');
    await directory.getByLabel('País').selectOption('MX');
    await directory.getByLabel('Qué ofrece').fill('Acompañamiento a sobrevivientes, con cita');
    await directory.getByRole('button', { name: 'Guardar el servicio' }).click();
    await directory.getByText('1 servicios registrados').waitFor();

    // Exported as a file anyone can import.
    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      directory.getByRole('button', { name: 'Exportar el directorio (archivo JSON)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^senda-directory-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.format, 'senda-directory');
    assert.equal(exported.organisations[0].name, 'Casa de la Mujer Tapachula');

    // A damaged file is refused with its reason, and nothing changes.
    const broken = structuredClone(exported);
    broken.organisations.push({ id: 'x1', name: '  ', kind: 'health', country: 'MX' });
    await directory.getByLabel('Importar un archivo de directorio').setInputFiles({
      name: 'roto.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)),
    });
    await directory.getByRole('alert').filter({ hasText: 'Se rechazó este archivo y no se cambió nada: un servicio no tiene nombre. (entrada 2)' }).waitFor();
    await directory.getByText('1 servicios registrados').waitFor();

    // A file over 2 MB is refused before it is read.
    await directory.getByLabel('Importar un archivo de directorio').setInputFiles({
      name: 'grande.json', mimeType: 'application/json', buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 32),
    });
    await directory.getByRole('alert').filter({ hasText: 'Se rechazó este archivo y no se cambió nada: es demasiado grande (más de 2 MB).' }).waitFor();

    // A coordinator's file: one updated, one new; previewed, then imported on confirmation.
    const shared = structuredClone(exported);
    shared.organisations[0].hours = 'L-V 9-17 h';
    shared.organisations[0].phone = 'otro número';
    shared.organisations.push({ id: 'clinica-ms', name: 'Clínica Médicos del Camino', kind: 'health', country: 'MX', offers: 'Consulta general' });
    await directory.getByLabel('Importar un archivo de directorio').setInputFiles({
      name: 'coordinacion.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(shared)),
    });
    await directory.locator('.directory-preview').getByText('Este archivo agregará 1 (Clínica Médicos del Camino), actualizará 1 (Casa de la Mujer Tapachula) y dejará 0 sin cambios.', { exact: false }).waitFor();
    await directory.getByText('1 servicios registrados').waitFor();
    // Every changed field side by side: what this phone has, what the file brings.
    const changes = directory.locator('table.directory-changes');
    await changes.locator('caption', { hasText: 'Cambios en Casa de la Mujer Tapachula' }).waitFor();
    const rows = await changes.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.deepEqual(rows, [['Teléfono', '(vacío)', 'otro número'], ['Horario', '(vacío)', 'L-V 9-17 h']]);
    await changes.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'directory-preview');
    await directory.getByRole('button', { name: 'Importar', exact: true }).click();
    await directory.getByText('2 servicios registrados').waitFor();
    await directory.getByRole('status').filter({ hasText: 'Directorio importado.' }).waitFor();

    // The local GBV service is proposed when a case in Mexico raises the GBV flag.
    await s.page.goto(s.url('cases'));
    await setUpVault(s.page);
    await s.page.getByRole('link', { name: 'Nuevo caso' }).click();
    await s.page.getByLabel('Alias o cómo prefiere que le llamen').fill('Flor');
    await s.page.getByLabel('País del primer contacto').selectOption('MX');
    await s.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await s.page.waitForURL(/\/senda\/cases\/[0-9a-f-]{36}$/);
    await s.page.getByRole('link', { name: /Evaluación de riesgos y vulnerabilidades/ }).click();
    await answer(s.page, 'violence.disclosed', 'Sí');
    const gbv = action(flagCard(s.page, 'gbv'), 'refer_gbv');
    await gbv.locator('.referral-targets').getByText('Casa de la Mujer Tapachula').waitFor();
    await gbv.scrollIntoViewIfNeeded();
    await snapshot(s.page, 'screening-directory-service');
  });
});
