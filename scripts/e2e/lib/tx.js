// Submitting extrinsics the way polkadot.js apps does, and waiting for their outcome.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The well-known development accounts (sr25519, `//Alice` ...). */
export async function devAccounts() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  const accounts = names.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]);
  // The stashes of Alice, Bob and Charlie: the demo supply chain's organisations.
  const stashes = names.slice(0, 3).map((n) => [`${n.toLowerCase()}Stash`, keyring.addFromUri(`//${n}//stash`)]);
  return Object.fromEntries([...accounts, ...stashes]);
}

/**
 * A fresh sr25519 account no one has used yet; its secret URI is `suri` (for the command-line
 * tools, which take `--key`).
 */
export async function freshAccount(name = 'fresh') {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const suri = `//${name}/${Date.now()}/${Math.random()}`;
  return Object.assign(keyring.addFromUri(suri), { suri });
}

/** The free balance of `address`, in plancks. */
export async function freeBalance(api, address) {
  return (await api.query.system.account(address)).data.free.toBigInt();
}

/** A fresh account that `funder` sends `amount` plancks (to pay deposits and fees). */
export async function fundedAccount(api, funder, name, amount) {
  const account = await freshAccount(name);
  const tx = api.tx.balances.transferKeepAlive(account.address, amount);
  const { error } = await submit(api, tx, funder);
  if (error) throw new Error(`funding ${name}: ${error}`);
  return account;
}

/** Decodes a failed dispatch into `section.Name`, or returns the raw error text. */
export function dispatchErrorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.toString();
}

/** How long `submit` waits for its transaction's block before it gives up. */
const SUBMIT_TIMEOUT_MS = 180_000;

/**
 * Signs and submits `tx` with `signer` and resolves once it is in a block (or finalized when
 * `finalized` is set): `{ blockHash, events, error }`, where `error` names a failed dispatch.
 * Rejects if the pool refuses the transaction, or if no block takes it within `timeoutMs` (a
 * subscription lost with its WebSocket would otherwise wait forever).
 */
export function submit(api, tx, signer, { finalized = false, timeoutMs = SUBMIT_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`transaction not ${finalized ? 'finalized' : 'in a block'} after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      const done = finalized ? status.isFinalized : status.isInBlock;
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        clearTimeout(timer);
        unsubscribe();
        reject(new Error(`transaction ${status.type}`));
      } else if (done) {
        clearTimeout(timer);
        unsubscribe();
        resolve({
          blockHash: finalized ? status.asFinalized : status.asInBlock,
          events: events.map(({ event }) => event),
          error: dispatchError ? dispatchErrorName(api, dispatchError) : null,
        });
      }
    })
      .then((unsub) => (unsubscribe = unsub))
      .catch((error) => {
        clearTimeout(timer);
        reject(error);
      });
  });
}

/** The events of `section.method` among `events`. */
export function eventsOf(events, section, method) {
  return events.filter((e) => e.section === section && e.method === method);
}
