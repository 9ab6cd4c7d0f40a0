// The vault's key worker (a dedicated Web Worker): derives one Argon2id key in its own small
// wasm (kdf_worker/, built by scripts/kdf_worker.mjs) and posts the 32 bytes back. The page ends
// it after each key, so the 64 MiB Argon2id needs leave with it (wasm memory never shrinks).
// Message in: { wasm: URL of its wasm, passcode: Uint8Array (UTF-8, NFC), salt: Uint8Array,
// memoryKib, passes, lanes }. Out: { key: Uint8Array(32) } or { error: a reason's name }.
const KEY_LEN = 32;

async function instantiate(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error('fetch');
  const bytes = await response.arrayBuffer();
  return (await WebAssembly.instantiate(bytes, {})).instance.exports;
}

self.onmessage = async ({ data }) => {
  const { passcode, salt } = data;
  try {
    let x;
    try {
      x = await instantiate(data.wasm);
    } catch {
      self.postMessage({ error: 'load' });
      return;
    }
    const len = passcode.length + salt.length + KEY_LEN;
    const at = x.kdf_alloc(len);
    new Uint8Array(x.memory.buffer, at, len).set(passcode);
    new Uint8Array(x.memory.buffer, at + passcode.length, salt.length).set(salt);
    passcode.fill(0);
    const rc = x.kdf_derive(at, passcode.length, salt.length, data.memoryKib, data.passes, data.lanes);
    // Argon2id grew the memory: view it anew.
    const buffer = new Uint8Array(x.memory.buffer, at, len);
    const key = buffer.slice(len - KEY_LEN);
    buffer.fill(0);
    if (rc !== 0) {
      key.fill(0);
      self.postMessage({ error: rc === 1 ? 'cost' : 'input' });
      return;
    }
    self.postMessage({ key }, [key.buffer]);
  } catch {
    passcode.fill(0);
    self.postMessage({ error: 'derive' });
  }
};
