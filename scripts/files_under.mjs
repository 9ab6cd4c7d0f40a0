// Every file under a directory, as sorted paths relative to it with `/`: the walk the post-build
// step, the minification and the size report share.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function filesUnder(dir) {
  const out = [];
  (function walk(d) {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  })(dir);
  return out;
}
