import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { casesIn, scoreCase } from '../../bench/import-score.ts';
import { readBlocks } from '../../src/import/index.ts';

const KINDS = 'tests/fixtures/import/kinds';
const run = promisify(execFile);
/** The CLI as a clerk types it; resolves with its exit code and output whatever the code. */
const nianbao = (args: string[]) =>
  run('node', ['bin/nianbao.js', ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('two years\' reports side by side (a comparison export)', async () => {
  const earlier = JSON.parse(await readFile(`${KINDS}/two-years-side-by-side.year-2022.json`, 'utf8')) as { inputs: string[] };
  for (const input of earlier.inputs) {
    it(`${input}: --year 2022 imports the left year, every cell of 2022 and none of 2023`, async () => {
      const s = await scoreCase({ name: input, input: path.join(KINDS, input), expected: earlier as never }, { year: 2022 });
      assert.deepEqual({ wrong: s.wrong, missing: s.missing, invented: s.invented, failures: s.failures }, { wrong: [], missing: [], invented: [], failures: [] });
    });
  }

  it('the command it prints for the other year, run as printed, writes that year beside the first draft', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-pairs-'));
    try {
      for (const ext of ['pdf', 'txt']) {
        const dest = path.join(dir, `对比-${ext}.yaml`);
        const first = await nianbao(['import', `${KINDS}/two-years-side-by-side.${ext}`, '-o', dest]);
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stderr, /导入了 2023 年的报告（默认导入较晚的一年）/);
        const line = first.stderr.split('\n').find((l) => l.includes('要导入 2022 年的报告，请运行：'));
        assert.ok(line, first.stderr);
        const command = line.split('请运行：')[1]!.trim();
        assert.equal(command, `nianbao import ${KINDS}/two-years-side-by-side.${ext} --year 2022 -o ${path.join(dir, `对比-${ext}-2022.yaml`)}`);
        const second = await nianbao(command.split(' ').slice(1));
        assert.ok(second.code === 0 || second.code === 1, second.stderr);
        assert.match(second.stderr, /导入了 2022 年的报告（按 --year 指定）/);
        assert.match(second.stderr, /要导入 2023 年的报告，请运行：/);
        const a = await readFile(dest, 'utf8');
        const b = await readFile(path.join(dir, `对比-${ext}-2022.yaml`), 'utf8');
        assert.match(a, /年度: 2023/);
        assert.match(a, /行政许可: \{本年处理决定数量: 742\}/);
        assert.match(b, /年度: 2022/);
        assert.match(b, /行政许可: \{本年处理决定数量: 745\}/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a year that is neither of the two is refused, nothing written, and the two years named', async () => {
    const r = await nianbao(['import', `${KINDS}/two-years-side-by-side.html`, '--year', '2021']);
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /没有 --year 所说的 2021 年。请用 --year 2022 或 --year 2023/);
  });

  it('a report printed in one column is read in one column, in text and in PDF', async () => {
    for (const c of await casesIn(KINDS)) {
      if (c.input.includes('two-years')) continue;
      const blocks = await readBlocks(c.input, await readFile(c.input));
      assert.ok(!blocks.some((b) => /左栏|右栏/.test(b.where)), c.input);
    }
  });
});

describe('importing a folder with subfolders', () => {
  it('imports every subfolder, mirrors the tree under -o, names files by relative path, lists what was skipped', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-tree-'));
    try {
      const src = path.join(dir, '年报');
      await mkdir(path.join(src, '2022', '示例县'), { recursive: true });
      await mkdir(path.join(src, '2023'), { recursive: true });
      await copyFile(`${KINDS}/row-label-typo.pdf`, path.join(src, '2022', '示例县', '雷庄镇.pdf'));
      await copyFile(`${KINDS}/money-six-decimals.txt`, path.join(src, '2023', '雷庄镇.txt'));
      await copyFile(`${KINDS}/year-first-title.html`, path.join(src, '总表.html'));
      await writeFile(path.join(src, '2023', '统计表.xls'), 'not a report');
      await writeFile(path.join(src, '.DS_Store'), '');
      // The output folder inside the input folder is not read back.
      const out = path.join(src, '草稿');
      const r = await nianbao(['import', src, '-o', out]);
      assert.equal(r.code, 1, r.stderr);
      const table = r.stderr.slice(r.stderr.lastIndexOf('文件 '));
      assert.match(table, new RegExp(`${path.join('2022', '示例县', '雷庄镇.pdf')}\\s+草稿待核对\\s+200/200`));
      assert.match(table, new RegExp(`${path.join('2023', '雷庄镇.txt')}\\s+完成\\s+200/200`));
      assert.match(table, /总表\.html\s+完成/);
      assert.match(table, new RegExp(`${path.join('2023', '统计表.xls')}\\s+跳过\\s+—\\s+—\\s+—\\s+不是可导入的格式（\\.xls）`));
      assert.match(table, /合计\s+完成 2，草稿 1，未导入 0，跳过 1/);
      assert.doesNotMatch(table, /DS_Store/);
      const written = (await readdir(out, { recursive: true })).map(String).filter((f) => f.endsWith('.yaml')).sort();
      assert.deepEqual(written, [path.join('2022', '示例县', '雷庄镇.yaml'), path.join('2023', '雷庄镇.yaml'), '总表.yaml']);
      assert.match(await readFile(path.join(out, '2023', '雷庄镇.yaml'), 'utf8'), /1234\.567891/);
      // Run again: the drafts are found in place and kept, not read as inputs.
      const again = await nianbao(['import', src, '-o', out]);
      assert.match(again.stderr, /已存在：为免覆盖/);
      const againTable = again.stderr.slice(again.stderr.lastIndexOf('文件 '));
      assert.match(againTable, /合计\s+完成 2，草稿 1，未导入 0，跳过 1/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
