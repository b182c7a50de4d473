// "My guardians": per account, who may act for the patient (a parent, a carer), appointed or
// removed by the patient. A guardian's wallet makes its own key for each of the patient's
// accounts (`guardianKey` of carechain-pseudonyms), so one guardian does not link them either.
import { field, h } from '../dom.js';
import { shortAddress, when } from '../names.js';
import { accountAddress, relationshipName } from '../patient.js';
import { problemLine, showProblem } from './welcome.js';

function guardianList(ctx, view) {
  const guardians = view.record?.guardians ?? [];
  if (!guardians.length) return h('p', {}, `${relationshipName(view.relationship)}: no guardian.`);
  return h(
    'ul',
    {},
    guardians.map((guardian) => {
      const problem = problemLine();
      const account = guardian.account;
      return h(
        'li',
        { class: 'guardian' },
        `${relationshipName(view.relationship)}: ${shortAddress(account)}`,
        guardian.until ? ` until ${when(guardian.until)}` : ' with no end date',
        problem,
        h('button', {
          type: 'button',
          class: 'secondary',
          'aria-label': `Remove guardian ${shortAddress(account)} of ${relationshipName(view.relationship)}`,
          onclick: () => ctx.act('Guardian removed.', problem, () => ctx.queue.send(ctx.api.tx.patientIdentity.removeGuardian(account), view.pair)),
        }, 'Remove'),
      );
    }),
  );
}

/** The section of the patient's guardians. */
export function guardiansSection(ctx) {
  const registered = ctx.pseudonyms.filter((view) => view.record);
  if (!registered.length) return null;
  const ward = h('select', { name: 'guardian-for' }, registered.map((view, index) => h('option', { value: index }, relationshipName(view.relationship))));
  const guardian = h('input', { type: 'text', name: 'guardian', autocomplete: 'off', spellcheck: 'false' });
  const until = h('input', { type: 'date', name: 'guardian-until' });
  const problem = problemLine();
  return h(
    'section',
    { id: 'guardians', 'aria-labelledby': 'guardians-title' },
    h('h2', { id: 'guardians-title' }, 'My guardians'),
    registered.map((view) => guardianList(ctx, view)),
    h(
      'form',
      {
        novalidate: true,
        'aria-label': 'Appoint a guardian',
        onsubmit: async (event) => {
          event.preventDefault();
          const view = registered[Number(ward.value)];
          const account = accountAddress(guardian.value);
          if (!account) return showProblem(problem, 'The guardian\'s address is not an account address. Their app shows the address to use for this account of yours.');
          let ends = null;
          if (until.value) {
            ends = new Date(`${until.value}T23:59:00`).getTime();
            if (!(ends > Date.now())) return showProblem(problem, 'That end date is in the past.');
          }
          await ctx.act('Guardian appointed.', problem, () =>
            ctx.queue.send(ctx.api.tx.patientIdentity.addGuardian(account, ends), view.pair));
        },
      },
      h('h3', {}, 'Appoint a guardian'),
      field('For your account with', ward),
      field('The guardian\'s address', guardian, 'Their CareChain app shows a separate address for each of your accounts.'),
      field('Until (optional)', until),
      problem,
      h('button', { type: 'submit' }, 'Appoint'),
    ),
  );
}
