/**
 * Every committed version of every report, read from git in one pass: one `git log` over the
 * reports folder (commit, committer date, message and the blob id of each file it changed),
 * one `git status` for files changed since the last commit, and one `git cat-file --batch`
 * for the contents of the files that have more than one version. The number of processes
 * does not grow with the number of reports.
 *
 * History is followed along the first parent: what the published branch received, in the
 * order it received it (a merged branch's own commits are one step). A file's history is
 * its path's: a report moved to another path starts again.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** One commit that changed a report file. */
export interface FileVersion {
  /** Full commit id. */
  readonly commit: string;
  /** Committer date, ISO 8601 with the committer's offset (2026-11-20T10:31:02+08:00). */
  readonly date: string;
  /** The commit message's subject (for a merge, the first line of its body when there is one). */
  readonly reason: string;
  /** Git blob id of the file as this commit left it. */
  readonly blob: string;
  /** The file's path in the repository at this commit (forward slashes). */
  readonly path: string;
}

/** What git knows of one report file. */
export interface FileLog {
  /** Versions, oldest first. */
  readonly versions: readonly FileVersion[];
  /** The working copy differs from the last committed version (or is not committed). */
  readonly pending: boolean;
}

export type GitHistory =
  | {
      readonly available: true;
      /** Report file (as the corpus names it) → its log. */
      readonly files: ReadonlyMap<string, FileLog>;
      /** Read the contents of blobs (one process for all). */
      readonly read: (blobs: readonly string[]) => Promise<Map<string, string>>;
    }
  | { readonly available: false; readonly notice: string };

/** Run git and collect its standard output; rejects with its standard error on failure. */
function git(cwd: string, args: readonly string[], input?: Buffer | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.quotePath=false', ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(Buffer.concat(err).toString('utf8').trim() || `git ${args[0]} 退出码 ${code}`))));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

const RS = '\x1e';
const US = '\x1f';
const NO_BLOB = /^0+$/;

/** Notices a build prints once when it publishes without revision history. */
export const HISTORY_NOTICES = {
  noGit: '未找到 git 程序：本次生成的网站不含修订记录和来源链接。如需修订记录，请安装 git 并在仓库的完整克隆中生成。',
  notRepo: '报告目录不在 git 仓库中：本次生成的网站不含修订记录和来源链接。',
  failed: (why: string) => `读取 git 历史时出错（${why}）：本次生成的网站不含修订记录和来源链接。`,
  shallow: '当前是浅克隆（只有部分提交历史）：本次生成的网站不含修订记录和来源链接。请取得完整历史后再生成（GitHub Actions 中为 actions/checkout 设置 fetch-depth: 0；本地运行 git fetch --unshallow）。',
} as const;

/**
 * The history of the given report files (paths as the corpus gives them) under `reportsDir`.
 * Never throws: without git, outside a repository or in a shallow clone the result says why.
 */
export async function readGitHistory(reportsDir: string, files: readonly string[]): Promise<GitHistory> {
  const dir = path.resolve(reportsDir);
  let top: string;
  try {
    const out = (await git(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository'])).toString('utf8').trim().split('\n');
    top = out[0]!;
    if (out[1] === 'true') return { available: false, notice: HISTORY_NOTICES.shallow };
  } catch (e) {
    return { available: false, notice: (e as NodeJS.ErrnoException).code === 'ENOENT' ? HISTORY_NOTICES.noGit : HISTORY_NOTICES.notRepo };
  }
  try {
    return await readRepository(top, dir, files);
  } catch (e) {
    return { available: false, notice: HISTORY_NOTICES.failed(e instanceof Error ? e.message.split('\n')[0]! : String(e)) };
  }
}

/** The log, status and blob reader of a repository (`top`) for the report files under `dir`. */
async function readRepository(top: string, dir: string, files: readonly string[]): Promise<GitHistory> {
  // A repository without a commit yet has no history; every report is pending.
  const hasHead = await git(top, ['rev-parse', '--verify', '--quiet', 'HEAD']).then(
    () => true,
    () => false,
  );
  const rel = path.relative(top, dir).split(path.sep).join('/') || '.';
  const byPath = new Map<string, FileVersion[]>();
  if (hasHead) {
    const log = (
      await git(top, ['log', '--first-parent', '--diff-merges=first-parent', '--no-renames', '--raw', '--no-abbrev', `--format=${RS}%H${US}%P${US}%cI${US}%s${US}%b${US}`, '--', rel])
    ).toString('utf8');
    const commits = log.split(RS).slice(1).reverse();
    for (const record of commits) {
      const end = record.lastIndexOf(US);
      const [commit, parents, date, subject, body] = record.slice(0, end).split(US) as [string, string, string, string, string];
      const merge = parents.trim().includes(' ');
      const bodyLine = body.split('\n').find((l) => l.trim())?.trim();
      const reason = merge && bodyLine ? bodyLine : subject.trim();
      for (const line of record.slice(end + 1).split('\n')) {
        // :100644 100644 <old blob> <new blob> M\t<path>
        if (!line.startsWith(':')) continue;
        const tab = line.indexOf('\t');
        const [, , , blob, status] = line.slice(1, tab).split(' ') as [string, string, string, string, string];
        const file = line.slice(tab + 1);
        if (status.startsWith('D') || NO_BLOB.test(blob)) {
          byPath.delete(file);
          continue;
        }
        const list = byPath.get(file);
        const version: FileVersion = { commit, date, reason, blob, path: file };
        if (list) list.push(version);
        else byPath.set(file, [version]);
      }
    }
  }
  // Paths with changes not yet committed (modified, added, untracked).
  const pending = new Set<string>();
  const status = (await git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', rel])).toString('utf8').split('\0');
  for (let i = 0; i < status.length; i++) {
    const entry = status[i]!;
    if (entry.length < 4) continue;
    pending.add(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') i++; // the original path follows a rename
  }
  const out = new Map<string, FileLog>();
  for (const file of files) {
    const repoPath = path.relative(top, path.resolve(file)).split(path.sep).join('/');
    out.set(file, { versions: byPath.get(repoPath) ?? [], pending: pending.has(repoPath) || !byPath.has(repoPath) });
  }
  return { available: true, files: out, read: (blobs) => readBlobs(top, blobs) };
}

/** Contents of blobs by id, from one `git cat-file --batch`. */
async function readBlobs(top: string, blobs: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(blobs)];
  const result = new Map<string, string>();
  if (!unique.length) return result;
  const out = await git(top, ['cat-file', '--batch'], `${unique.join('\n')}\n`);
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    const [id, type, size] = out.subarray(at, nl).toString('latin1').split(' ') as [string, string, string];
    if (type === 'missing' || size === undefined) {
      at = nl + 1;
      continue;
    }
    const n = Number(size);
    result.set(id, out.subarray(nl + 1, nl + 1 + n).toString('utf8'));
    at = nl + 1 + n + 1;
  }
  return result;
}
