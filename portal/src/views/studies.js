// "My studies and rewards": each study pseudonym, its enrolment (a research consent) and the
// reward paid to it.
import { formatBalance } from '@polkadot/util';
import { openStudyTags, patientEncryptionKeyPair, sealSaltTo } from 'carechain-pseudonyms';
import { h } from '../dom.js';
import { categoryLabel, listOf, when } from '../names.js';
import { problemLine, showProblem } from './welcome.js';

/**
 * Enrolment in a study of sensitive data: the patient types the protocol code (the salt the
 * institute printed on the study's information sheet); the app checks it against the study's
 * tags on chain, says which sensitive records the study uses, and enrols with the salt sealed
 * to the patient's own key and the institute's, so the consent opens again with the phrase.
 */
function sealedEnrolment(ctx, view, problem) {
  const { study, relationship } = view;
  const code = h('input', { type: 'text', name: 'protocol-code', autocomplete: 'off', spellcheck: 'false' });
  const enrol = async (event) => {
    event.preventDefault();
    const text = code.value.trim();
    if (!/^0x[0-9a-fA-F]{64}$/.test(text)) {
      return showProblem(problem, 'A protocol code is 0x followed by 64 letters and digits, as the study\'s information sheet prints it.');
    }
    let sensitive;
    try {
      sensitive = openStudyTags(text, study.sealedTags);
    } catch {
      return showProblem(problem, 'This protocol code is not the one of this study: check the information sheet.');
    }
    // Read afresh, not from the names cache: the key may have been published since.
    const institute = (await ctx.api.rpc.providers.get(study.institute)).toJSON();
    if (!institute?.encryptionKey) {
      return showProblem(problem, 'The institute has published no encryption key yet, so it could not read what you share. Try again later.');
    }
    const ownKey = await patientEncryptionKeyPair(ctx.vault.contents.phrase, view.address);
    const salts = await sealSaltTo(text, [ownKey.publicKey, institute.encryptionKey]);
    const uses = listOf([...study.categories, ...sensitive].map(categoryLabel));
    await ctx.act(`You enrolled in study ${relationship.study}; it uses your ${uses}.`, problem, () =>
      ctx.queue.send(ctx.api.tx.dataRewards.enrollSealed(relationship.study, salts), view.pair));
  };
  return h(
    'form',
    { novalidate: true, 'aria-label': `Enrol in study ${relationship.study}`, onsubmit: enrol },
    h('p', {}, 'This study also uses sensitive records, which its protocol names. Enter the protocol code from its information sheet: this app checks it against the chain before you enrol.'),
    h('label', {}, 'Protocol code', code),
    h('button', { type: 'submit' }, `Enrol in study ${relationship.study}`),
  );
}

function studyRow(ctx, view) {
  const problem = problemLine();
  const { study, enrolment, relationship } = view;
  const amount = (value) => formatBalance(BigInt(value), { decimals: ctx.api.registry.chainDecimals[0], withUnit: ctx.api.registry.chainTokens[0] });
  const lines = [];
  if (study) {
    const uses = [...study.categories.map(categoryLabel), ...(study.sealedTags ? ['sensitive records its protocol names'] : [])];
    lines.push(h('p', {}, `Uses your ${listOf(uses)}; pays ${amount(study.rewardPerParticipant)}; enrolment ends ${when(study.enrollmentEndsAt)}.`));
  }
  let action = null;
  if (!view.record) lines.push(h('p', {}, 'Ask the institute to onboard your account for this study before you enrol.'));
  else if (!enrolment && study?.sealedTags) {
    action = sealedEnrolment(ctx, view, problem);
  } else if (!enrolment) {
    action = h('button', { type: 'button', onclick: () => ctx.act(`You enrolled in study ${relationship.study}.`, problem, () => ctx.queue.send(ctx.api.tx.dataRewards.enroll(relationship.study), view.pair)) }, `Enrol in study ${relationship.study}`);
  } else {
    const reward = study ? amount(study.rewardPerParticipant) : 'the reward';
    lines.push(h('p', { class: 'status' }, enrolment.paid
      ? `Enrolled; your reward of ${reward} was paid to your account for this study.`
      : `Enrolled; ${reward} is paid to your account for this study when the institute confirms your contribution.`));
    action = h('button', { type: 'button', class: 'danger', onclick: () => ctx.act(`You left study ${relationship.study}; its consent is revoked.`, problem, () => ctx.queue.send(ctx.api.tx.dataRewards.withdraw(relationship.study), view.pair)) }, `Leave study ${relationship.study}`);
  }
  return h('li', { class: 'study' }, h('h3', {}, `Study ${relationship.study}`), lines, problem, action);
}

/** The section of the patient's studies (null when they joined none). */
export function studiesSection(ctx) {
  const studies = ctx.pseudonyms.filter((view) => view.relationship.kind === 'study');
  if (!studies.length) return null;
  return h(
    'section',
    { id: 'studies', 'aria-labelledby': 'studies-title' },
    h('h2', { id: 'studies-title' }, 'My studies and rewards'),
    h('ul', { class: 'studies' }, studies.map((view) => studyRow(ctx, view))),
  );
}
