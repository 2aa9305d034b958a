/**
 * A temporary git repository with two reports: A published, corrected twice (a figure, then
 * a sentence) and reformatted once (comments and spaces only), with fixed commit dates.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const A = 'reports/2020/laizhou-zhuqiao.yaml';
export const B = 'reports/2020/luanzhou-leizhuang.yaml';
/** The corrected cell of A. */
export const CELL = '二/第二十条第（一）项/规章/本年新制作数量';

export interface CorrectedRepo {
  readonly repo: string;
  /** Commits by step: first, cell, text, format. */
  readonly commits: Record<'first' | 'cell' | 'text' | 'format', string>;
  /** The line of A's corrected row after publication and after the reformatting. */
  readonly linesAt: Record<'first' | 'format', number>;
  git(...args: string[]): string;
  read(rel: string): string;
  edit(rel: string, from: string | RegExp, to: string): void;
}

/** 1-based line of the first line containing `needle`. */
export const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** Make the repository in `repo` (a new folder). */
export function correctedRepo(repo: string): CorrectedRepo {
  let when = 0;
  const git = (...args: string[]): string => {
    // Fixed dates a day apart: the history (and so the site) is the same on every run.
    if (args[0] === 'commit') when++;
    const date = `2026-03-${String(when).padStart(2, '0')}T10:00:00+08:00`;
    return execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: '办公室', GIT_AUTHOR_EMAIL: 'gk@example.org', GIT_COMMITTER_NAME: '办公室', GIT_COMMITTER_EMAIL: 'gk@example.org', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    }).trim();
  };
  const read = (rel: string) => readFileSync(path.join(repo, rel), 'utf8');
  const edit = (rel: string, from: string | RegExp, to: string) => {
    const text = read(rel);
    const next = text.replace(from, to);
    assert.notEqual(next, text, `edit of ${rel} changed nothing`);
    writeFileSync(path.join(repo, rel), next);
  };
  mkdirSync(path.join(repo, 'reports/2020'), { recursive: true });
  copyFileSync(A, path.join(repo, A));
  copyFileSync(B, path.join(repo, B));
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', '发布 2020 年度报告');
  const first = git('rev-parse', 'HEAD');
  const lineFirst = lineOf(read(A), '规章:');
  // Correction 1: a cell.
  edit(A, '规章: {本年新制作数量: 0,', '规章: {本年新制作数量: 3,');
  git('commit', '-q', '-am', '更正表二规章本年新制作数量（原报告第2页）');
  const cell = git('rev-parse', 'HEAD');
  // Correction 2: a sentence of the prose.
  edit(A, '朱桥镇收到信息公开申请 1 次，已公开。', '朱桥镇收到信息公开申请 2 次，均已公开。');
  git('commit', '-q', '-am', '更正总体情况中的申请数');
  const text = git('rev-parse', 'HEAD');
  // Formatting only: comments added above the tables and spaces changed; the data is the same.
  edit(A, '二、主动公开政府信息情况:\n', '# 以下各表按原报告逐格填写。\n# 核对人：办公室\n二、主动公开政府信息情况:\n');
  edit(A, '规章: {本年新制作数量: 3,', '规章: { 本年新制作数量: 3,');
  git('commit', '-q', '-am', '整理格式');
  const format = git('rev-parse', 'HEAD');
  return { repo, commits: { first, cell, text, format }, linesAt: { first: lineFirst, format: lineOf(read(A), '规章:') }, git, read, edit };
}
