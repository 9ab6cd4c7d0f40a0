// Shorter import names for the main wasm of a release build (run by scripts/wasm_split.mjs when it
// copies the module into the staging dir). wasm-bindgen names each JS function the wasm imports
// `__wbg_<name>_<16 hex digits>`, and writes each name twice: in the wasm's import section and as
// a key of the import object in its JS. The hex digits do not compress, and the first load carries
// about 250 of them twice. Here each import of wasm-bindgen's own module gets a short name (`a`,
// `b`, … `a0`, …) in both files; imports of the snippets and of the chunk loader keep theirs (the
// JS hands those over as ES module namespaces, whose names are fixed). Any name not found exactly
// once in the JS stops the build rather than ship a module whose imports do not match.

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function readU32(bytes, at) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result >>> 0, at];
    shift += 7;
  }
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function name(text) {
  const utf8 = Buffer.from(text, 'utf8');
  return [...u32(utf8.length), ...utf8];
}

/** Where the import descriptor starting at `at` ends. */
function skipDescriptor(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const [flags, q] = readU32(bytes, p);
    let [, r] = readU32(bytes, q);
    if (flags & 1) [, r] = readU32(bytes, r);
    return r;
  };
  switch (kind) {
    case 0: return readU32(bytes, at)[1]; // function: type index
    case 1: return limits(at + 1); // table: reference type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    case 4: return readU32(bytes, at + 1)[1]; // tag: attribute, type index
    default: throw new Error(`wasm_imports: unknown import kind ${kind}`);
  }
}

/** The n-th short name: a … z, A … Z, then a1 … Z1, a2 …: never a JS keyword (those of one
 * or two characters are letters only). */
export function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const round = Math.floor(n / letters.length);
  return letters[n % letters.length] + (round ? String(round) : '');
}

/** Renames the imports of `module` in `wasm` (bytes) and the same keys in `js`; returns both and
 * how many were renamed. */
export function shortenImports(wasm, js, module) {
  const bytes = Buffer.from(wasm);
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('wasm_imports: not a wasm module');
  let at = 8;
  const parts = [bytes.subarray(0, 8)];
  const renamed = new Map();
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readU32(bytes, at + 1);
    const end = body + size;
    if (id !== 2) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readU32(bytes, body);
    const out = [...u32(count)];
    for (let i = 0; i < count; i++) {
      const [modLen, m0] = readU32(bytes, p);
      const mod = bytes.subarray(m0, m0 + modLen).toString('utf8');
      const [fieldLen, f0] = readU32(bytes, m0 + modLen);
      const field = bytes.subarray(f0, f0 + fieldLen).toString('utf8');
      const d0 = f0 + fieldLen;
      const d1 = skipDescriptor(bytes, d0);
      let next = field;
      if (mod === module) {
        if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
        next = renamed.get(field);
      }
      out.push(...name(mod), ...name(next), ...bytes.subarray(d0, d1));
      p = d1;
    }
    if (p !== end) throw new Error('wasm_imports: the import section did not end where its size said');
    parts.push(Buffer.from([2, ...u32(out.length), ...out]));
    at = end;
  }
  let text = js;
  for (const [old, short] of renamed) {
    const key = new RegExp(`(?<![\\w$])${old.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    const found = text.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`wasm_imports: ${old} is in the JS ${found} times, not once`);
    text = text.replace(key, short);
  }
  const result = Buffer.concat(parts);
  // The module must still be well formed (imports are matched when it is instantiated).
  new WebAssembly.Module(result);
  return { wasm: result, js: text, renamed: renamed.size };
}
