// End to end, two phones in a team syncing by themselves: a local change goes up a few seconds
// later and the other phone takes it when its browser comes back online. A case open on a phone
// while the other's edit arrives shows that edit, and the next edit there keeps it (the open
// screen never writes its stale copy over what the sync applied); an edit not yet written when
// the other's arrives is kept and meets it as a conflict, by the normal rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshot } from './support.mjs';
import { recordCase, unique, unlock } from './vault_steps.mjs';
import { blink, couch, dropDb, fieldHolds, setUpTeam, toTeam, twoPhones } from './team_steps.mjs';

const ALIAS = 'Alias o cómo prefiere que le llamen';
const NATIONALITY = 'Nacionalidad declarada';

/** The header's light says everything made here is on the server. */
async function settled(page, timeout = 45000) {
  await page.locator('.sync-light[data-sync="done"]').waitFor({ timeout });
}

async function changed(page, label, value) {
  await page.getByLabel(label).fill(value);
  await page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();
}

test('automatic sync: an edit arriving on a case open on the other phone is shown, kept, never overwritten', async () => {
  const server = couch();
  const [a, b] = await twoPhones(server);
  let db;
  try {
    ({ db } = await setUpTeam(a, b, server));
    const values = { name: unique('Zuleika'), alias: unique('Estrella'), nationality: unique('Hondur'), place: unique('Tecun') };
    await a.page.getByRole('link', { name: 'Casos' }).click();
    await recordCase(a.page, values);
    // A local change goes up by itself; the other phone takes it when it comes back online.
    await a.page.locator('.sync-light[data-sync="waiting"], .sync-light[data-sync="syncing"]').first().waitFor();
    await settled(a.page);
    await blink(b);
    await b.page.getByRole('link', { name: 'Casos' }).click();
    await b.page.getByRole('link', { name: new RegExp(values.alias) }).first().click({ timeout: 45000 });
    await fieldHolds(b.page.getByLabel(ALIAS), values.alias);

    // B has the case open; A's edit arrives by sync and shows there.
    const onA = unique('Luna');
    await changed(a.page, ALIAS, onA);
    await settled(a.page);
    await blink(b);
    await fieldHolds(b.page.getByLabel(ALIAS), onA);
    await snapshot(b.page, 'team-autosync-arrived');

    // B's next edit builds on what arrived: A's alias stays on both phones.
    const nationality = unique('Salvador');
    await changed(b.page, NATIONALITY, nationality);
    await settled(b.page);
    await blink(a);
    await fieldHolds(a.page.getByLabel(NATIONALITY), nationality);
    await fieldHolds(a.page.getByLabel(ALIAS), onA);
    await b.page.reload();
    await unlock(b.page);
    await fieldHolds(b.page.getByLabel(ALIAS), onA);
    await fieldHolds(b.page.getByLabel(NATIONALITY), nationality);
    for (const s of [a, b]) await settled(s.page);

    // An edit on B not yet written when A's edit of the same field arrives: kept on B, and the
    // two meet as a conflict for a person, with A's value shown beside it.
    const [onA2, onB2] = [unique('Alba'), unique('Brisa')];
    await changed(a.page, ALIAS, onA2);
    await settled(a.page);
    await b.page.getByLabel(ALIAS).fill(onB2);
    await blink(b);
    await b.page.locator('.sync-light[data-sync="conflicts"]').waitFor({ timeout: 45000 });
    await fieldHolds(b.page.getByLabel(ALIAS), onB2);
    await snapshot(b.page, 'team-autosync-conflict-light');
    await toTeam(b.page);
    await b.page.locator('[data-team="conflicts"]').filter({ hasText: '1' }).waitFor();
    await b.page.getByRole('button', { name: 'Comparar' }).click();
    await b.page.getByText(`El otro teléfono: ${onA2}`).waitFor();
    await b.page.getByText(`Este teléfono: ${onB2}`).waitFor();
    await snapshot(b.page, 'team-autosync-screen');
  } finally {
    await a.close();
    await b.close();
    await dropDb(server, db);
  }
});
