// "Could they use my records now?": the same decision the runtime makes when a provider logs an
// access (`consent_checkAccess`), asked by the patient.
import { field, h } from '../dom.js';
import { CATEGORIES, PURPOSES, SENSITIVE, categoryLabel, purposeLabel, when } from '../names.js';
import { accountAddress, relationshipName } from '../patient.js';
import { problemLine, showProblem } from './welcome.js';

/** The section with the access question. */
export function checkAccessSection(ctx) {
  const holders = ctx.pseudonyms.filter((view) => view.record && view.relationship.kind === 'provider');
  if (!holders.length) return null;
  const holder = h('select', { name: 'check-holder' }, holders.map((view, index) => h('option', { value: index }, relationshipName(view.relationship))));
  const who = h('input', { type: 'text', name: 'check-who', autocomplete: 'off', spellcheck: 'false' });
  // A sensitive category is asked only by a consent's sealed tag, never by name: the node
  // would learn it. The standard ones are asked here.
  const standard = CATEGORIES.filter((c) => !SENSITIVE.has(c));
  const category = h('select', { name: 'check-category' }, standard.map((c) => h('option', { value: c }, categoryLabel(c))));
  const purpose = h('select', { name: 'check-purpose' }, PURPOSES.map((p) => h('option', { value: p }, purposeLabel(p))));
  const problem = problemLine();
  const answer = h('p', { class: 'answer', 'aria-live': 'polite', 'data-testid': 'check-answer' });
  return h(
    'section',
    { id: 'check', 'aria-labelledby': 'check-title' },
    h('h2', { id: 'check-title' }, 'Could they read my records now?'),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          const view = holders[Number(holder.value)];
          const accessor = who.value.trim() ? accountAddress(who.value) : view.relationship.provider;
          if (!accessor) return showProblem(problem, 'That is not an account address.');
          showProblem(problem, null);
          try {
            const decision = (await ctx.api.rpc.consent.checkAccess(view.address, accessor, category.value, 'read', purpose.value)).toJSON();
            answer.dataset.decision = decision.decision;
            answer.textContent = decision.decision === 'permit'
              ? `Yes: ${ctx.name(accessor)} may read your ${categoryLabel(category.value)} for ${purposeLabel(purpose.value)}, under consent ${decision.consentId}, until ${when(decision.expiresAt)}.`
              : `No: ${ctx.name(accessor)} may not read your ${categoryLabel(category.value)} for ${purposeLabel(purpose.value)} now.`;
          } catch (error) {
            showProblem(problem, `The node could not answer: ${error.message}`);
          }
        },
      },
      field('Records held by', holder),
      field('Who', who, 'Leave empty for the provider that holds them.'),
      field('Which records', category),
      field('For what', purpose),
      problem,
      h('button', { type: 'submit' }, 'Check'),
      answer,
    ),
  );
}
