// The patient app's connection to a CareChain node: party-signed reads (a pseudonym signs each
// read of its own data, "Patient privacy I") and transactions, one at a time, spaced so that
// calls of two pseudonyms never share a block (sharing one would hint they are one person).
import { ApiPromise, WsProvider } from '@polkadot/api';
import { rpc, signedRead } from '../../scripts/e2e/carechain-rpc.js';

/** How long the app waits for a node to answer before it says so. */
const CONNECT_TIMEOUT_MS = 8_000;

/**
 * Connects to the node at `url`; throws a sentence when it cannot be reached.
 */
export async function connect(url) {
  if (!/^wss?:\/\/[^\s]+$/.test(url)) {
    throw new Error(`"${url}" is not a node address: it starts with ws:// or wss://.`);
  }
  // Reconnects by itself after a drop; the first connection must come within the timeout.
  const provider = new WsProvider(url, 2_500);
  const unreachable = () =>
    new Error(`The CareChain node at ${url} cannot be reached. Check your connection, or try again later.`);
  try {
    await Promise.race([
      provider.isReady,
      new Promise((_, reject) => {
        provider.on('error', () => reject(unreachable()));
        setTimeout(() => reject(unreachable()), CONNECT_TIMEOUT_MS);
      }),
    ]);
    return await Promise.race([
      ApiPromise.create({ provider, rpc, noInitWarn: true }),
      new Promise((_, reject) => setTimeout(() => reject(unreachable()), CONNECT_TIMEOUT_MS)),
    ]);
  } catch (error) {
    await provider.disconnect().catch(() => {});
    throw error.message?.includes(url) ? error : unreachable();
  }
}

/** `pair` reads `method(params)` of its own data: the node answers only a party. */
export async function partyRead(api, pair, method, params) {
  const auth = await signedRead(api, pair, method, params);
  const [section, name] = method.split('_');
  const answer = await api.rpc[section][name](...params, auth);
  return answer.toJSON();
}

/** The sentence a refused transaction means to a patient. */
export function refusalSentence(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
    const why = docs.join(' ').trim();
    return why ? `The chain refused this: ${why}` : `The chain refused this (${section}.${name}).`;
  }
  if (dispatchError.isBadOrigin) return 'The chain refused this: this account may not make that call.';
  return `The chain refused this (${dispatchError.type}).`;
}

/** The sentence a transaction the pool refused means to a patient. */
function poolSentence(error) {
  const text = String(error?.message ?? error);
  if (/Inability to pay some fees|Invalid Transaction: Payment/.test(text)) {
    return 'You have no fee-free calls left today, and this pseudonym holds no tokens to pay a fee. Try again tomorrow.';
  }
  if (/Custom error: 1\b/.test(text)) return 'The chain would refuse this call, so it was not sent.';
  if (/Custom error: 0\b/.test(text)) return 'You have no fee-free calls left today. Try again tomorrow.';
  if (/Stale|Future/.test(text)) return 'The chain was busy with an earlier call; please try again.';
  return `The node did not accept the call: ${text}`;
}

/**
 * Sends transactions one at a time. When the signer differs from the previous one, it first
 * waits until a block has passed after the one that included the previous call, so two
 * pseudonyms' calls never share a block (nor follow in the next one).
 */
export class TxQueue {
  #api;
  #tail = Promise.resolve();
  #lastSigner = null;
  #lastBlock = 0;

  constructor(api) {
    this.#api = api;
  }

  /**
   * Sends `tx` signed by `pair`; resolves with its events, throws a sentence. A call of another
   * pseudonym than the previous one waits until a whole block lies between the two.
   */
  send(tx, pair) {
    const run = this.#tail.then(() => this.#send(tx, pair));
    this.#tail = run.catch(() => {});
    return run;
  }

  async #send(tx, pair) {
    if (this.#lastSigner !== null && this.#lastSigner !== pair.address) await this.#blockAfter(this.#lastBlock + 1);
    this.#lastSigner = pair.address;
    const api = this.#api;
    const included = await new Promise((resolve, reject) => {
      let unsubscribe = null;
      tx.signAndSend(pair, { nonce: -1 }, (result) => {
        if (result.isError || result.status.isDropped || result.status.isInvalid || result.status.isUsurped) {
          unsubscribe?.();
          reject(new Error('The node dropped the call; please try again.'));
        } else if (result.status.isInBlock) {
          unsubscribe?.();
          resolve(result);
        }
      })
        .then((stop) => {
          unsubscribe = stop;
        })
        .catch((error) => reject(new Error(poolSentence(error))));
    });
    const header = await api.rpc.chain.getHeader(included.status.asInBlock);
    this.#lastBlock = header.number.toNumber();
    const failed = included.events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
    if (failed) throw new Error(refusalSentence(api, failed.event.data[0]));
    const guardianActed = included.events.find(({ event }) => event.section === 'patientIdentity' && event.method === 'GuardianActed');
    if (guardianActed && guardianActed.event.data.result.isErr) {
      throw new Error(refusalSentence(api, guardianActed.event.data.result.asErr));
    }
    return included.events;
  }

  async #blockAfter(number) {
    const api = this.#api;
    await new Promise((resolve) => {
      let stop = null;
      api.rpc.chain
        .subscribeNewHeads((header) => {
          if (header.number.toNumber() > number) {
            stop?.();
            stop = () => {};
            resolve();
          }
        })
        .then((unsubscribe) => {
          if (stop) unsubscribe();
          else stop = unsubscribe;
        });
    });
  }
}
