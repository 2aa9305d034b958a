/**
 * The revision history of every report, from git: each published version (a commit that
 * changed the report's data), newest first, with what changed; the first is 首次发布. A
 * commit that changed only the file's layout or comments is not a revision, and a version
 * that did not pass validation was never published (the build refuses to publish it), so
 * it is passed over and the next valid version is compared with the last valid one.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, codeFingerprint, hashTree, sha1, writeAtomically } from '../load/cache.ts';
import type { ReportEntry } from '../load/entry.ts';
import { loadReportFast } from '../load/fast.ts';
import type { LoadedReport } from '../load/report.ts';
import { type Changes, compareVersions, unchanged } from './changes.ts';
import { type FileLog, HISTORY_NOTICES, readGitHistory } from './git.ts';

/** One published version of a report. */
export interface Revision {
  /** Full commit id. */
  readonly commit: string;
  /** Committer date, ISO 8601 with offset. */
  readonly date: string;
  /** The commit message (its subject): why the report changed. */
  readonly reason: string;
  /** The report's path in the repository at that commit. */
  readonly path: string;
  /** 首次发布: the report's first published version. */
  readonly first: boolean;
  /** What changed since the version before (empty for the first). */
  readonly changes: Changes;
}

/** A report's history. */
export interface ReportHistory {
  /** Published versions, newest first. */
  readonly revisions: readonly Revision[];
  /** The commit and path the report as published now comes from; absent while it has changes not yet committed. */
  readonly source?: { readonly commit: string; readonly path: string };
}

export interface CorpusHistory {
  /** Why the site has no history, printed once by the build; absent when it has. */
  readonly notice?: string;
  /** Report file → its history (only when git history is available). */
  readonly reports: ReadonlyMap<string, ReportHistory>;
}

/** A short commit id as people quote it. */
export const shortCommit = (commit: string) => commit.slice(0, 7);

/** The published report of a version's text; undefined when that version had errors. */
function publishable(text: string, file: string): LoadedReport | undefined {
  const result = loadReportFast(text, file);
  return result.loaded && !result.diagnostics.some((d) => d.severity === 'error') ? result.loaded : undefined;
}

/** The revisions of one file from its versions' contents (oldest version first in `log`). */
export function revisionsOf(file: string, log: FileLog, contents: ReadonlyMap<string, string>): Revision[] {
  const out: Revision[] = [];
  let last: LoadedReport | undefined;
  let lastBlob: string | undefined;
  for (const v of log.versions) {
    if (v.blob === lastBlob) continue;
    const text = contents.get(v.blob);
    const loaded = text === undefined ? undefined : publishable(text, file);
    if (!loaded) continue;
    lastBlob = v.blob;
    const changes = last ? compareVersions(last, loaded) : { cells: [], text: [], fields: [] };
    if (!last || !unchanged(changes)) out.push({ commit: v.commit, date: v.date, reason: v.reason, path: v.path, first: !last, changes });
    last = loaded;
  }
  return out.reverse();
}

/** The compared revisions of earlier builds, by a hash of the file's path and versions. */
interface RevisionCache {
  readonly code: string;
  readonly entries: Record<string, readonly Revision[]>;
}

let historyCode: string | undefined;
/** What the comparison depends on: the validating code and this folder's. */
const historyFingerprint = () => (historyCode ??= sha1(`${codeFingerprint()}\n${hashTree(['src/history'])}`));
const cacheFile = () => path.join(cacheDir(), 'history.json');

function openRevisionCache(): Record<string, readonly Revision[]> {
  try {
    const c = JSON.parse(readFileSync(cacheFile(), 'utf8')) as RevisionCache;
    return c.code === historyFingerprint() ? c.entries : {};
  } catch {
    return {};
  }
}

function saveRevisionCache(entries: Record<string, readonly Revision[]>): void {
  mkdirSync(cacheDir(), { recursive: true });
  writeAtomically(cacheFile(), JSON.stringify({ code: historyFingerprint(), entries } satisfies RevisionCache));
}

export interface HistoryOptions {
  /** Keep the compared revisions of files with several versions in the cache folder (see cache.ts). */
  readonly cache?: boolean;
  /** Told when each step ends (for `NIANBAO_TIMINGS`). */
  readonly phase?: (name: string) => void;
}

/**
 * Read the history of every report of the corpus: one `git log`, one `git status` and one
 * `git cat-file` for all of them. Only files with more than one version (or with changes not
 * yet committed) are read and compared — and, with the cache, only those whose versions
 * changed since the last build; a file committed once as it is now is 首次发布 alone.
 */
export async function corpusHistory(reportsDir: string, reports: readonly Pick<ReportEntry, 'file'>[], options: HistoryOptions = {}): Promise<CorpusHistory> {
  const phase = options.phase ?? (() => {});
  const git = await readGitHistory(
    reportsDir,
    reports.map((r) => r.file),
  );
  phase('history: git log and status');
  if (!git.available) return { notice: git.notice, reports: new Map() };
  const cached = options.cache ? openRevisionCache() : {};
  const kept: Record<string, readonly Revision[]> = {};
  const keys = new Map<string, string>();
  const toRead: string[] = [];
  for (const [file, log] of git.files) {
    if (!(log.versions.length > 1 || (log.pending && log.versions.length))) continue;
    const key = sha1(`${file}\n${JSON.stringify(log.versions)}`);
    keys.set(file, key);
    if (cached[key]) kept[key] = cached[key];
    else toRead.push(...log.versions.map((v) => v.blob));
  }
  let contents: Map<string, string>;
  try {
    contents = await git.read(toRead);
  } catch (e) {
    return { notice: HISTORY_NOTICES.failed(e instanceof Error ? e.message.split('\n')[0]! : String(e)), reports: new Map() };
  }
  phase(`history: ${toRead.length} versions read`);
  const out = new Map<string, ReportHistory>();
  for (const [file, log] of git.files) {
    const latest = log.versions.at(-1);
    const source = latest && !log.pending ? { source: { commit: latest.commit, path: latest.path } } : {};
    const key = keys.get(file);
    if (key === undefined) {
      const v = log.versions[0];
      out.set(file, { revisions: v ? [{ commit: v.commit, date: v.date, reason: v.reason, path: v.path, first: true, changes: { cells: [], text: [], fields: [] } }] : [], ...source });
    } else {
      const revisions = (kept[key] ??= revisionsOf(file, log, contents));
      out.set(file, { revisions, ...source });
    }
  }
  phase('history: versions compared');
  if (options.cache && (Object.keys(kept).length || Object.keys(cached).length)) saveRevisionCache(kept);
  return { reports: out };
}
