// "Who used my records": every access logged against the patient's consents, with a badge per
// account saying whether the entries hash to the head the chain keeps (recomputed here, in the
// page), and an alert when break-glass access was used.
import { h } from '../dom.js';
import { actionLabel, categoryLabel, purposeLabel, when } from '../names.js';
import { relationshipName } from '../patient.js';

const BADGES = {
  verified: { text: 'Verified: this log is the one the chain keeps', class: 'badge verified' },
  tampered: { text: 'Warning: this log does not match the chain. Someone may have changed it; do not trust it.', class: 'badge tampered' },
  unchecked: { text: 'Not checked: older entries are no longer kept by the node, and this browser has not checked them before.', class: 'badge unchecked' },
};

function badge(view) {
  const { text, class: className } = BADGES[view.logCheck.status];
  return h('p', { class: className, dataset: { logStatus: view.logCheck.status }, role: view.logCheck.status === 'tampered' ? 'alert' : null }, `${relationshipName(view.relationship)}: ${text}`);
}

/** The break-glass alerts: one per emergency consent opened on any of the patient's accounts. */
export function breakGlassAlerts(ctx) {
  const emergencies = ctx.pseudonyms.flatMap((view) =>
    view.consents.filter((consent) => consent.kind === 'emergency').map((consent) => ({ view, consent })));
  if (!emergencies.length) return null;
  return h(
    'section',
    { class: 'alert', role: 'alert', 'aria-labelledby': 'break-glass-title' },
    h('h2', { id: 'break-glass-title' }, 'Emergency access was used on you'),
    h(
      'ul',
      {},
      emergencies.map(({ view, consent }) =>
        h('li', {}, `${when(consent.createdAt)}: ${ctx.name(consent.grantee)} opened your records held by ${relationshipName(view.relationship)} in an emergency. The consortium reviews every such access.`)),
    ),
  );
}

/** The section of the patient's access log. */
export function accessLogSection(ctx) {
  const logged = ctx.pseudonyms.filter((view) => view.log);
  const rows = logged.flatMap((view) => view.log.recent.map((entry) => ({ view, entry })));
  rows.sort((a, b) => b.entry.time - a.entry.time);
  return h(
    'section',
    { id: 'access-log', 'aria-labelledby': 'log-title' },
    h('h2', { id: 'log-title' }, 'Who used my records'),
    logged.map(badge),
    rows.length
      ? h(
          'table',
          {},
          h('caption', {}, 'Every access a provider logged, newest first'),
          h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Did', 'For', 'Under consent'].map((title) => h('th', { scope: 'col' }, title)))),
          h(
            'tbody',
            {},
            rows.map(({ entry }) =>
              h(
                'tr',
                { class: 'access' },
                h('td', {}, when(entry.time)),
                h('td', {}, ctx.name(entry.accessor)),
                h('td', {}, categoryLabel(entry.category)),
                h('td', {}, actionLabel(entry.action)),
                h('td', {}, purposeLabel(entry.purpose)),
                h('td', {}, String(entry.consentId)),
              )),
          ),
        )
      : h('p', {}, 'Nobody has used your records yet.'),
  );
}
