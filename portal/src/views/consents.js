// "My consents": every consent of every pseudonym, with revoke and renew, and the form that
// grants a new one.
import { patientEncryptionKeyPair, prepareSealedScope } from 'carechain-pseudonyms';
import { grantCall, sealedGrantCall } from '../../../scripts/e2e/carechain-rpc.js';
import { field, freshId, h } from '../dom.js';
import { ACTIONS, CATEGORIES, PURPOSES, SENSITIVE, actionLabel, categoryLabel, countdown, listOf, purposeLabel, when } from '../names.js';
import { accountAddress, relationshipName } from '../patient.js';
import { problemLine, showProblem } from './welcome.js';

/** The end of day `date` (`YYYY-MM-DD`, local time) in unix ms, or null. */
function endOfDay(date) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [year, month, day] = date.split('-').map(Number);
  const ms = new Date(year, month - 1, day, 23, 59, 0).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** Why `date` cannot be a consent's expiry, or null. */
export function expiryProblem(date, now = Date.now()) {
  const ms = endOfDay(date);
  if (ms === null) return 'Choose the day the consent ends.';
  if (ms <= now) return 'That day is in the past: choose a day from today on.';
  return null;
}

const STATUS_LABELS = { active: 'Active', revoked: 'Revoked', expired: 'Expired' };
const KIND_LABELS = { standard: 'Given by you', request: 'Approved request', emergency: 'Break-glass (emergency)', research: 'Research study' };

function categoryList(categories) {
  return h(
    'ul',
    { class: 'categories' },
    categories.map((category) => h('li', { class: SENSITIVE.has(category) ? 'sensitive' : null }, categoryLabel(category))),
  );
}

function renewForm(ctx, view, consent) {
  const date = h('input', { type: 'date', name: 'renew-until', required: true });
  const problem = problemLine();
  return h(
    'form',
    {
      novalidate: true,
      class: 'inline',
      'aria-label': `Renew consent ${consent.id}`,
      onsubmit: async (event) => {
        event.preventDefault();
        const bad = expiryProblem(date.value);
        if (bad) return showProblem(problem, bad);
        await ctx.act(`Consent ${consent.id} renewed.`, problem, () =>
          ctx.queue.send(ctx.api.tx.consent.renew(consent.id, endOfDay(date.value)), view.pair));
      },
    },
    field(`New end date for consent ${consent.id}`, date),
    problem,
    h('button', { type: 'submit' }, 'Renew'),
  );
}

function consentRow(ctx, view, consent) {
  const problem = problemLine();
  const active = consent.status === 'active';
  const grantee = ctx.name(consent.grantee);
  return h(
    'li',
    { class: `consent ${consent.status}`, dataset: { consentId: consent.id, status: consent.status } },
    h('h3', {}, `Consent ${consent.id}: ${grantee}`),
    h(
      'dl',
      {},
      h('dt', {}, 'Records of'), h('dd', {}, relationshipName(view.relationship)),
      h('dt', {}, 'Who may use them'), h('dd', {}, grantee),
      h('dt', {}, 'What'), h('dd', {}, categoryList([...consent.categories, ...(consent.sensitive ?? [])])),
      h('dt', {}, 'May'), h('dd', {}, listOf(consent.actions.map(actionLabel))),
      h('dt', {}, 'For'), h('dd', {}, listOf(consent.purposes.map(purposeLabel))),
      h('dt', {}, 'Ends'), h('dd', {}, `${when(consent.expiresAt)} (${countdown(consent.expiresAt)})`),
      h('dt', {}, 'Status'), h('dd', { class: 'consent-status' }, STATUS_LABELS[consent.status] ?? consent.status),
      h('dt', {}, 'Kind'), h('dd', {}, KIND_LABELS[consent.kind] ?? consent.kind),
    ),
    problem,
    active
      ? h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'aria-label': `Revoke consent ${consent.id}`,
            onclick: () =>
              ctx.act(`Consent ${consent.id} revoked: it permits nothing from now on.`, problem, () =>
                ctx.queue.send(ctx.api.tx.consent.revoke(consent.id), view.pair)),
          },
          'Revoke',
        )
      : null,
    active && (consent.kind === 'standard' || consent.kind === 'request') ? renewForm(ctx, view, consent) : null,
  );
}

function checkboxes(legend, name, options, label, checked = []) {
  return h(
    'fieldset',
    {},
    h('legend', {}, legend),
    options.map((option) => {
      const id = freshId(name);
      return h(
        'div',
        { class: 'check' },
        h('input', { type: 'checkbox', id, name, value: option, checked: checked.includes(option) }),
        h('label', { for: id }, label(option)),
      );
    }),
  );
}

