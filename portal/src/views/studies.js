// "My studies and rewards": each study pseudonym, its enrolment (a research consent) and the
// reward paid to it.
import { formatBalance } from '@polkadot/util';
import { h } from '../dom.js';
import { categoryLabel, listOf, when } from '../names.js';
import { problemLine } from './welcome.js';

function studyRow(ctx, view) {
  const problem = problemLine();
  const { study, enrolment, relationship } = view;
  const amount = (value) => formatBalance(BigInt(value), { decimals: ctx.api.registry.chainDecimals[0], withUnit: ctx.api.registry.chainTokens[0] });
  const lines = [];
  if (study) {
    lines.push(h('p', {}, `Uses your ${listOf(study.categories.map(categoryLabel))}; pays ${amount(study.rewardPerParticipant)}; enrolment ends ${when(study.enrollmentEndsAt)}.`));
  }
  let action = null;
  if (!view.record) lines.push(h('p', {}, 'Ask the institute to onboard your account for this study before you enrol.'));
  else if (!enrolment) {
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
