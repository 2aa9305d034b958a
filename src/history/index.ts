/**
 * The revision history of every report, from git: each published version (a commit that
 * changed the report's data), newest first, with what changed; the first is 首次发布. A
 * commit that changed only the file's layout or comments is not a revision, and a version
 * that did not pass validation was never published (the build refuses to publish it), so
 * it is passed over and the next valid version is compared with the last valid one.
 */
import type { ReportEntry } from '../load/entry.ts';
import { loadReportFast } from '../load/fast.ts';
import type { LoadedReport } from '../load/report.ts';
import { type Changes, compareVersions, unchanged } from './changes.ts';
import { type FileLog, readGitHistory } from './git.ts';

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

/**
 * Read the history of every report of the corpus: one `git log`, one `git status` and one
 * `git cat-file` for all of them. Only files with more than one version (or with changes not
 * yet committed) are read and compared; a file committed once as it is now is 首次发布 alone.
 */
export async function corpusHistory(reportsDir: string, reports: readonly Pick<ReportEntry, 'file'>[]): Promise<CorpusHistory> {
  const git = await readGitHistory(
    reportsDir,
    reports.map((r) => r.file),
  );
  if (!git.available) return { notice: git.notice, reports: new Map() };
  const toRead: string[] = [];
  for (const log of git.files.values()) if (log.versions.length > 1 || (log.pending && log.versions.length)) toRead.push(...log.versions.map((v) => v.blob));
  const contents = await git.read(toRead);
  const out = new Map<string, ReportHistory>();
  for (const [file, log] of git.files) {
    const latest = log.versions.at(-1);
    const source = latest && !log.pending ? { source: { commit: latest.commit, path: latest.path } } : {};
    if (log.versions.length === 1 && !log.pending) {
      const v = log.versions[0]!;
      out.set(file, { revisions: [{ commit: v.commit, date: v.date, reason: v.reason, path: v.path, first: true, changes: { cells: [], text: [], fields: [] } }], ...source });
    } else out.set(file, { revisions: revisionsOf(file, log, contents), ...source });
  }
  return { reports: out };
}
