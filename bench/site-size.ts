/**
 * What a built site is made of, by kind of file: count and bytes of report pages, data files,
 * region summaries and agency histories (each: pages of their own, and the small pages left at
 * folded pages' addresses — src/summary/fold.ts), the search index and the rest. Printed by
 * `npm run bench` after a build from nothing; `tsx bench/site-size.ts <site>` alone.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

interface Tally {
  files: number;
  bytes: number;
}

/** Whether an HTML file is a page left at a folded page's address (it starts with a meta refresh). */
function isMoved(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(400);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8').includes('http-equiv="refresh"');
  } finally {
    closeSync(fd);
  }
}

/** Files and bytes of a site by kind. */
export function siteSize(site: string): Map<string, Tally> {
  const kinds = new Map<string, Tally>();
  const add = (kind: string, bytes: number) => {
    const t = kinds.get(kind) ?? { files: 0, bytes: 0 };
    t.files++;
    t.bytes += bytes;
    kinds.set(kind, t);
  };
  for (const rel of readdirSync(site, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(site, rel);
    const st = statSync(file);
    if (!st.isFile()) continue;
    const p = rel.split(path.sep).join('/');
    const top = p.split('/')[0]!;
    let kind: string;
    if (/^\d{4}\/[^/]+\/index\.html$/.test(p)) kind = 'report pages';
    else if (top === 'data') kind = 'data files';
    else if (top === 'regions' || top === 'agencies') kind = `${top === 'regions' ? 'region summaries' : 'agency histories'}${isMoved(file) ? ', folded (page leading on)' : ''}`;
    else if (top === 'pagefind') kind = 'search index';
    else kind = 'other';
    add(kind, st.size);
    add('total', st.size);
  }
  return kinds;
}

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/** The tally as lines for the bench's output. */
export function printSiteSize(site: string, indent = '  '): void {
  const kinds = siteSize(site);
  const total = kinds.get('total')!;
  console.log(`${indent}site: ${total.files} files, ${total.bytes} bytes (${mb(total.bytes)})`);
  for (const [kind, t] of [...kinds].filter(([k]) => k !== 'total').sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`${indent}  ${kind.padEnd(44)} ${String(t.files).padStart(7)} files ${mb(t.bytes).padStart(10)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printSiteSize(process.argv[2] ?? '_site', '');
