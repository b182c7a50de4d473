// The patient app is a folder of static files (`npm run build` writes `dist/`). It shares two
// modules with the e2e tests: the pseudonym derivation (`carechain-pseudonyms`) and the RPC
// definitions (`scripts/e2e/carechain-rpc.js`); both import the @polkadot packages, which are
// resolved once, from this folder, so the page carries one copy of each.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  resolve: {
    dedupe: ['@polkadot/api', '@polkadot/keyring', '@polkadot/util', '@polkadot/util-crypto'],
  },
  server: { fs: { allow: ['..'] } },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
});
