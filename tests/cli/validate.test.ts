import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { githubCommand, stepSummary } from '../../src/cli/formats.ts';
import type { Diagnostic } from '../../src/load/diagnostic.ts';
import { run } from './run.ts';

describe('nianbao validate', () => {
  it('checks reports/ by default and exits 0 when there are only warnings', async () => {
    const r = await run(['validate']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^reports\/2020\/huoshan-hengshan\.yaml:4:5 {2}EDITION-YEAR {2}警告 {2}本报告为 2020 年度/m);
    assert.match(r.out, /共 5 份报告：0 个错误，3 个警告。$/);
  });

  it('exits 1 when a report has an error, and names the file it could not read', async () => {
    const r = await run(['validate', 'reports/2020/no-such-report.yaml']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^reports\/2020\/no-such-report\.yaml:1:1 {2}FILE-PATH {2}错误 {2}无法访问「reports\/2020\/no-such-report\.yaml」：文件或文件夹不存在/m);
  });

  it('checks one file against the same agency’s neighbouring years in its reports folder (R5, R8), as build does', async () => {
    const dir = 'tests/fixtures/corpora/two-years';
    const r5 = await run(['validate', `${dir}/2020/jia-yizhen.yaml`], { NIANBAO_CACHE: '0' });
    assert.match(r5.out, /^tests\/fixtures\/corpora\/two-years\/2020\/jia-yizhen\.yaml:41:25 {2}R5 {2}警告 {2}「表三：二、上年结转政府信息公开申请数量 · 自然人」填写为 2，但 2019 年度报告的/m);
    assert.match(r5.out, /共 1 份报告：0 个错误，1 个警告。$/);
    const r8 = await run(['validate', `${dir}/2022/hengshan-zhen.yaml`], { NIANBAO_CACHE: '0' });
    assert.match(r8.out, /^tests\/fixtures\/corpora\/two-years\/2022\/hengshan-zhen\.yaml:21:40 {2}R8 {2}警告 /m);
    // From the earlier year, the finding its figures cause in the next year's report is shown too.
    const before = await run(['validate', `${dir}/2019/jia-yizhen.yaml`], { NIANBAO_CACHE: '0' });
    assert.match(before.out, /^tests\/fixtures\/corpora\/two-years\/2020\/jia-yizhen\.yaml:41:25 {2}R5 {2}警告 /m);
    // An agency with no neighbouring year has no cross-year finding.
    const alone = await run(['validate', `${dir}/2020/jia-erzhen.yaml`], { NIANBAO_CACHE: '0' });
    assert.doesNotMatch(alone.out, /R5|R8/);
  });

  it('refuses an unknown format with exit code 2 and the usage', async () => {
    const r = await run(['validate', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--format 只能是 text、github、json，不能是“xml”/);
    assert.match(r.err, /用法：nianbao validate/);
  });

  it('explains itself in Chinese with --help', async () => {
    const r = await run(['validate', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /--format github {2}GitHub Actions 批注/);
  });

  it('lists every command in Chinese with --help, and rejects an unknown command', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    for (const name of ['validate', 'build', 'new', 'serve', 'schema']) assert.match(help.out, new RegExp(`^ {2}${name} +\\S`, 'm'));
    const port = await run(['serve', '--port', '八零八零']);
    assert.equal(port.code, 2);
    assert.match(port.err, /--port 应为 0 到 65535 之间的整数，不能是“八零八零”/);
    const bad = await run(['publish']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /没有“publish”这个命令/);
  });
});

describe('GitHub workflow commands', () => {
  const d: Diagnostic = {
    file: 'reports/2021/a,b:c.yaml', line: 12, column: 7, rule: 'R1', severity: 'error',
    message: '第一行 100% 对\n第二行',
  };

  it('escapes %, line breaks, and in properties also commas and colons', () => {
    assert.equal(githubCommand(d), '::error file=reports/2021/a%2Cb%3Ac.yaml,line=12,col=7,title=R1 申请数量不平衡::第一行 100%25 对%0A第二行');
  });

  it('annotates warnings as ::warning and leaves acknowledged deviations out', () => {
    assert.match(githubCommand({ ...d, severity: 'warning' })!, /^::warning /);
    assert.equal(githubCommand({ ...d, severity: 'acknowledged' }), null);
  });

  it('keeps the step summary a valid Markdown table when a message contains | or a line break', () => {
    const md = stepSummary([{ ...d, message: 'a | b\nc <script>' }], 1);
    assert.match(md, /\| reports\/2021\/a,b:c\.yaml:12:7 \| R1 \| 错误 \| a \\\| b c &lt;script&gt; \|/);
  });
});
