// The patient app (portal/) in headless Chromium against a real node's public face (the one a
// patient reaches: no raw state), driven with playwright-core and Debian's chromium (no browser
// download). A new patient restores a secret, is onboarded by the demo hospital (Bob, played
// here with @polkadot/api on the node's loopback RPC), grants lab results for treatment, sees
// the hospital's access in the log with the verified badge, approves a request, revokes with
// the keyboard alone, and sees the check deny. A log head rewritten on the wire shows the red
// badge; bad input in the forms gets a sentence and sends nothing; a node that is down is said
// so; axe-core finds no serious accessibility violation; the page reflows at 200 % zoom.
//
// CARECHAIN_PORTAL_SCREENSHOTS=<dir> saves the screenshots linked from the README there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import {
  encryptionKeyPair,
  guardianKey,
  identityCommitment,
  openSealedScope,
  patientEncryptionKeyPair,
  prepareSealedScope,
  prepareStudyTags,
  providerPseudonym,
  sealedTag,
  studyPseudonym,
} from 'carechain-pseudonyms';
import { chromium } from 'playwright-core';

import { rpc as rpcDefinitions, signedRead } from '../carechain-rpc.js';
import { DEV_ARGS, freePort, startNode } from '../lib/node.js';
import { devAccounts, submit } from '../lib/tx.js';

const portalDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../portal');
const vite = path.join(portalDir, 'node_modules/vite/bin/vite.js');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const chromiumPath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const screenshots = process.env.CARECHAIN_PORTAL_SCREENSHOTS ?? null;
const PASSPHRASE = 'correct horse battery';
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the day `days` from today (local time, as the date inputs read it). */
function day(days) {
  const date = new Date(Date.now() + days * DAY_MS);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Runs `node args` in `cwd` to completion, failing with its output. */
function run(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')}: ${output}`))));
  });
}

