// "Requests waiting for me": providers asking for access; the patient approves or denies each.
import { h } from '../dom.js';
import { actionLabel, countdown, listOf, purposeLabel, categoryLabel } from '../names.js';
import { relationshipName } from '../patient.js';
import { problemLine } from './welcome.js';

const DAY_MS = 86_400_000;

function requestRow(ctx, view, request) {
  const problem = problemLine();
  // A sealed request's sensitive categories, opened with the phrase; one sealed to another key
  // cannot be read, and the patient is told so before answering.
  const categories = [...request.categories, ...(request.sensitive ?? [])];
  const unreadable = request.sealed && request.sensitive === null;
  const who = ctx.name(request.requester);
  const days = Math.max(1, Math.round(request.durationMs / DAY_MS));
  const answer = (approve) =>
    ctx.act(approve ? `You approved ${who}'s request.` : `You denied ${who}'s request.`, problem, () =>
      ctx.queue.send(
        approve ? ctx.api.tx.consent.approveRequest(request.id) : ctx.api.tx.consent.denyRequest(request.id),
        view.pair,
      ));
  return h(
    'li',
    { class: 'request', dataset: { requestId: request.id } },
    h('h3', {}, `${who} asks to ${listOf(request.actions.map(actionLabel))} your ${listOf(categories.map(categoryLabel))}${unreadable ? ' and sensitive records it sealed' : ''}`),
    unreadable
      ? h('p', { class: 'problem' }, 'This request also asks for sensitive records, sealed to a key that is not yours: this app cannot tell which. Deny it unless you know.')
      : null,
    h('p', {}, `For ${listOf(request.purposes.map(purposeLabel))}, for ${days} day${days === 1 ? '' : 's'} from your answer. Records held by ${relationshipName(view.relationship)}. The request lapses ${countdown(request.lapsesAt)}.`),
    problem,
    h('button', { type: 'button', 'aria-label': `Approve request ${request.id}`, onclick: () => answer(true) }, 'Approve'),
    h('button', { type: 'button', class: 'secondary', 'aria-label': `Deny request ${request.id}`, onclick: () => answer(false) }, 'Deny'),
  );
}

/** The section of pending access requests. */
export function requestsSection(ctx) {
  const rows = ctx.pseudonyms.flatMap((view) => view.requests.map((request) => requestRow(ctx, view, request)));
  return h(
    'section',
    { id: 'requests', 'aria-labelledby': 'requests-title' },
    h('h2', { id: 'requests-title' }, 'Requests waiting for me'),
    rows.length ? h('ul', { class: 'requests' }, rows) : h('p', {}, 'No provider is waiting for your answer.'),
  );
}
