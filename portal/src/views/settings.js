// Break-glass opt-out and erasure, applied to every registered account of the patient (each
// call on its own, spaced apart by the queue).
import { h } from '../dom.js';
import { forgetVault } from '../vault.js';
import { problemLine } from './welcome.js';

/** The emergency-access setting. */
export function emergencySection(ctx) {
  const registered = ctx.pseudonyms.filter((view) => view.record);
  if (!registered.length) return null;
  const allowed = registered.every((view) => view.record.emergencyAccess);
  const problem = problemLine();
  const change = (allow) =>
    ctx.act(allow ? 'Emergency access is allowed again.' : 'Emergency access is now refused on all your accounts.', problem, async () => {
      for (const view of registered) {
        if (view.record.emergencyAccess !== allow) {
          await ctx.queue.send(ctx.api.tx.patientIdentity.setEmergencyAccess(allow), view.pair);
        }
      }
    });
  return h(
    'section',
    { id: 'emergency', 'aria-labelledby': 'emergency-title' },
    h('h2', { id: 'emergency-title' }, 'Emergency access'),
    h('p', {}, allowed
      ? 'Allowed: in an emergency a treating team may open your records without your consent. Every such access is logged, shown to you here, and reviewed by the consortium.'
      : 'Refused: nobody may open your records in an emergency without your consent.'),
    problem,
    h('button', { type: 'button', class: allowed ? 'danger' : null, onclick: () => change(!allowed) },
      allowed ? 'Refuse emergency access' : 'Allow emergency access'),
  );
}

/** "Erase me": deregister every account, then forget the secret kept in this browser. */
export function eraseSection(ctx) {
  const registered = ctx.pseudonyms.filter((view) => view.record);
  const problem = problemLine();
  const erase = () => {
    const warning = 'Erase all your CareChain accounts? Every consent you gave ends at once, your guardians lose their role, you leave your studies, and your access log is deleted. This cannot be undone.';
    if (!window.confirm(warning)) return;
    ctx.act('Your accounts are erased.', problem, async () => {
      for (const view of registered) await ctx.queue.send(ctx.api.tx.patientIdentity.deregister(), view.pair);
      forgetVault();
      ctx.lock();
    });
  };
  return h(
    'section',
    { id: 'erase', 'aria-labelledby': 'erase-title' },
    h('h2', { id: 'erase-title' }, 'Erase me'),
    h('p', {}, 'Deletes your registration from every provider and study, with every consent and the access log. Providers keep the records they hold under the law.'),
    problem,
    h('button', { type: 'button', class: 'danger', onclick: erase }, 'Erase all my accounts'),
  );
}
