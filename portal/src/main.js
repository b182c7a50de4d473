// The patient app: unlock the secret, read every pseudonym's state from the node, show it, and
// act on it. Each section is its own module under views/.
import { connect, TxQueue } from './chain.js';
import { h, replace, resetIds } from './dom.js';
import { shortAddress } from './names.js';
import { loadPatient } from './patient.js';
import { accessLogSection, breakGlassAlerts } from './views/access-log.js';
import { checkAccessSection } from './views/check-access.js';
import { consentsSection } from './views/consents.js';
import { guardiansSection } from './views/guardians.js';
import { relationshipsSection } from './views/relationships.js';
import { requestsSection } from './views/requests.js';
import { emergencySection, eraseSection } from './views/settings.js';
import { studiesSection } from './views/studies.js';
import { showProblem, welcomeScreen } from './views/welcome.js';

const DEFAULT_NODE = 'ws://127.0.0.1:9944';
/** Reload the page's data every this many new blocks, unless the patient is typing. */
const REFRESH_EVERY_BLOCKS = 2;

const root = document.getElementById('app');
const status = document.getElementById('status');
const nodeLine = document.getElementById('node');

/** The node this page talks to: `?node=` in the address, else the last one used, else a local node. */
function nodeUrl() {
  const asked = new URLSearchParams(window.location.search).get('node');
  if (asked) localStorage.setItem('carechain-portal/node', asked);
  return asked ?? localStorage.getItem('carechain-portal/node') ?? DEFAULT_NODE;
}

const say = (sentence) => {
  status.textContent = sentence;
};

let api = null;
let session = null;

async function ensureConnected() {
  if (api?.isConnected) return api;
  const url = nodeUrl();
  nodeLine.textContent = `Connecting to ${url}…`;
  try {
    api = await connect(url);
    nodeLine.textContent = `Connected to ${url}`;
    return api;
  } catch (error) {
    nodeLine.textContent = error.message;
    throw error;
  }
}

function lock() {
  session?.stop?.();
  session = null;
  welcomeScreen(root, open);
}

async function open(vault) {
  say('Unlocked.');
  replace(root, h('p', {}, 'Reading your accounts from the chain…'));
  let connected;
  try {
    connected = await ensureConnected();
  } catch (error) {
    replace(
      root,
      h('p', { class: 'problem', role: 'alert' }, error.message),
      h('button', { type: 'button', onclick: () => open(vault) }, 'Try again'),
    );
    return;
  }
  session = new Session(connected, vault);
  await session.start();
}

/** One unlocked patient: the data read from the chain and the rendered page. */
class Session {
  constructor(api, vault) {
    this.api = api;
    this.vault = vault;
    this.queue = new TxQueue(api);
    this.pseudonyms = [];
    this.providers = new Map();
    this.busy = 0;
    this.dirty = false;
    this.stopHeads = null;
    this.rendered = false;
    this.closed = false;
  }

  async start() {
    await this.refresh();
    let blocks = 0;
    try {
      this.stopHeads = await this.api.rpc.chain.subscribeNewHeads(() => {
        blocks += 1;
        if (blocks % REFRESH_EVERY_BLOCKS === 0 && !this.busy && !this.dirty) {
          this.refresh(undefined, { automatic: true }).catch(() => {});
        }
      });
    } catch {
      say('This node does not announce new blocks: use Refresh to see changes.');
    }
  }

  /** Ends the session (lock, erase): nothing is read, rendered or saved after it. */
  stop() {
    this.closed = true;
    this.stopHeads?.();
  }

  /** The registered provider (or staff member) at `address` as `providers_get` answers, cached. */
  async provider(address) {
    if (!this.providers.has(address)) {
      const answer = await this.api.rpc.providers.get(address);
      this.providers.set(address, answer.isSome ? answer.unwrap().toJSON() : null);
    }
    return this.providers.get(address);
  }

  /** The name of `address` for people: the provider's registered name, or a short address. */
  name(address) {
    const found = this.providers.get(address);
    if (found?.name) return found.name;
    const own = this.pseudonyms.find((view) => view.address === address);
    return own ? 'you' : shortAddress(address);
  }

  /** Runs `action` (a transaction), then says `done`, or shows its failure in `problem`. */
  async act(done, problem, action) {
    this.busy += 1;
    showProblem(problem, null);
    say('Sending…');
    try {
      await action();
      say(done);
      if (this.closed) return;
      this.dirty = false;
      await this.refresh(done);
    } catch (error) {
      say('');
      showProblem(problem, error.message);
    } finally {
      this.busy -= 1;
    }
  }

  /**
   * Reads everything again and renders the page; `done` is announced afterwards. An `automatic`
   * refresh (new blocks) does not render over a patient busy with a form or an action.
   */
  async refresh(done, { automatic = false } = {}) {
    if (this.closed) return;
    let pseudonyms;
    try {
      pseudonyms = await loadPatient(this.api, this.vault);
    } catch (error) {
      if (this.closed) return;
      const sentence = `The node could not answer: ${error.message}`;
      if (this.rendered) say(sentence);
      else {
        replace(
          root,
          h('p', { class: 'problem', role: 'alert' }, sentence),
          h('button', { type: 'button', onclick: () => this.refresh() }, 'Try again'),
        );
      }
      return;
    }
    if (this.closed) return;
    this.pseudonyms = pseudonyms;
    this.vault.save();
    const addresses = new Set();
    for (const view of this.pseudonyms) {
      for (const consent of view.consents) addresses.add(consent.grantee);
      for (const request of view.requests) addresses.add(request.requester);
      for (const entry of view.log?.recent ?? []) addresses.add(entry.accessor);
    }
    await Promise.all([...addresses].map((address) => this.provider(address).catch(() => null)));
    if (this.closed) return;
    // An automatic refresh that finishes after the patient began typing or acting would
    // re-render the forms empty under their hands: it gives way, and the next one shows the news.
    if (automatic && (this.dirty || this.busy)) return;
    this.render();
    if (done) say(done);
  }

  render() {
    const focused = document.activeElement?.id || null;
    resetIds();
    const page = h(
      'div',
      { class: 'dashboard' },
      h(
        'nav',
        { 'aria-label': 'Sections' },
        h(
          'ul',
          {},
          [
            ['#relationships', 'Providers and studies'],
            ['#requests', 'Requests'],
            ['#consents', 'Consents'],
            ['#access-log', 'Access log'],
            ['#guardians', 'Guardians'],
            ['#emergency', 'Emergency access'],
            ['#erase', 'Erase me'],
          ].map(([href, text]) => h('li', {}, h('a', { href }, text))),
        ),
        h('button', {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            this.dirty = false;
            return this.refresh('Up to date.');
          },
        }, 'Refresh'),
        h('button', { type: 'button', class: 'secondary', onclick: () => lock() }, 'Lock'),
      ),
      breakGlassAlerts(this),
      relationshipsSection(this),
      requestsSection(this),
      consentsSection(this),
      checkAccessSection(this),
      accessLogSection(this),
      studiesSection(this),
      guardiansSection(this),
      emergencySection(this),
      eraseSection(this),
    );
    page.addEventListener('input', () => {
      this.dirty = true;
    });
    replace(root, page);
    this.rendered = true;
    if (focused) document.getElementById(focused)?.focus();
  }

  lock() {
    lock();
  }
}

welcomeScreen(root, open);
ensureConnected().catch(() => {});
