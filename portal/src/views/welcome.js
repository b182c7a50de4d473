// The first screens: create a new secret phrase (shown once), restore one, or unlock the one this
// browser keeps encrypted.
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { field, h, replace } from '../dom.js';
import { createVault, forgetVault, hasVault, openVault, passphraseProblem, phraseProblem } from '../vault.js';

const passwordInput = (name, autocomplete) =>
  h('input', { type: 'password', name, autocomplete, required: true, minlength: 8 });

/** A form's problem line: one sentence, announced to screen readers. */
export function problemLine() {
  return h('p', { class: 'problem', role: 'alert', hidden: true });
}

/** Shows `sentence` in `line` (or hides it for null). */
export function showProblem(line, sentence) {
  line.textContent = sentence ?? '';
  line.hidden = !sentence;
}

function passphraseFields() {
  const passphrase = passwordInput('passphrase', 'new-password');
  const again = passwordInput('passphrase-again', 'new-password');
  return {
    passphrase,
    again,
    nodes: [
      field('Passphrase for this browser', passphrase, 'At least 8 characters. It unlocks your secret on this device only.'),
      field('The same passphrase again', again),
    ],
  };
}

function createScreen(root, onOpen) {
  const phrase = mnemonicGenerate(12);
  const written = h('input', { type: 'checkbox', id: 'phrase-written', name: 'phrase-written' });
  const { passphrase, again, nodes } = passphraseFields();
  const problem = problemLine();
  const form = h(
    'form',
    {
      novalidate: true,
      'aria-labelledby': 'create-title',
      onsubmit: async (event) => {
        event.preventDefault();
        if (!written.checked) return showProblem(problem, 'Please write down your secret phrase first, then tick the box.');
        const bad = passphraseProblem(passphrase.value, again.value);
        if (bad) return showProblem(problem, bad);
        onOpen(await createVault(phrase, passphrase.value));
      },
    },
    h('h2', { id: 'create-title' }, 'Your new secret phrase'),
    h('p', {}, 'These 12 words are the one secret behind all your CareChain accounts. Write them on paper, in order, and keep them somewhere safe.'),
    h('p', { class: 'phrase', 'data-testid': 'new-phrase' }, phrase),
    h(
      'ul',
      { class: 'explain' },
      h('li', {}, 'They are shown only now. CareChain cannot show them again or recover them for you.'),
      h('li', {}, 'With them you restore your consents on a new phone or computer.'),
      h('li', {}, 'Anyone who has them can act as you: never type them into a site you do not trust, never share them.'),
    ),
    h('div', { class: 'check' }, written, h('label', { for: 'phrase-written' }, 'I have written down my secret phrase')),
    nodes,
    problem,
    h('button', { type: 'submit' }, 'Keep it in this browser'),
    h('button', { type: 'button', class: 'secondary', onclick: () => welcomeScreen(root, onOpen) }, 'Back'),
  );
  replace(root, form);
  form.querySelector('input')?.focus();
}

function restoreScreen(root, onOpen) {
  const phrase = h('textarea', { name: 'phrase', rows: 3, autocomplete: 'off', spellcheck: 'false', required: true });
  const { passphrase, again, nodes } = passphraseFields();
  const problem = problemLine();
  const form = h(
    'form',
    {
      novalidate: true,
      'aria-labelledby': 'restore-title',
      onsubmit: async (event) => {
        event.preventDefault();
        const bad = phraseProblem(phrase.value) ?? passphraseProblem(passphrase.value, again.value);
        if (bad) return showProblem(problem, bad);
        onOpen(await createVault(phrase.value, passphrase.value));
      },
    },
    h('h2', { id: 'restore-title' }, 'Restore from your secret phrase'),
    field('Your secret phrase', phrase, 'The 12 or 24 words you wrote down, separated by spaces.'),
    nodes,
    problem,
    h('button', { type: 'submit' }, 'Restore'),
    h('button', { type: 'button', class: 'secondary', onclick: () => welcomeScreen(root, onOpen) }, 'Back'),
  );
  replace(root, form);
  phrase.focus();
}

function unlockScreen(root, onOpen) {
  const passphrase = passwordInput('passphrase', 'current-password');
  const problem = problemLine();
  const form = h(
    'form',
    {
      novalidate: true,
      'aria-labelledby': 'unlock-title',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          onOpen(await openVault(passphrase.value));
        } catch (error) {
          showProblem(problem, error.message);
        }
      },
    },
    h('h2', { id: 'unlock-title' }, 'Unlock'),
    h('p', {}, 'Your secret is kept in this browser, encrypted under your passphrase.'),
    field('Passphrase', passphrase),
    problem,
    h('button', { type: 'submit' }, 'Unlock'),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          if (window.confirm('Forget the secret kept in this browser? You can restore it later only with your secret phrase.')) {
            forgetVault();
            welcomeScreen(root, onOpen);
          }
        },
      },
      'Use another secret phrase',
    ),
  );
  replace(root, form);
  passphrase.focus();
}

/** The first screen: unlock when this browser keeps a secret, else create or restore one. */
export function welcomeScreen(root, onOpen) {
  if (hasVault()) return unlockScreen(root, onOpen);
  replace(
    root,
    h(
      'section',
      { 'aria-labelledby': 'welcome-title' },
      h('h2', { id: 'welcome-title' }, 'Welcome'),
      h('p', {}, 'CareChain lets you decide who may use your health records, and shows you every time someone did. You hold one secret phrase; from it this app makes a separate account for each hospital and study, so that nobody can link them.'),
      h('button', { type: 'button', onclick: () => createScreen(root, onOpen) }, 'Create a new secret'),
      h('button', { type: 'button', class: 'secondary', onclick: () => restoreScreen(root, onOpen) }, 'Restore from my secret phrase'),
    ),
  );
  root.querySelector('button')?.focus();
}
