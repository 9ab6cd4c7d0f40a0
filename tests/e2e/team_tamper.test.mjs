// End to end, two phones against the local sync server (COUCH_URL): whoever runs the server
// changes the ciphertext of the documents another phone's edit wrote (valid envelopes otherwise,
// so the server's own validation lets them in). The phone that pulls them refuses them with a
// clear message on its team screen, and its copy of the case stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshot } from './support.mjs';
import { recordCase, unique } from './vault_steps.mjs';
import { couch, dropDb, fieldHolds, setUpTeam, syncEach, syncNow, toTeam, twoPhones } from './team_steps.mjs';

const ALIAS = 'Alias o cómo prefiere que le llamen';
const toCases = (s) => s.page.locator('nav.bottom-nav').getByRole('link', { name: 'Casos' }).click();

async function server(s, path, init = {}) {
  const r = await fetch(`${s.origin}/${path}`, { ...init, headers: { authorization: s.auth, 'content-type': 'application/json' } });
  return r.json();
}

test('a ciphertext changed on the server is refused with a clear message and changes nothing on the phone', async () => {
  const srv = couch();
  const [a, b] = await twoPhones(srv);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, srv));
    await syncEach(a, b);
    const values = { name: unique('Marisol'), alias: unique('Jade'), nationality: 'x', place: 'y' };
    await toCases(a);
    await recordCase(a.page, values);
    await syncEach(a, b);
    await toCases(b);
    await b.page.getByRole('link', { name: new RegExp(values.alias) }).first().click({ timeout: 30000 });
    await fieldHolds(b.page.getByLabel(ALIAS), values.alias);

    // A changes the alias and syncs; then the server's administrator alters what that edit wrote.
    const since = (await server(srv, db)).update_seq;
    const edited = unique('Coral');
    await toCases(a);
    await a.page.getByRole('link', { name: new RegExp(values.alias) }).first().click();
    await a.page.getByLabel(ALIAS).fill(edited);
    await a.page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
    await toTeam(a.page);
    await syncNow(a.page);
    const changes = await server(srv, `${db}/_changes?since=${encodeURIComponent(JSON.stringify(since))}&include_docs=true`);
    const altered = changes.results.map((r) => r.doc).filter((d) => d && typeof d.ct === 'string');
    assert.ok(altered.length >= 1, 'the edit wrote at least one document');
    for (const doc of altered) {
      doc.ct = (doc.ct.startsWith('A') ? 'B' : 'A') + doc.ct.slice(1);
      const put = await server(srv, `${db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', body: JSON.stringify(doc) });
      assert.ok(put.ok, JSON.stringify(put));
    }

    // B pulls them: refused, said on the team screen; the case on B is as it was.
    await toTeam(b.page);
    const refused = b.page.getByText(/(Un documento del servidor fue rechazado: estaba alterado|documentos del servidor fueron rechazados: estaban alterados)/);
    // A run of the automatic sync may be going: "Sync now" then says so, and is pressed again.
    for (let tries = 0; tries < 3 && !(await refused.isVisible()); tries++) {
      await b.page.getByRole('button', { name: 'Sincronizar ahora' }).click({ timeout: 60000 });
      await refused.waitFor({ timeout: 30000 }).catch(() => {});
    }
    await refused.waitFor({ timeout: 1000 });
    await snapshot(b.page, 'team-tampered-refused');
    await toCases(b);
    assert.equal(await b.page.getByRole('link', { name: new RegExp(edited) }).count(), 0, 'the altered edit is not shown');
    await b.page.getByRole('link', { name: new RegExp(values.alias) }).first().click();
    await fieldHolds(b.page.getByLabel(ALIAS), values.alias);
    // Nothing typed reached the server in the clear, altered or not.
    const all = JSON.stringify(await server(srv, `${db}/_all_docs?include_docs=true`));
    for (const typed of [values.name, values.alias, edited]) assert.ok(!all.includes(typed), `the server holds ${typed}`);
  } finally {
    await a.close();
    await b.close();
    await dropDb(srv, db);
  }
});
