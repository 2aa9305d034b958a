/** The pieces of the revision history: versions passed over, text diffs, the source address pattern. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { textHunks } from '../../src/history/changes.ts';
import type { FileVersion } from '../../src/history/git.ts';
import { revisionsOf } from '../../src/history/index.ts';
import { hunkHtml } from '../../src/site/history-view.ts';
import { sourceUrl, sourceUrlPattern } from '../../src/site/source-url.ts';

const FILE = 'reports/2020/laizhou-zhuqiao.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const version = (n: number, blob: string): FileVersion => ({ commit: `${n}`.repeat(40), date: `2026-01-0${n}T09:00:00+08:00`, reason: `第${n}次`, blob, path: FILE });

describe('revisions of one file', () => {
  it('passes over a version with errors (never published) and compares the next with the last published one', () => {
    const broken = TEXT.replace('规章: {本年新制作数量: 0,', '规章: {本年新制作数量: -5,');
    const fixed = TEXT.replace('规章: {本年新制作数量: 0,', '规章: {本年新制作数量: 4,');
    const contents = new Map([
      ['a', TEXT],
      ['b', broken],
      ['c', fixed],
      ['d', `# 只加了注释\n${fixed}`],
    ]);
    const revisions = revisionsOf(FILE, { versions: [version(1, 'a'), version(2, 'b'), version(3, 'c'), version(4, 'd')], pending: false }, contents);
    assert.deepEqual(
      revisions.map((r) => [r.reason, r.first]),
      [
        ['第3次', false],
        ['第1次', true],
      ],
    );
    assert.deepEqual(
      revisions[0]!.changes.cells.map((c) => [c.before, c.after]),
      [[0, 4]],
    );
  });
});

describe('a text diff', () => {
  it('shows a changed figure inside a long sentence as just that figure, with some context', () => {
    const before = `${'前文。'.repeat(30)}本年共收到申请 12 件，全部办结。${'后文。'.repeat(30)}`;
    const after = before.replace('12 件', '15 件');
    const hunks = textHunks(before, after);
    assert.equal(hunks.length, 1);
    const html = hunkHtml(hunks[0]!);
    assert.match(html, /<del><span class="visually-hidden">（删去：<\/span>2<span class="visually-hidden">）<\/span><\/del><ins><span class="visually-hidden">（增加：<\/span>5/);
    assert.ok(hunks[0]![0]!.text.startsWith('…'), 'long unchanged text before is cut');
    assert.ok(hunks[0]!.at(-1)!.text.endsWith('…'));
  });
  it('shows a removed and an added sentence whole', () => {
    const hunks = textHunks('甲。乙。丙。', '甲。丙。丁。');
    assert.deepEqual(
      hunks.flat().filter((p) => p.op !== 'same').map((p) => `${p.op}:${p.text}`),
      ['del:乙。', 'ins:丁。'],
    );
  });
});

describe('the source address (NIANBAO_SOURCE_URL)', () => {
  it('is unset by default, and then no links are made', () => {
    assert.equal(sourceUrlPattern({}), undefined);
  });
  it('fills in commit, path and line; without {line} in the pattern, links the file', () => {
    const github = sourceUrlPattern({ NIANBAO_SOURCE_URL: 'https://github.com/o/r/blob/{commit}/{path}#L{line}' })!;
    assert.equal(sourceUrl(github, { commit: 'abc', path: 'reports/2020/x.yaml', line: 12 }), 'https://github.com/o/r/blob/abc/reports/2020/x.yaml#L12');
    assert.equal(sourceUrl(github, { commit: 'abc', path: 'reports/2020/x.yaml' }), 'https://github.com/o/r/blob/abc/reports/2020/x.yaml');
    const noLine = sourceUrlPattern({ NIANBAO_SOURCE_URL: 'https://gitee.com/o/r/blob/{commit}/{path}' })!;
    assert.equal(sourceUrl(noLine, { commit: 'abc', path: 'reports/a.yaml', line: 3 }), 'https://gitee.com/o/r/blob/abc/reports/a.yaml');
  });
  it('refuses a pattern without {commit} or {path}, or not http(s), with a Chinese message', () => {
    assert.throws(() => sourceUrlPattern({ NIANBAO_SOURCE_URL: 'https://github.com/o/r/blob/main/{path}' }), /NIANBAO_SOURCE_URL 中缺少 \{commit\}/);
    assert.throws(() => sourceUrlPattern({ NIANBAO_SOURCE_URL: 'ftp://x/{commit}/{path}' }), /应以 http:\/\/ 或 https:\/\/ 开头/);
  });
});
