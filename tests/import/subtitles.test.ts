import assert from 'node:assert/strict';

import { describe, it } from 'node:test';
import { importBlocks, importFile } from '../../src/import/index.ts';
import { textToBlocks } from '../../src/import/text.ts';
import { sharedDir } from '../shared.ts';

const KINDS = 'tests/fixtures/import/kinds';

describe('lines under the title that are not the report\'s text', () => {
  for (const ext of ['txt', 'html', 'docx', 'pdf']) {
    it(`subtitle-lines.${ext}: the agency repeated and the template's own line stay out of 前言 and 一、总体情况, and the summary says so`, async () => {
      const r = await importFile(`${KINDS}/subtitle-lines.${ext}`);
      assert.ok(r.draft, r.issues.map((i) => i.message).join('\n'));
      assert.equal(r.draft.preamble, undefined);
      assert.match(r.draft.prose!.一!, /^2023年，本机关按照/);
      assert.doesNotMatch(r.yaml!, /格式模板|——示例县/);
      const facts = r.recognized!.facts.join('\n');
      assert.match(facts, /“——示例县示例镇人民政府办公室”是标题下方的机关名称，没有写入前言/);
      assert.match(facts, /“政府信息公开工作年度报告格式模板”是标题下方的模板原有文字，没有写入前言/);
      assert.equal(r.draft.agency?.name, '示例县示例镇人民政府');
    });
  }

  it('the template\'s instructions “（文字描述…）” in the Word template are not written as the sections\' text', async () => {
    const r = await importFile(`${sharedDir()}/corpus/2021-template.docx`);
    assert.deepEqual(r.draft!.prose, { 一: '', 五: '', 六: '' });
    assert.match(r.recognized!.facts.join('\n'), /第 10 段“（文字描述，收取信息处理费情况在此处报告。）”是模板原有的说明文字，没有写入“六、其他需要报告的事项”/);
  });

  it('a real preamble under the title stays the preamble (淮安市 2024)', async () => {
    const r = await importFile(`${sharedDir()}/corpus/huaian-2024.pdf`);
    assert.match(r.draft!.preamble!, /^本报告由淮安市人民政府办公室根据/);
  });

  it('an agency printed under a title without one names the agency; the date after it is the publication date', () => {
    const text = reportText();
    const r = importBlocks('r.txt', textToBlocks(text));
    assert.equal(r.draft!.agency?.name, '示例县人民政府办公室');
    assert.equal(r.draft!.published, '2024-01-22');
    assert.equal(r.draft!.preamble, '本报告依照《中华人民共和国政府信息公开条例》编制。');
  });
});

/** A year-first title with the agency and date under it, then a real preamble. */
function reportText(): string {
  return ['2023年政府信息公开工作年度报告', '（示例县人民政府办公室）', '2024年1月22日', '本报告依照《中华人民共和国政府信息公开条例》编制。', '一、总体情况', '本年度依法公开政府信息。', '二、主动公开政府信息情况', '信息内容\t本年处理决定数量', '行政许可\t3', ''].join('\n');
}

