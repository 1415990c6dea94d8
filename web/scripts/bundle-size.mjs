// `make bench`: the JavaScript a browser downloads to sign in and draw the board (the entry
// chunk and everything it imports statically), gzip-compressed, against the 250 KB budget; and
// the chunks loaded only on demand (the identity provider's sign-in, later reports and admin).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = 'dist';
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const gzip = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

const initial = new Set();
const visit = (chunk) => {
  if (initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const key of chunk.imports ?? []) visit(manifest[key]);
};
visit(entry);

const kb = (bytes) => (bytes / 1024).toFixed(1);
const shipped = [...initial].reduce((sum, file) => sum + gzip(file), 0);
console.log(`console JS for sign-in + board (gzip): ${kb(shipped)} KB of ${BUDGET_KB} KB budget`);
for (const file of initial) console.log(`  ${file}: ${kb(gzip(file))} KB`);
const lazy = Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js') && !initial.has(chunk.file));
for (const chunk of lazy) console.log(`  on demand ${chunk.file} (${chunk.name ?? chunk.src}): ${kb(gzip(chunk.file))} KB`);
if (shipped > BUDGET_KB * 1024) {
  console.error(`over budget by ${kb(shipped - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