function grantForm(ctx) {
  const holders = ctx.pseudonyms.filter((view) => view.record && view.relationship.kind === 'provider');
  if (!holders.length) {
    return h('p', {}, 'Once a provider has onboarded you, you can give consents here.');
  }
  const holder = h('select', { name: 'holder' }, holders.map((view, index) => h('option', { value: index }, relationshipName(view.relationship))));
  const grantee = h('input', { type: 'text', name: 'grantee', autocomplete: 'off', spellcheck: 'false' });
  const purpose = h('select', { name: 'purpose' }, PURPOSES.filter((p) => p !== 'ETREAT').map((p) => h('option', { value: p }, purposeLabel(p))));
  const expiry = h('input', { type: 'date', name: 'expiry', required: true });
  const categories = checkboxes('What may be used', 'category', CATEGORIES, categoryLabel);
  const actions = checkboxes('What may be done', 'action', ACTIONS, (a) => (a === 'write' ? 'Add to my records' : 'Read my records'), ['read']);
  const problem = problemLine();
  const checked = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((input) => input.value);

  return h(
    'form',
    {
      novalidate: true,
      id: 'grant-form',
      'aria-labelledby': 'grant-title',
      onsubmit: async (event) => {
        event.preventDefault();
        const view = holders[Number(holder.value)];
        const to = grantee.value.trim() ? accountAddress(grantee.value) : view.relationship.provider;
        const chosen = checked(categories);
        const doing = checked(actions);
        let bad = null;
        if (!to) bad = 'The address of who may use your records is not an account address.';
        else if (!chosen.length) bad = 'Choose at least one kind of record.';
        else if (!doing.length) bad = 'Choose whether they may read your records, add to them, or both.';
        else bad = expiryProblem(expiry.value);
        if (!bad && !(await ctx.provider(to))) bad = 'No registered provider has the address of who may use your records.';
        if (bad) return showProblem(problem, bad);
        const grant = {
          grantee: to,
          categories: chosen.filter((c) => !SENSITIVE.has(c)),
          actions: doing,
          purposes: [purpose.value],
          expiresAt: endOfDay(expiry.value),
        };
        const sensitive = chosen.filter((c) => SENSITIVE.has(c));
        let tx;
        if (sensitive.length === 0) {
          tx = grantCall(ctx.api, grant);
        } else {
          // Sensitive records go on chain sealed: their tags only, and the salt sealed to this
          // pseudonym's own key (so the phrase reads the consent again), the provider's and the
          // holder's. A provider that published no key cannot open them, so is not offered them.
          // Read afresh: a provider may have published its key since it was last read.
          const keyOf = async (address) => {
            const answer = await ctx.api.rpc.providers.get(address);
            return answer.isSome ? answer.unwrap().toJSON().encryptionKey : null;
          };
          const granteeKey = await keyOf(to);
          if (!granteeKey) {
            return showProblem(problem, `${ctx.name(to)} has not published an encryption key, so sensitive records (${listOf(sensitive.map(categoryLabel))}) cannot be shared with it yet.`);
          }
          const holder = view.relationship.provider;
          const holderKey = holder && holder !== to ? await keyOf(holder) : null;
          const ownKey = await patientEncryptionKeyPair(ctx.vault.contents.phrase, view.address);
          const { sealed } = await prepareSealedScope(sensitive, [ownKey.publicKey, granteeKey, holderKey].filter(Boolean));
          tx = sealedGrantCall(ctx.api, { ...grant, sealed });
        }
        await ctx.act(`Consent given to ${ctx.name(to)}.`, problem, () => ctx.queue.send(tx, view.pair));
      },
    },
    h('h3', { id: 'grant-title' }, 'Give a consent'),
    field('Records held by', holder),
    field('Who may use them', grantee, 'Leave empty for the provider that holds them, or paste the address of another provider it may share them with.'),
    categories,
    actions,
    field('For what', purpose),
    field('Until', expiry, 'The consent ends at the end of this day.'),
    problem,
    h('button', { type: 'submit' }, 'Give consent'),
  );
}

/** The section of the patient's consents and the grant form. */
export function consentsSection(ctx) {
  const rows = ctx.pseudonyms.flatMap((view) => view.consents.map((consent) => ({ view, consent })));
  rows.sort((a, b) => b.consent.createdAt - a.consent.createdAt);
  return h(
    'section',
    { id: 'consents', 'aria-labelledby': 'consents-title' },
    h('h2', { id: 'consents-title' }, 'My consents'),
    rows.length
      ? h('ul', { class: 'consents' }, rows.map(({ view, consent }) => consentRow(ctx, view, consent)))
      : h('p', {}, 'You have given no consent yet.'),
    grantForm(ctx),
  );
}
