/**
 * The editor's JSON Schema, checked with ajv the way an editor reads a file: every valid report
 * and fresh scaffold passes, every report wrong in type or shape fails, and the texts it lets
 * through in a cell are exactly those validation normalises.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { cellsOf } from '../../schema/cells.ts';
import { EDITIONS } from '../../schema/editions/index.ts';
import { reportJsonSchema } from '../../schema/json-schema.ts';
import { cellSchema } from '../../schema/report.ts';
import { cellTextPattern } from '../../schema/values.ts';
import { scaffoldText } from '../../src/cli/new.ts';

// Shared cell definitions are compiled once rather than inlined ~700 times: much quicker to compile.
// Cells take one of several JSON types (a number, null, or a text validation normalises): union
// types are allowed. markdownDescription and errorMessage are what yaml-language-server shows.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, inlineRefs: false, code: { optimize: false }, formats: { email: true, uri: true } });
ajv.addVocabulary(['markdownDescription', 'errorMessage']);
const validate = ajv.compile(reportJsonSchema());
const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dir, f));
const check = (file: string) => validate(parse(readFileSync(file, 'utf8')));

describe('the JSON Schema accepts what is valid', () => {
  for (const file of [...yamlFiles('reports/2020'), ...yamlFiles('tests/fixtures/valid')]) {
    it(`accepts ${file}`, () => assert.ok(check(file), ajv.errorsText(validate.errors)));
  }
  // These break consistency rules or file conventions, not types: the editor cannot know.
  for (const name of ['r1', 'r2', 'r3', 'r4', 'r6', 'r7', 'edition-year', 'prose-empty', 'acknowledged', 'schema-date', 'schema-decimals', 'duplicate-report-a']) {
    it(`accepts the rule case ${name}.yaml`, () => assert.ok(check(`tests/fixtures/golden/cases/${name}.yaml`), ajv.errorsText(validate.errors)));
  }
  for (const edition of [2019, 2021] as const) {
    it(`does not flag the unfilled cells of a fresh ${edition} scaffold as type errors`, () => {
      const text = scaffoldText(
        { year: edition + 1, edition, id: 'a-b', name: '某镇人民政府', region: ['某省'], level: '省级', title: '某镇人民政府报告', published: null },
        'reports/x/a-b.yaml',
      );
      assert.ok(validate(parse(text)), ajv.errorsText(validate.errors));
    });
  }
});

describe('the JSON Schema rejects what is wrong in type or shape', () => {
  for (const name of ['schema-unknown-key', 'schema-edition-shape', 'schema-missing', 'schema-type', 'schema-number-format', 'schema-negative', 'schema-integer', 'schema-value']) {
    it(`rejects ${name}.yaml`, () => assert.equal(check(`tests/fixtures/golden/cases/${name}.yaml`), false));
  }
  it('rejects a report without 版本 and one with an unknown edition', () => {
    const data = parse(readFileSync('reports/2020/luanzhou-leizhuang.yaml', 'utf8')) as Record<string, unknown>;
    assert.equal(validate({ ...data, 版本: 2020 }), false);
    const { 版本: _, ...rest } = data;
    assert.equal(validate(rest), false);
  });
});

describe('hover text', () => {
  it('names each cell by its statutory labels and says whether it may be left out', () => {
    const schema = reportJsonSchema() as { oneOf: { properties: Record<string, any> }[] };
    const b2021 = schema.oneOf.find((b) => b.properties.版本.const === 2021)!;
    const cell = b2021.properties['三、收到和处理政府信息公开申请情况'].properties.本年度办理结果.properties.不予公开.properties.属于国家秘密.properties.自然人;
    assert.match(cell.description, /^「表三：三、本年度办理结果 \/ （三）不予公开 \/ 1\.属于国家秘密 · 自然人」\n填写件数/);
    assert.deepEqual(cell.allOf, [{ $ref: '#/definitions/count' }]);
    const total = b2021.properties['三、收到和处理政府信息公开申请情况'].properties.本年度办理结果.properties.总计.properties.自然人;
    assert.match(total.description, /这是总计，可以不填/);
    const group = b2021.properties['三、收到和处理政府信息公开申请情况'].properties.本年度办理结果.properties.不予公开;
    assert.equal(group.title, '（三）不予公开');
    assert.match(b2021.properties.机关.properties.层级.description, /省级、市级、县级、乡级/);
  });
});

describe('cell text pattern', () => {
  const samples = ['12', '１２', '+3', '＋3', '-3', '－3', '3.5', '3.50', '12.5万元', '12.5元', '12元', ' 7 ', '/', '／', '不适用', '1,234', '12件', '约10', '10余', '一百', '-', '', 'null', '3.', '.5', '1e3'];
  for (const edition of Object.values(EDITIONS)) {
    const kinds = new Map(cellsOf(edition).map((c) => [`${c.kind}:${c.unit ?? ''}`, c]));
    for (const cell of kinds.values()) {
      it(`accepts exactly the texts validation accepts for a ${cell.kind}${cell.unit ? `（${cell.unit}）` : ''} cell (${edition.name})`, () => {
        const re = new RegExp(cellTextPattern(cell.kind, cell.unit), 'u');
        for (const s of samples) {
          assert.equal(re.test(s), cellSchema(cell).safeParse(s).success, `“${s}”`);
        }
      });
    }
  }
});
