import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { copyShares, formKey, sentenceForm, sentenceKey } from '../../schema/copying.ts';
import { loadCorpus } from '../../src/load/corpus.ts';
import { agencyHistory } from '../../src/summary/history.ts';
import { reportStats } from '../../src/summary/index.ts';

const seed = readFileSync('reports/2020/luanzhou-leizhuang.yaml', 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-copy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Next year's report: the seed with the year moved on and, optionally, its prose replaced. */
function nextYear(prose?: string): string {
  let t = seed.replace('年度: 2020', '年度: 2021').replaceAll('2020年', '2021年');
  if (prose !== undefined) {
    t = t.replace(/^一、总体情况: \|-\n(?:  .*\n|\n)*/m, `一、总体情况: |-\n  ${prose}\n\n`).replace(/^五、存在的主要问题及改进情况: \|-\n(?:  .*\n|\n)*/m, `五、存在的主要问题及改进情况: |-\n  ${prose}\n\n`);
  }
  return t;
}

async function corpusOf(next: string) {
  const root = mkdtempSync(path.join(dir, 'r-'));
  mkdirSync(path.join(root, '2020'));
  mkdirSync(path.join(root, '2021'));
  writeFileSync(path.join(root, '2020', 'luanzhou-leizhuang.yaml'), seed);
  writeFileSync(path.join(root, '2021', 'luanzhou-leizhuang.yaml'), next);
  return loadCorpus([root]);
}

describe('COPY-LAST-YEAR', () => {
  it('counts a sentence with only its year changed as repeated, and statute titles and headings not at all', () => {
    assert.equal(sentenceForm('2020年，我镇共主动公开政府信息835条。'), sentenceForm('2021年，我镇共主动公开政府信息835条。'));
    assert.equal(sentenceForm('认真贯彻《中华人民共和国政府信息公开条例》。'), null);
    assert.equal(sentenceForm('（一）完善制度、优化机制'), null);
  });

  it('keys a sentence in one pass exactly as the hash of its comparable form', () => {
    const sentences = [
      '2020年，我镇共主动公开政府信息835条。',
      '2020 年\u3000我镇共主动公开政府信息835条，比20201年多12345件。',
      '我镇共主动公开政府信息８３５条，ＡＢ类１２件。',
      '认真贯彻《中华人民共和国政府信息公开条例》。',
      '按国办公开办函〔2019〕60号的要求，我镇共主动公开政府信息835条。',
      '（一）完善制度、优化机制',
      '2019年2020年2021年。',
      '我镇😀共主动公开政府信息\ud83d，¥12€·…—©',
      '',
      '。，、',
    ];
    for (const s of sentences) {
      const form = sentenceForm(s);
      assert.equal(sentenceKey(s), form === null ? null : formKey(form), s);
    }
    // Every character, in a sentence long enough to be counted and in one that is not.
    for (let c = 0; c < 0x10000; c++) {
      for (const s of [`我镇共主动公开政府信息我镇共主动公开${String.fromCharCode(c)}2020 年`, `${String.fromCharCode(c)}公开2020年`]) {
        const form = sentenceForm(s);
        assert.equal(sentenceKey(s), form === null ? null : formKey(form), `U+${c.toString(16)}`);
      }
    }
  });

  it('warns at the first repeated sentence when next year repeats the report, and the history page shows the share', async () => {
    const corpus = await corpusOf(nextYear());
    const d = corpus.diagnostics.filter((x) => x.rule === 'COPY-LAST-YEAR');
    assert.equal(d.length, 1);
    assert.equal(d[0]!.severity, 'warning');
    assert.match(d[0]!.statement!, /正文 \d+ 句中有 \d+ 句（100%）与 2020 年度报告逐字相同/);
    const text = readFileSync(d[0]!.file, 'utf8').split('\n');
    assert.ok(text[d[0]!.line - 1]!.slice(d[0]!.column - 1).startsWith('根据《中华人民共和国政府信息公开条例》'), text[d[0]!.line - 1]);
    const list = corpus.reports.map((report) => ({ report, stats: reportStats(report) }));
    const page = agencyHistory('luanzhou-leizhuang', list);
    assert.match(page.years[0]!.copied, /^正文 100%（\d+\/\d+ 句）；非零数据 100%/);
    assert.equal(page.years[1]!.copied, '');
    assert.ok(page.crossYear.some((n) => n.rule === 'COPY-LAST-YEAR'));
  });

  it('does not warn when the prose is new, even with the same statute titles and figures', async () => {
    const corpus = await corpusOf(nextYear('2021年，我镇根据《中华人民共和国政府信息公开条例》新建了政务公开专区，全年公开信息四百余条，答复群众咨询六十余次。'));
    assert.deepEqual(corpus.diagnostics.filter((x) => x.rule === 'COPY-LAST-YEAR'), []);
  });

  it('compares cells only within one edition and only non-zero ones', () => {
    const values = new Map([['三/本年新收政府信息公开申请数量/自然人', 3], ['三/本年新收政府信息公开申请数量/商业企业', 0]]);
    const s = copyShares({ year: 2020, editionId: 2019, values, sentences: [] }, { year: 2021, editionId: 2019, values, sentences: [] });
    assert.deepEqual(s.cells, { same: 1, of: 1, share: 1 });
    assert.equal(copyShares({ year: 2020, editionId: 2019, values, sentences: [] }, { year: 2021, editionId: 2021, values, sentences: [] }).cells.share, null);
  });
});
