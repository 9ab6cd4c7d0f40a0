// Runs one Argon2id derivation in the vault's key worker (public/kdf_worker.js, its wasm from
// kdf_worker/) and ends the worker, so the 64 MiB it grew leave with it. The build names both
// files, content-hashed, in <meta name="senda-kdf-worker"> (scripts/kdf_worker.mjs). Rejects
// with a reason's name: 'no-worker', 'load', 'timeout', 'cost', 'input', 'derive'.
const TIMEOUT_MS = 120000;

export function deriveInWorker(passcode, salt, memoryKib, passes, lanes) {
  return new Promise((resolve, reject) => {
    const meta = document.querySelector('meta[name="senda-kdf-worker"]');
    let worker;
    try {
      if (!meta || typeof Worker !== 'function') throw new Error('no-worker');
      const [script, wasm] = meta.content.split(' ');
      worker = new Worker(new URL(script, document.baseURI));
      const end = (settle, value) => { clearTimeout(timer); worker.terminate(); settle(value); };
      const timer = setTimeout(() => end(reject, 'timeout'), TIMEOUT_MS);
      worker.onmessage = ({ data }) => (data && data.key ? end(resolve, data.key) : end(reject, (data && data.error) || 'derive'));
      worker.onerror = (e) => { e.preventDefault(); end(reject, 'load'); };
      worker.postMessage({ wasm: new URL(wasm, document.baseURI).href, passcode, salt, memoryKib, passes, lanes }, [passcode.buffer]);
    } catch {
      passcode.fill(0);
      if (worker) worker.terminate();
      reject('no-worker');
    }
  });
}
