/**
 * Fingerprint of everything besides the reports that decides what the build writes: the
 * code, the templates, the installed package versions and the site's address. Part of
 * every output file's key, so a change to any of them makes every file again.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INPUTS = ['schema', 'src', 'templates', 'docs', '.eleventy.ts', 'package-lock.json'];

let code: string | undefined;

function codeHash(): string {
  if (code) return code;
  const hash = createHash('sha1');
  const visit = (rel: string): void => {
    const abs = path.join(ROOT, rel);
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      try {
        hash.update(`${rel}\n`).update(readFileSync(abs));
      } catch {
        // Not there: it cannot change the output.
      }
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) visit(path.join(rel, e.name));
  };
  INPUTS.forEach(visit);
  return (code = hash.digest('hex'));
}

/** The fingerprint for a site with this path prefix and public address. */
export function siteFingerprint(pathPrefix: string, siteUrl: string): string {
  return createHash('sha1').update(`${codeHash()}\n${pathPrefix}\n${siteUrl}`).digest('hex');
}
