// Council motions as polkadot.js apps' Governance > Council pages drive them:
// propose, vote, close.
import assert from 'node:assert/strict';

import { eventsOf, submit } from './tx.js';

/**
 * `proposer` proposes `call` with `threshold`; `ayes` vote for, `nays` against; then `proposer`
 * closes the motion. Resolves to the events of the closing block (or of the proposing block when
 * the motion executed at once, which a threshold of 1 does).
 */
export async function runMotion(api, call, { proposer, threshold = 2, ayes = [], nays = [] }) {
  const length = call.encodedLength;
  const proposed = await submit(api, api.tx.council.propose(threshold, call, length), proposer);
  assert.equal(proposed.error, null, 'propose');
  if (eventsOf(proposed.events, 'council', 'Executed').length > 0) return proposed.events;
  const [event] = eventsOf(proposed.events, 'council', 'Proposed');
  assert.ok(event, 'a Proposed event');
  const { proposalHash, proposalIndex } = event.data;

  for (const [voters, approve] of [
    [ayes, true],
    [nays, false],
  ]) {
    for (const voter of voters) {
      const vote = api.tx.council.vote(proposalHash, proposalIndex, approve);
      const { error } = await submit(api, vote, voter);
      assert.equal(error, null, 'vote');
    }
  }

  const weightBound = { refTime: 10n ** 12n, proofSize: 10n ** 6n };
  const close = api.tx.council.close(proposalHash, proposalIndex, weightBound, length);
  const closed = await submit(api, close, proposer);
  assert.equal(closed.error, null, 'close');
  return closed.events;
}

/** The result of the motion's execution among `events`: `null` if it did not execute. */
export function executionResult(events) {
  const [executed] = eventsOf(events, 'council', 'Executed');
  return executed ? executed.data.result : null;
}
