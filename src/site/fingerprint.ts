/**
 * Fingerprint of everything besides the reports that decides what the build writes: the
 * code, the templates, the installed package versions and the site's address. Part of
 * every output file's key, so a change to any of them makes every file again.
 */
import { createHash } from 'node:crypto';
import { hashTree } from '../load/cache.ts';

const INPUTS = ['schema', 'src', 'templates', 'docs', '.eleventy.ts', 'package-lock.json'];

let code: string | undefined;

function codeHash(): string {
  return (code ??= hashTree(INPUTS));
}

/** The fingerprint for a site with this path prefix and public address. */
export function siteFingerprint(pathPrefix: string, siteUrl: string): string {
  return createHash('sha1').update(`${codeHash()}\n${pathPrefix}\n${siteUrl}`).digest('hex');
}
