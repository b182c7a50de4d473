// "My providers and studies": one pseudonym per relationship, its address to give to the
// provider that onboards it, whether it is registered, and its fee-free calls left today.
import { field, h } from '../dom.js';
import { accountAddress, relationshipKey, relationshipName } from '../patient.js';
import { problemLine, showProblem } from './welcome.js';

function pseudonymRow(view) {
  const { relationship, address, record } = view;
  const feeless = record?.feeless;
  let status;
  if (!record) status = relationship.kind === 'study'
    ? 'Not registered yet: give this address to the study\'s institute, which onboards it.'
    : 'Not registered yet: give this address to the provider, which onboards you.';
  else if (feeless) status = `Registered. Fee-free calls left today: ${feeless.leftToday} of ${feeless.perDay}.`;
  else status = 'Registered with your own funds: calls pay a fee.';
  return h(
    'li',
    { class: 'relationship', dataset: { relationship: relationshipKey(relationship), registered: record ? 'yes' : 'no' } },
    h('h3', {}, relationshipName(relationship)),
    h('p', {}, 'Your account for it: ', h('code', { class: 'address', 'data-testid': 'pseudonym' }, address)),
    h('p', { class: 'status' }, status),
  );
}

/** The section listing the patient's relationships, with the forms that add one. */
export function relationshipsSection(ctx) {
  const providerInput = h('input', { type: 'text', name: 'provider', autocomplete: 'off', spellcheck: 'false' });
  const providerProblem = problemLine();
  const studyInput = h('input', { type: 'number', name: 'study', min: 0, step: 1, inputmode: 'numeric' });
  const studyProblem = problemLine();
  const { relationships } = ctx.vault.contents;

  const addProvider = async (event) => {
    event.preventDefault();
    const provider = accountAddress(providerInput.value);
    if (!provider) return showProblem(providerProblem, 'That is not an account address. Copy it from the provider\'s letter or screen.');
    if (relationships.some((r) => r.kind === 'provider' && r.provider === provider)) {
      return showProblem(providerProblem, 'This provider is already in your list.');
    }
    const found = await ctx.provider(provider);
    if (!found) return showProblem(providerProblem, 'No registered provider has this address.');
    if (found.role === 'staff') return showProblem(providerProblem, `This address is a staff member's; add their organisation instead.`);
    relationships.push({ kind: 'provider', provider, name: found.name });
    ctx.vault.save();
    await ctx.refresh(`${found.name} is in your list. Give it your account address for it, shown below.`);
  };
  const joinStudy = async (event) => {
    event.preventDefault();
    const text = studyInput.value.trim();
    if (!/^\d+$/.test(text)) return showProblem(studyProblem, 'A study number is a whole number, such as 0 or 12.');
    const study = Number(text);
    if (relationships.some((r) => r.kind === 'study' && r.study === study)) {
      return showProblem(studyProblem, 'This study is already in your list.');
    }
    if ((await ctx.api.rpc.rewards.study(study)).isNone) return showProblem(studyProblem, `There is no open study ${study}.`);
    relationships.push({ kind: 'study', study });
    ctx.vault.save();
    await ctx.refresh(`Study ${study} is in your list.`);
  };

  return h(
    'section',
    { id: 'relationships', 'aria-labelledby': 'relationships-title' },
    h('h2', { id: 'relationships-title' }, 'My providers and studies'),
    h('p', {}, 'You have a separate account for each. Nobody but you can tell that they belong to one person.'),
    ctx.pseudonyms.length
      ? h('ul', { class: 'relationships' }, ctx.pseudonyms.map(pseudonymRow))
      : h('p', {}, 'None yet. Add the hospital or clinic that holds your records.'),
    h(
      'form',
      { novalidate: true, onsubmit: addProvider, 'aria-label': 'Add a provider' },
      field('Add a provider by its address', providerInput, 'The hospital or clinic that holds your records.'),
      providerProblem,
      h('button', { type: 'submit' }, 'Add provider'),
    ),
    h(
      'form',
      { novalidate: true, onsubmit: joinStudy, 'aria-label': 'Join a study' },
      field('Join a research study by its number', studyInput),
      studyProblem,
      h('button', { type: 'submit' }, 'Add study'),
    ),
  );
}
