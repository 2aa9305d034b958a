/**
 * Revision history at scale: a git repository holding a synthetic corpus, published in one
 * commit and then changed by three commits that each touch 1 % of the reports at random — a
 * figure corrected, a sentence corrected, comments added (formatting only, not a revision).
 *
 *   tsx bench/history.ts setup <corpus folder> <repository folder>   makes the repository
 *   tsx bench/history.ts read <reports folder> [cached]               reads every report's history once
 *   tsx bench/history.ts correct <repository folder>                  one more commit: 1 % of the reports corrected
 *
 * `read` prints what it found as JSON: reports, revisions, corrections, milliseconds in all
 * and by step. With `cached`, compared revisions are kept in (and taken from) the cache folder.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { corpusHistory } from '../src/history/index.ts';
import { findReportFiles } from '../src/load/corpus.ts';
import { prng } from './generate.ts';

const DATE = (day: number) => `2026-01-${String(day).padStart(2, '0')}T09:00:00+08:00`;

function git(repo: string, day: number, ...args: string[]): void {
  execFileSync('git', args, {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org', GIT_AUTHOR_DATE: DATE(day), GIT_COMMITTER_DATE: DATE(day) },
  });
}

/** The repository: the corpus as reports/, one publishing commit and three commits of changes. */
export function setupRepository(corpus: string, repo: string, seed = 1): { reports: string; touched: number } {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const reports = path.join(repo, 'reports');
  cpSync(corpus, reports, { recursive: true });
  git(repo, 1, 'init', '-q', '-b', 'main');
  // No automatic gc in the background: the bench removes the repository when done.
  git(repo, 1, 'config', 'gc.auto', '0');
  git(repo, 1, 'add', '-A');
  git(repo, 1, 'commit', '-q', '-m', '发布全部报告');
  const files = execFileSync('git', ['ls-files', 'reports'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n').sort();
  const random = prng(seed);
  const pick = () => files.filter(() => random() < 0.01);
  const edits: [string, (text: string) => string][] = [
    // A figure: 本年新制作数量 of 规章 (no rule ties it to another cell); a sentence where the edition has no such row.
    ['更正表二数字', (t) => (/规章: \{本年新制作数量: (\d+)/.test(t) ? t.replace(/规章: \{本年新制作数量: (\d+)/, (_, v: string) => `规章: {本年新制作数量: ${Number(v) + 1}`) : t.replace(/^(  [^\s#].*)。$/m, '$1（已核实）。'))],
    ['更正总体情况文字', (t) => t.replace(/^(  [^\s#].*)。$/m, '$1（更正）。')],
    ['整理格式', (t) => `# 已按原报告核对。\n${t}`],
  ];
  let touched = 0;
  edits.forEach(([message, edit], i) => {
    touched += commitEdit(repo, 2 + i, message, pick(), edit);
  });
  return { reports, touched };
}

/** Apply `edit` to `files` (repository paths) and commit them on day `day`; the number of files. */
function commitEdit(repo: string, day: number, message: string, files: readonly string[], edit: (text: string) => string): number {
  for (const file of files) {
    const full = path.join(repo, file);
    writeFileSync(full, edit(readFileSync(full, 'utf8')));
  }
  git(repo, day, 'commit', '-q', '--allow-empty', '-am', message);
  return files.length;
}

/** One more commit correcting a sentence in 1 % of the reports (another random choice). */
export function correctMore(repo: string, seed = 2): number {
  const files = execFileSync('git', ['ls-files', 'reports'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n').sort();
  const random = prng(seed);
  return commitEdit(repo, 10, '再次更正总体情况文字', files.filter(() => random() < 0.01), (t) => t.replace(/^(  [^\s#].*)。$/m, '$1（再次更正）。'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [mode, a, b] = process.argv.slice(2);
  const steps: Record<string, number> = {};
  let last = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - last);
    last = now;
  };
  if (mode === 'setup') {
    const { touched } = setupRepository(a!, b!);
    console.log(JSON.stringify({ touched }));
  } else if (mode === 'correct') {
    console.log(JSON.stringify({ touched: correctMore(a!) }));
  } else if (mode === 'read') {
    const files = await findReportFiles([a!]);
    const started = performance.now();
    last = started;
    const history = await corpusHistory(
      a!,
      files.map((file) => ({ file })),
      { cache: b === 'cached', phase },
    );
    const ms = Math.round(performance.now() - started);
    if (history.notice) throw new Error(history.notice);
    let revisions = 0;
    let corrections = 0;
    for (const h of history.reports.values()) {
      revisions += h.revisions.length;
      corrections += h.revisions.filter((r) => !r.first).length;
    }
    console.log(JSON.stringify({ reports: files.length, revisions, corrections, ms, steps }));
  } else {
    console.error('用法：tsx bench/history.ts setup <语料目录> <仓库目录> | read <报告目录>');
    process.exitCode = 2;
  }
}
