// Pixels for the QR tests: a PNG screenshot decoded to RGBA (Chromium's: 8-bit, not interlaced),
// read by jsQR (a decoder that is not the app's), and a fake camera's video (.y4m: a header, then
// YUV 4:2:0 frames) that shows a picture centred on a grey ground, for Chromium's
// --use-file-for-fake-video-capture.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import jsQRModule from 'jsqr';

const jsQR = jsQRModule.default || jsQRModule;

/** `{ width, height, data }` (RGBA bytes) of a PNG. */
export function decodePng(png) {
  assert.equal(png.toString('latin1', 1, 4), 'PNG', 'not a PNG');
  let pos = 8;
  let width, height, type;
  const idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const kind = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      type = data[9];
      assert.equal(data[8], 8, 'an 8-bit PNG');
      assert.equal(data[12], 0, 'not interlaced');
    } else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    pos += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[type];
  assert.ok(channels, `PNG colour type ${type}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let p = 0;
      if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const q = a + b - c;
        const [pa, pb, pc] = [Math.abs(q - a), Math.abs(q - b), Math.abs(q - c)];
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = (line[i] + p) & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const s = x * channels;
      if (channels >= 3) [out[o], out[o + 1], out[o + 2]] = [cur[s], cur[s + 1], cur[s + 2]];
      else out[o] = out[o + 1] = out[o + 2] = cur[s];
      out[o + 3] = channels === 4 ? cur[s + 3] : channels === 2 ? cur[s + 1] : 255;
    }
    prev = cur;
  }
  return { width, height, data: out };
}

/** The text of the QR code in an RGBA image, as jsQR reads it (null: none found). */
export function readQr({ width, height, data }) {
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height);
  return found ? found.data : null;
}

/** Luma (BT.601) of RGBA pixels. */
export function luma({ width, height, data }) {
  const y = Buffer.alloc(width * height);
  for (let i = 0; i < y.length; i++) {
    y[i] = Math.round(0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2]);
  }
  return { width, height, y };
}

/** An RGBA image of a module matrix (rows of '#' dark and '.' light), `scale` px a module. */
export function fromModules(rows, scale) {
  const side = rows.length * scale;
  const data = Buffer.alloc(side * side * 4, 255);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      if (rows[Math.floor(py / scale)][Math.floor(px / scale)] === '#') {
        const o = (py * side + px) * 4;
        data[o] = data[o + 1] = data[o + 2] = 0;
      }
    }
  }
  return { width: side, height: side, data };
}

/** Writes a .y4m of `frames` frames, `w` × `h`, showing `picture` (RGBA) centred on grey. */
export function writeY4m(path, picture, { w = 640, h = 480, frames = 10 } = {}) {
  const { y: pic } = luma(picture);
  const plane = Buffer.alloc(w * h, 110);
  const [x0, y0] = [Math.floor((w - picture.width) / 2), Math.floor((h - picture.height) / 2)];
  assert.ok(x0 >= 0 && y0 >= 0, `the picture (${picture.width}×${picture.height}) fits the frame`);
  for (let y = 0; y < picture.height; y++) {
    pic.copy(plane, (y0 + y) * w + x0, y * picture.width, (y + 1) * picture.width);
  }
  const chroma = Buffer.alloc((w / 2) * (h / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), plane, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array(frames).fill(frame)]));
}
