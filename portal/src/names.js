// What the patient reads instead of CareChain's codes: data categories, purposes of use and
// actions in plain English, the sensitive categories marked (SPEC 2, PRIVACY.md goal 2).
import { ACTIONS, CATEGORIES, PURPOSES } from '../../scripts/e2e/carechain-rpc.js';

export { ACTIONS, CATEGORIES, PURPOSES };

/** The categories PRIVACY.md calls sensitive (sealed on chain by "Patient privacy II"). */
export const SENSITIVE = new Set(['MentalHealth', 'SubstanceUse', 'SexualReproductive', 'Genomics', 'Hiv']);

const CATEGORY_LABELS = {
  Demographics: 'Demographics',
  Allergies: 'Allergies',
  Medications: 'Medications',
  Conditions: 'Conditions',
  Immunizations: 'Immunizations',
  LabResults: 'Lab results',
  VitalSigns: 'Vital signs',
  Imaging: 'Imaging',
  Procedures: 'Procedures',
  ClinicalNotes: 'Clinical notes',
  CarePlans: 'Care plans',
  Encounters: 'Visits',
  Billing: 'Billing',
  MentalHealth: 'Mental health',
  SubstanceUse: 'Substance use',
  SexualReproductive: 'Sexual and reproductive health',
  Genomics: 'Genomics',
  Hiv: 'HIV',
};

const PURPOSE_LABELS = {
  TREAT: 'Treatment',
  ETREAT: 'Emergency treatment',
  HPAYMT: 'Payment',
  HOPERAT: 'Healthcare operations',
  HRESCH: 'Research',
  PUBHLTH: 'Public health',
  PATRQT: 'At my request',
};

/** A category's name for people, with "(sensitive)" after the sensitive ones. */
export function categoryLabel(category) {
  // A sealed entry whose consent this app could not open (cleaned up after its expiry).
  if (category === 'sealed') return 'A sensitive category (sealed)';
  const label = CATEGORY_LABELS[category] ?? category;
  return SENSITIVE.has(category) ? `${label} (sensitive)` : label;
}

/** A purpose-of-use code's name for people. */
export const purposeLabel = (purpose) => PURPOSE_LABELS[purpose] ?? purpose;

/** `read` / `write` for people. */
export const actionLabel = (action) => (action === 'write' ? 'add to' : 'read');

/** A list of names for people: "a, b and c". */
export function listOf(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A time (unix ms) as the patient's local date and time. */
export const when = (ms) =>
  new Date(Number(ms)).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** How long until `ms` (unix ms) from `now`, in words: "in 3 days", "in 5 hours", "ended". */
export function countdown(ms, now = Date.now()) {
  const left = Number(ms) - now;
  if (left <= 0) return 'ended';
  const minutes = Math.floor(left / 60_000);
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.floor(hours / 24);
  return `in ${days} days`;
}

/** A short form of an address for display: first six and last four characters. */
export const shortAddress = (address) => `${address.slice(0, 6)}…${address.slice(-4)}`;