/** Serves portal/dist with `vite preview` on a free port; `{ url, stop }`. */
async function servePortal() {
  const port = await freePort();
  const child = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--bypass-lock'], {
    cwd: portalDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      if (tries > 100) throw new Error('vite preview did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, stop: () => child.kill() };
}

/** Presses Tab until the focused element matches `selector`, as a keyboard user does. */
async function tabTo(page, selector, limit = 400) {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Restores `phrase` in a page that shows the welcome screen. */
async function restore(page, phrase) {
  await page.getByRole('button', { name: 'Restore from my secret phrase' }).click();
  await page.getByLabel('Your secret phrase', { exact: true }).fill(phrase);
  await page.getByLabel('Passphrase for this browser', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('The same passphrase again', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
}

/** Adds the provider at `address` to the patient's list. */
async function addProvider(page, address) {
  await page.getByLabel('Add a provider by its address', { exact: true }).fill(address);
  await page.getByRole('button', { name: 'Add provider' }).click();
}

describe('the patient app in a real browser', () => {
  let node;
  let portal;
  let browser;
  let page;
  let keys;
  let publicUrl;
  let publicPort;
  let patient;
  const phrase = mnemonicGenerate();
  let labConsentId;
  /** Uncaught exceptions in the page: there must be none. */
  const pageErrors = [];

  const shot = async (target, name) => {
    if (screenshots) await target.screenshot({ path: path.join(screenshots, `portal-${name}.png`), fullPage: true });
  };
  /** `pair`'s registration as `patient_get` answers it to `pair` (what the chain holds). */
  const registration = async (pair) => {
    const auth = await signedRead(node.api, pair, 'patient_get', [pair.address]);
    return (await node.api.rpc.patient.get(pair.address, auth)).toJSON();
  };
  /** The patient's consents, read by the test as the patient (what the chain holds). */
  const consentsOnChain = async () => {
    const auth = await signedRead(node.api, patient, 'consent_listByPatient', [patient.address]);
    return (await node.api.rpc.consent.listByPatient(patient.address, auth)).toJSON();
  };
  const refresh = () => page.getByRole('button', { name: 'Refresh' }).click();

  before(async () => {
    await run([vite, 'build', '--logLevel', 'warn'], portalDir);
    publicPort = await freePort();
    node = await startNode({ args: [...DEV_ARGS, '--public-rpc-addr', `127.0.0.1:${publicPort}`], rpc: rpcDefinitions });
    publicUrl = `ws://127.0.0.1:${publicPort}`;
    portal = await servePortal();
    keys = await devAccounts();
    patient = await providerPseudonym(phrase, keys.bob.address);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    portal?.stop();
    await node?.stop();
  });

  test('a new patient restores a secret and is onboarded by the hospital under its own pseudonym', async () => {
    await page.goto(`${portal.url}/?node=${encodeURIComponent(publicUrl)}`);
    await shot(page, 'welcome');
    await restore(page, phrase);
    await page.getByRole('heading', { name: 'My providers and studies' }).waitFor();
    await addProvider(page, keys.bob.address);
    const shown = page.locator('li.relationship [data-testid="pseudonym"]');
    assert.equal(await shown.textContent(), patient.address, 'the page derives the same pseudonym as the package');
    assert.match(await page.locator('li.relationship .status').textContent(), /Not registered yet/);

    // The hospital onboards the pseudonym the patient showed it: no tokens, no transfer.
    const commitment = await identityCommitment(phrase, patient.address, 'Riverside MRN 000042');
    const onboarded = await submit(node.api, node.api.tx.patientIdentity.onboard(patient.address, commitment), keys.bob);
    assert.equal(onboarded.error, null);
    await refresh();
    await page.locator('li.relationship[data-registered="yes"]').waitFor();
    assert.match(await page.locator('li.relationship .status').textContent(), /Fee-free calls left today: \d+ of \d+/);
  });

  test('bad input in the grant form gets a sentence and sends nothing', async () => {
    const form = page.locator('#grant-form');
    const problem = form.locator('.problem');
    await form.getByLabel('Until', { exact: true }).fill(day(7));
    await form.getByRole('button', { name: 'Give consent' }).click();
    assert.equal(await problem.textContent(), 'Choose at least one kind of record.');

    await form.getByLabel('Lab results', { exact: true }).check();
    await form.getByLabel('Until', { exact: true }).fill(day(-1));
    await form.getByRole('button', { name: 'Give consent' }).click();
    assert.equal(await problem.textContent(), 'That day is in the past: choose a day from today on.');

    await form.getByLabel('Until', { exact: true }).fill(day(7));
    await form.getByLabel('Who may use them', { exact: true }).fill('not-an-address');
    await form.getByRole('button', { name: 'Give consent' }).click();
    assert.match(await problem.textContent(), /not an account address/);
    assert.deepEqual(await consentsOnChain(), [], 'nothing was submitted');
  });

  test('the patient grants lab results for treatment and sees the consent', async () => {
    const form = page.locator('#grant-form');
    await form.getByLabel('Who may use them', { exact: true }).fill('');
    await form.getByLabel('Lab results', { exact: true }).check();
    await form.getByLabel('For what', { exact: true }).selectOption('TREAT');
    await form.getByLabel('Until', { exact: true }).fill(day(7));
    await form.getByRole('button', { name: 'Give consent' }).click();
    const consent = page.locator('li.consent[data-status="active"]');
    await consent.waitFor();
    assert.match(await consent.textContent(), /Lab results.*Treatment/s);
    const [onChain] = await consentsOnChain();
    assert.deepEqual(onChain.categories, ['LabResults']);
    assert.equal(onChain.grantee, keys.bob.address);
    labConsentId = onChain.id;
    assert.equal(await consent.getAttribute('data-consent-id'), String(labConsentId));
  });

  test("the hospital's access appears in the log with the verified badge", async () => {
    const record = node.api.tx.consent.recordAccess(patient.address, 'LabResults', 'Treatment', 'Read', null);
    assert.equal((await submit(node.api, record, keys.bob)).error, null);
    await refresh();
    await page.locator('tr.access').waitFor();
    const row = await page.locator('tr.access').textContent();
    assert.match(row, /Riverside General Hospital/);
    assert.match(row, /Lab results/);
    assert.match(row, new RegExp(`${labConsentId}$`));
    assert.equal(await page.locator('[data-log-status]').getAttribute('data-log-status'), 'verified');
    await shot(page, 'dashboard');
  });

  test('the patient approves a request with the keyboard alone', async () => {
    const request = node.api.tx.consent.requestAccess(
      patient.address, ['Imaging'], ['Read'], ['Treatment'], 7 * DAY_MS, `0x${'ab'.repeat(32)}`,
    );
    assert.equal((await submit(node.api, request, keys.bob)).error, null);
    await refresh();
    const pending = page.locator('li.request');
    await pending.waitFor();
    assert.match(await pending.textContent(), /Riverside General Hospital asks to read your Imaging/);
    const id = await pending.getAttribute('data-request-id');
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, `button[aria-label="Approve request ${id}"]`);
    await page.keyboard.press('Enter');
    await page.locator('li.consent[data-status="active"]').nth(1).waitFor();
    assert.equal(await page.locator('li.request').count(), 0);
    const kinds = (await consentsOnChain()).map((consent) => consent.kind).sort();
    assert.deepEqual(kinds, ['request', 'standard']);
  });

  test('the patient revokes with the keyboard alone and the check then denies', async () => {
    const check = page.locator('#check form');
    await check.getByLabel('Which records', { exact: true }).selectOption('LabResults');
    await check.getByLabel('For what', { exact: true }).selectOption('TREAT');
    await check.getByRole('button', { name: 'Check' }).click();
    const answer = page.getByTestId('check-answer');
    await page.locator('[data-testid="check-answer"][data-decision="permit"]').waitFor();
    assert.match(await answer.textContent(), new RegExp(`^Yes: .*under consent ${labConsentId}`));

    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, `button[aria-label="Revoke consent ${labConsentId}"]`);
    await page.keyboard.press('Enter');
    await page.locator(`li.consent[data-consent-id="${labConsentId}"][data-status="revoked"]`).waitFor();

    const checkAgain = page.locator('#check form');
    await checkAgain.getByLabel('Which records', { exact: true }).selectOption('LabResults');
    await checkAgain.getByLabel('For what', { exact: true }).selectOption('TREAT');
    await checkAgain.getByRole('button', { name: 'Check' }).click();
    await page.locator('[data-testid="check-answer"][data-decision="deny"]').waitFor();
    assert.match(await page.getByTestId('check-answer').textContent(), /^No: Riverside General Hospital may not read your Lab results/);
    const decision = (await node.api.rpc.consent.checkAccess(patient.address, keys.bob.address, 'LabResults', 'read', 'TREAT')).toJSON();
    assert.equal(decision.decision, 'deny');
  });

  test('the patient joins the demo study under a second pseudonym, enrols, and appoints a guardian', async () => {
    await page.getByLabel('Join a research study by its number', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Add study' }).click();
    const studyRow = page.locator('li.study');
    await studyRow.waitFor();
    assert.match(await studyRow.textContent(), /Lab results and Vital signs/);
    // The institute (Ferdie) onboards the study pseudonym the page shows; nothing links it to
    // the hospital pseudonym.
    const participant = await studyPseudonym(phrase, 0);
    const shown = await page.locator('li.relationship[data-relationship="study:0"] [data-testid="pseudonym"]').textContent();
    assert.equal(shown, participant.address);
    const commitment = await identityCommitment(phrase, participant.address, 'study 0');
    assert.equal((await submit(node.api, node.api.tx.patientIdentity.onboard(participant.address, commitment), keys.ferdie)).error, null);
    await refresh();
    await page.getByRole('button', { name: 'Enrol in study 0' }).click();
    await page.getByRole('button', { name: 'Leave study 0' }).waitFor();
    const enrolled = await registration(participant);
    assert.deepEqual(enrolled.enrolments.map((e) => e.studyId), [0]);

    // A guardian for the hospital pseudonym, with the guardian's own key for that ward.
    const guardian = await guardianKey(mnemonicGenerate(), patient.address);
    const appoint = page.getByRole('form', { name: 'Appoint a guardian' });
    await appoint.getByLabel('For your account with', { exact: true }).selectOption({ label: 'Riverside General Hospital' });
    await appoint.getByLabel("The guardian's address", { exact: true }).fill('5Bad');
    await appoint.getByRole('button', { name: 'Appoint' }).click();
    assert.match(await appoint.locator('.problem').textContent(), /not an account address/);
    await appoint.getByLabel("The guardian's address", { exact: true }).fill(guardian.address);
    await appoint.getByRole('button', { name: 'Appoint' }).click();
    await page.locator('li.guardian').waitFor();
    assert.deepEqual((await registration(patient)).guardians.map((g) => g.account), [guardian.address]);
  });

  test('the patient refuses break-glass access on every pseudonym', async () => {
    await page.getByRole('button', { name: 'Refuse emergency access' }).click();
    await page.getByRole('button', { name: 'Allow emergency access' }).waitFor();
    assert.equal((await registration(patient)).emergencyAccess, false);
    assert.equal((await registration(await studyPseudonym(phrase, 0))).emergencyAccess, false);
  });

  test('the patient grants HIV records sealed: the app reads them back as HIV, the chain holds tags only', async () => {
    // The hospital publishes its encryption key, so that it can open what is sealed to it.
    const hospitalKey = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
    const publish = node.api.tx.providerRegistry.setEncryptionKey(u8aToHex(hospitalKey.publicKey));
    assert.equal((await submit(node.api, publish, keys.bob)).error, null);
    const form = page.locator('#grant-form');
    await form.getByLabel('Who may use them', { exact: true }).fill('');
    await form.getByLabel('Lab results', { exact: true }).uncheck();
    await form.getByLabel('HIV (sensitive)', { exact: true }).check();
    await form.getByLabel('For what', { exact: true }).selectOption('TREAT');
    await form.getByLabel('Until', { exact: true }).fill(day(7));
    await form.getByRole('button', { name: 'Give consent' }).click();
    const listed = page.locator('li.consent[data-status="active"]', { hasText: 'HIV (sensitive)' });
    await listed.waitFor();
    const sealed = (await consentsOnChain()).find((consent) => consent.sealed);
    assert.deepEqual(sealed.categories, [], 'nothing sensitive in clear');
    assert.equal(await listed.getAttribute('data-consent-id'), String(sealed.id));
    const opened = await openSealedScope(sealed.sealed, hospitalKey);
    assert.deepEqual(opened.categories, ['Hiv'], 'the hospital opens it with its key');
    // The hospital reads HIV records by tag; the app's log shows HIV, and the log still verifies.
    const access = node.api.tx.consent.recordSealedAccess(patient.address, sealedTag(opened.salt, 'Hiv'), 'Treatment', 'Read', null);
    assert.equal((await submit(node.api, access, keys.bob)).error, null);
    await refresh();
    await page.locator('tr.access', { hasText: 'HIV (sensitive)' }).waitFor();
    const statuses = await page.locator('[data-log-status]').evaluateAll((badges) => badges.map((b) => b.dataset.logStatus));
    assert.ok(statuses.includes('verified') && !statuses.includes('tampered'), statuses.join(', '));
  });

  test('the patient reads a sealed request as what it asks, and enrols in a study of sensitive data by its protocol code', async () => {
    // The hospital asks for genomic records, sealed to the key the patient gave it and its own.
    const hospitalKey = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
    assert.equal((await submit(node.api, node.api.tx.providerRegistry.setEncryptionKey(u8aToHex(hospitalKey.publicKey)), keys.bob)).error, null);
    const patientKey = await patientEncryptionKeyPair(phrase, patient.address);
    const asked = await prepareSealedScope(['Genomics'], [patientKey.publicKey, hospitalKey.publicKey]);
    const request = node.api.tx.consent.requestAccessSealed(patient.address, [], asked.sealed, ['Read'], ['Treatment'], 7 * DAY_MS, `0x${'cd'.repeat(32)}`);
    assert.equal((await submit(node.api, request, keys.bob)).error, null);
    await refresh();
    const pending = page.locator('li.request');
    await pending.waitFor();
    assert.match(await pending.textContent(), /asks to read your Genomics \(sensitive\)/);
    await pending.getByRole('button', { name: /Approve request/ }).click();
    await page.locator('li.consent[data-status="active"]', { hasText: 'Genomics (sensitive)' }).waitFor();
    const approved = (await consentsOnChain()).find((consent) => consent.kind === 'request' && consent.sealed);
    assert.deepEqual(approved.categories, [], 'nothing sensitive in clear');
    assert.deepEqual((await openSealedScope(approved.sealed, hospitalKey)).categories, ['Genomics']);

    // The institute opens a study of genetic data, sealed under the code on its information sheet.
    const instituteKey = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
    assert.equal((await submit(node.api, node.api.tx.providerRegistry.setEncryptionKey(u8aToHex(instituteKey.publicKey)), keys.ferdie)).error, null);
    const { salt, tags } = await prepareStudyTags(['Genomics']);
    const now = (await node.api.query.timestamp.now()).toNumber();
    const create = node.api.tx.dataRewards.createStudySealed([], tags, 10n ** 12n, 5, now + 10 * DAY_MS, now + 30 * DAY_MS, `0x${'5e'.repeat(32)}`);
    const created = await submit(node.api, create, keys.ferdie);
    assert.equal(created.error, null);
    const studyId = created.events.find((e) => e.method === 'StudyCreated').data.studyId.toNumber();
    await page.getByLabel('Join a research study by its number', { exact: true }).fill(String(studyId));
    await page.getByRole('button', { name: 'Add study' }).click();
    const participant = await studyPseudonym(phrase, studyId);
    const commitment = await identityCommitment(phrase, participant.address, `study ${studyId}`);
    assert.equal((await submit(node.api, node.api.tx.patientIdentity.onboard(participant.address, commitment), keys.ferdie)).error, null);
    await refresh();
    const form = page.getByRole('form', { name: `Enrol in study ${studyId}` });
    await form.waitFor();
    // A code of another study is told apart, in a sentence; nothing is sent.
    await form.getByLabel('Protocol code', { exact: true }).fill(u8aToHex(crypto.getRandomValues(new Uint8Array(32))));
    await form.getByRole('button', { name: `Enrol in study ${studyId}` }).click();
    const row = page.locator('li.study', { has: form });
    assert.match(await row.locator('.problem').textContent(), /not the one of this study/);
    await form.getByLabel('Protocol code', { exact: true }).fill(u8aToHex(salt));
    await form.getByRole('button', { name: `Enrol in study ${studyId}` }).click();
    await page.getByRole('button', { name: `Leave study ${studyId}` }).waitFor();
    const auth = await signedRead(node.api, participant, 'consent_listByPatient', [participant.address]);
    const [research] = (await node.api.rpc.consent.listByPatient(participant.address, auth)).toJSON();
    assert.deepEqual([research.kind, research.studyId, research.categories], ['research', studyId, []]);
    assert.deepEqual((await openSealedScope(research.sealed, instituteKey)).categories, ['Genomics']);
    const own = await patientEncryptionKeyPair(phrase, participant.address);
    assert.deepEqual((await openSealedScope(research.sealed, own)).categories, ['Genomics']);
  });

  test('axe-core finds no serious violation, and the page reflows at 200 % zoom', async () => {
    await page.addScriptTag({ content: axeSource });
    const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    // A 1280-pixel window at 200 % zoom is a 640-pixel CSS viewport.
    await page.setViewportSize({ width: 640, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    await shot(page, 'zoomed');
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  test('a log head rewritten on the wire shows the red badge', async () => {
    const context = await browser.newContext();
    try {
      await context.routeWebSocket(new RegExp(`^ws://127\\.0\\.0\\.1:${publicPort}/?$`), (socket) => {
        const server = socket.connectToServer();
        server.onMessage((message) => {
          let body;
          try {
            body = JSON.parse(message);
          } catch {
            socket.send(message);
            return;
          }
          if (body.result?.scope === 'patient' && body.result.head) body.result.head = `0x${'66'.repeat(32)}`;
          socket.send(JSON.stringify(body));
        });
      });
      const tampered = await context.newPage();
      await tampered.goto(`${portal.url}/?node=${encodeURIComponent(publicUrl)}`);
      await restore(tampered, phrase);
      await addProvider(tampered, keys.bob.address);
      const badge = tampered.locator('[data-log-status]');
      await badge.waitFor();
      assert.equal(await badge.getAttribute('data-log-status'), 'tampered');
      assert.match(await badge.textContent(), /does not match the chain/);
      await shot(tampered, 'tampered');
    } finally {
      await context.close();
    }
  });

  test('a new secret is shown once and guarded; a node that is down is said so', async () => {
    const context = await browser.newContext();
    try {
      const fresh = await context.newPage();
      const down = `ws://127.0.0.1:${await freePort()}`;
      await fresh.goto(`${portal.url}/?node=${encodeURIComponent(down)}`);
      await fresh.getByRole('button', { name: 'Create a new secret' }).click();
      const words = (await fresh.getByTestId('new-phrase').textContent()).split(' ');
      assert.equal(words.length, 12);
      const keep = fresh.getByRole('button', { name: 'Keep it in this browser' });
      await keep.click();
      assert.match(await fresh.locator('.problem').textContent(), /write down your secret phrase first/);
      await fresh.getByLabel('I have written down my secret phrase', { exact: true }).check();
      await fresh.getByLabel('Passphrase for this browser', { exact: true }).fill(PASSPHRASE);
      await fresh.getByLabel('The same passphrase again', { exact: true }).fill(`${PASSPHRASE}!`);
      await keep.click();
      assert.equal(await fresh.locator('.problem').textContent(), 'The two passphrases are not the same.');
      await fresh.getByLabel('The same passphrase again', { exact: true }).fill(PASSPHRASE);
      await keep.click();
      const problem = fresh.locator('p.problem[role="alert"]');
      await problem.waitFor({ timeout: 20_000 });
      assert.match(await problem.textContent(), /cannot be reached/);
      // The secret is kept only encrypted.
      const stored = await fresh.evaluate(() => JSON.stringify(localStorage));
      assert.ok(!stored.includes(words.slice(0, 3).join(' ')), 'no phrase in clear in the browser storage');
      assert.match(stored, /xsalsa20-poly1305/);
    } finally {
      await context.close();
    }
  });

  test('erase me deregisters every pseudonym after a warning and forgets the secret', async () => {
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Erase all my accounts' }).click();
    await page.getByRole('button', { name: 'Create a new secret' }).waitFor();
    assert.equal(await registration(patient), null);
    assert.equal(await registration(await studyPseudonym(phrase, 0)), null);
    assert.equal(await page.evaluate(() => localStorage.getItem('carechain-portal/vault/1')), null);
    assert.deepEqual(pageErrors, [], 'no uncaught exception in the page in the whole session');
  });
});
