// Renders public/icons/icon.svg into the PNG icons the manifest lists, with Debian's Chromium.
// Run by hand after changing the SVG (`node scripts/make-icons.mjs`); the PNGs are committed.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const svg = readFileSync('public/icons/icon.svg', 'utf8');
const dataUrl = 'data:image/svg+xml;base64,' + Buffer.from(svg).toString('base64');
// Maskable: full-bleed brand colour, motif inside the 80 % safe circle.
const page = (size, maskable) => `<!doctype html><html><body style="margin:0">
  <div style="width:${size}px;height:${size}px;background:${maskable ? '#0c5c57' : 'transparent'};display:grid;place-items:center">
  <img src="${dataUrl}" style="width:${maskable ? size * 0.78 : size}px;height:${maskable ? size * 0.78 : size}px"></div></body></html>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [name, size, maskable] of [
  ['icon-192', 192, false], ['icon-512', 512, false], ['maskable-192', 192, true], ['maskable-512', 512, true],
]) {
  const p = await browser.newPage({ viewport: { width: size, height: size } });
  await p.setContent(page(size, maskable));
  await p.screenshot({ path: `public/icons/${name}.png`, omitBackground: !maskable });
  await p.close();
}
await browser.close();
console.log('icons written to public/icons/');
