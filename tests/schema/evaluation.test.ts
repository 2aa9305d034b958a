import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkEvaluation, findLeftovers, leftoverAcknowledgements, parseCount, publishedOnTime, sentencesOf, statutoryDeadline } from '../../schema/evaluation.ts';
import type { Report } from '../../schema/report.ts';
import { loadReportText } from '../../src/load/report.ts';
import { mustLoad } from '../shared.ts';

const FILE_2021 = 'reports/2020/huoshan-hengshan.yaml';
const FILE_2019 = 'reports/2020/luanzhou-leizhuang.yaml';
/** The 2021-layout seed (all zeros) with every total left to be computed, so one cell can be changed alone. */
const seed2021 = readFileSync(FILE_2021, 'utf8')
  .replace(/, 总计: 0\}/g, '}')
  .replace(/^(\s+总计): \{[^}]*\}/m, '$1: {}');
const seed2019 = readFileSync(FILE_2019, 'utf8');

/** The seed with one prose section's text replaced (one paragraph per line). */
function withSection(text: string, key: string, body: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}: |-`));
  let end = start + 1;
  while (end < lines.length && (lines[end]!.startsWith('  ') || lines[end] === '')) end++;
  return [...lines.slice(0, start + 1), ...body.split('\n').map((l) => (l ? `  ${l}` : '')), '', ...lines.slice(end)].join('\n');
}

/** Set one cell in the YAML text: `row: {…, col: n, …}` on the row's line. */
function withCell(text: string, rowKey: string, col: string, value: number, nth = 0): string {
  const lines = text.split('\n');
  const idx = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trimStart().startsWith(`${rowKey}:`))[nth]![1];
  lines[idx] = lines[idx]!.replace(new RegExp(`(${col}: )[^,}]+`), `$1${value}`);
  return lines.join('\n');
}

const rules = (text: string, file = FILE_2021) => loadReportText(text, file).diagnostics.filter((d) => d.rule !== 'EDITION-YEAR');

/** Findings of the evaluator checks for section 一 written as `body` in the 2021 seed (all zeros). */
function prose(body: string, text = seed2021) {
  return rules(withSection(text, '一、总体情况', body));
}

describe('text helpers', () => {
  it('splits sentences at 。！？ and line breaks, keeping offsets', () => {
    const s = sentencesOf('第一句。第二句！\n  第三句');
    assert.deepEqual(s.map((x) => [x.text, x.start]), [['第一句。', 0], ['第二句！', 4], ['第三句', 11]]);
  });
  it('reads Arabic, full-width and Chinese counts', () => {
    assert.deepEqual(['12', '１２', '十二', '二十', '一百零五', '两'].map(parseCount), [12, 12, 12, 20, 105, 2]);
  });
});

describe('TIMELINESS (条例第四十九条)', () => {
  it('gives departments 1月31日 and county-and-above governments 3月31日, and townships and others no date', () => {
    assert.equal(statutoryDeadline(2022, '政府部门', '县级'), '2023-01-31');
    assert.equal(statutoryDeadline(2022, '人民政府', '市级'), '2023-03-31');
    assert.equal(statutoryDeadline(2022, '人民政府', '乡级'), null);
    assert.equal(statutoryDeadline(2022, '其他', '县级'), null);
    assert.equal(statutoryDeadline(2022, undefined, '县级'), null);
    assert.equal(publishedOnTime(2022, '政府部门', '县级', null), null);
  });
  const county = seed2021.replace('层级: 乡级', '层级: 县级').replace(/类型: \S+/, '类型: 政府部门');
  it('warns at 发布日期 when a department publishes after 1月31日', () => {
    const late = rules(county.replace('发布日期: null', '发布日期: 2021-02-01'));
    const d = late.find((x) => x.rule === 'TIMELINESS')!;
    assert.equal(d.severity, 'warning');
    assert.equal(d.line, county.split('\n').findIndex((l) => l.startsWith('发布日期')) + 1);
    assert.match(d.statement!, /2021年2月1日.*2021年1月31日/);
  });
  it('does not flag a date on the last day, a township, or a report without a date', () => {
    assert.equal(rules(county.replace('发布日期: null', '发布日期: 2021-01-31')).filter((d) => d.rule === 'TIMELINESS').length, 0);
    assert.equal(rules(seed2021.replace('发布日期: null', '发布日期: 2021-06-01')).filter((d) => d.rule === 'TIMELINESS').length, 0);
    assert.equal(rules(county).filter((d) => d.rule === 'TIMELINESS').length, 0);
  });
});

describe('AGENCY-KIND: the kind TIMELINESS depends on, left empty', () => {
  const county = seed2021.replace('层级: 乡级', '层级: 县级').replace('发布日期: null', '发布日期: 2021-05-01');
  const kindLine = /^ {2}类型: .*$/m;
  /** The report with the advised `类型: …` written under 机关, as the clerk is told. */
  function applyAdvice(text: string, message: string): string {
    const advised = /应在“机关”下写“(类型: [^”]+)”/.exec(message)![1]!;
    return kindLine.test(text) ? text.replace(kindLine, `  ${advised}`) : text.replace(/^机关:\n/m, `机关:\n  ${advised}\n`);
  }
  for (const [how, text] of [
    ['the line left out', county.replace(/^ {2}类型: .*\n/m, '')],
    ['the line left empty, as `new` writes it when the name does not tell', county.replace(kindLine, '  类型:  # 人民政府 / 政府部门 / 其他')],
  ] as const) {
    it(`warns for a county-level report with a date (${how}); the advice, applied, lets TIMELINESS check the date`, () => {
      const d = rules(text).filter((x) => x.rule === 'AGENCY-KIND');
      assert.equal(d.length, 1);
      assert.equal(d[0]!.severity, 'warning');
      const line = text.split('\n')[d[0]!.line - 1]!;
      assert.match(line, how.startsWith('the line left out') ? /^机关:/ : /^ {2}类型:/);
      assert.equal(rules(text).filter((x) => x.rule === 'TIMELINESS').length, 0, 'not checked without the kind');
      const fixed = applyAdvice(text, d[0]!.message);
      const after = rules(fixed);
      assert.deepEqual(after.filter((x) => x.rule === 'AGENCY-KIND' || x.severity === 'error'), []);
      const loaded = mustLoad(fixed, FILE_2021);
      assert.equal((loaded.report.机关 as { 类型?: string }).类型, '人民政府');
      // 2021-05-01 is after 3月31日, the county government's deadline: now it is seen.
      assert.equal(after.filter((x) => x.rule === 'TIMELINESS').length, 1);
    });
  }
  it('names the three kinds when the name does not tell, and says nothing for townships or undated reports', () => {
    const vague = county.replace(/^ {2}类型: .*\n/m, '').replace(/名称: \S+/, '名称: 某县大数据筹备组');
    const d = rules(vague).find((x) => x.rule === 'AGENCY-KIND')!;
    assert.match(d.message, /“类型: 人民政府”、“类型: 政府部门”（县级以上人民政府的工作部门）或“类型: 其他”/);
    assert.equal(rules(seed2021.replace(/^ {2}类型: .*\n/m, '').replace('发布日期: null', '发布日期: 2021-05-01')).filter((x) => x.rule === 'AGENCY-KIND').length, 0);
    assert.equal(rules(county.replace(/^ {2}类型: .*\n/m, '').replace('发布日期: 2021-05-01', '发布日期: null')).filter((x) => x.rule === 'AGENCY-KIND').length, 0);
  });
});

describe('R9: prose against tables', () => {
  it('finds the seed 002 kind of mismatch and points at the sentence', () => {
    const text = withSection(seed2021, '一、总体情况', '（一）概况。\n\n（二）依申请公开情况。2020 年，我镇收到信息公开申请 1 次，已公开。');
    const d = rules(text).filter((x) => x.rule === 'R9');
    assert.equal(d.length, 1);
    const line = text.split('\n')[d[0]!.line - 1]!;
    assert.ok(line.slice(d[0]!.column - 1).startsWith('2020 年，我镇收到'), line);
    assert.equal(d[0]!.cell, '三/本年新收政府信息公开申请数量/总计');
    assert.match(d[0]!.statement!, /收到的申请为 1.*为 0/);
  });
  it('compares 行政复议, 行政诉讼, 结转, 予以公开 and nil statements', () => {
    assert.equal(prose('全年被申请行政复议2件。').filter((d) => d.rule === 'R9').length, 1);
    assert.equal(prose('发生行政诉讼1起。').filter((d) => d.rule === 'R9').length, 1);
    assert.equal(prose('结转下年度办理3件。').filter((d) => d.rule === 'R9').length, 1);
    assert.equal(prose('上年结转2件。').filter((d) => d.rule === 'R9').length, 1);
    let t = withCell(seed2021, '本年新收政府信息公开申请数量', '自然人', 2);
    t = withCell(t, '予以公开', '自然人', 2);
    assert.equal(prose('本年度未收到政府信息公开申请。', t).filter((d) => d.rule === 'R9').length, 1);
    assert.equal(prose('全年共收到政府信息公开申请2件，予以公开2件。', t).filter((d) => d.rule === 'R9').length, 0);
    assert.equal(prose('全年共收到政府信息公开申请两件。', t).filter((d) => d.rule === 'R9').length, 0);
    assert.equal(prose('全年共收到政府信息公开申请3件。', t).filter((d) => d.rule === 'R9').length, 1);
  });
  it('understands "予以公开及部分公开 N 件" as one sum', () => {
    let t = withCell(seed2021, '本年新收政府信息公开申请数量', '自然人', 3);
    t = withCell(t, '予以公开', '自然人', 2);
    t = withCell(t, '部分公开', '自然人', 1);
    assert.deepEqual(prose('予以公开及部分公开 3 件。', t).filter((d) => d.rule === 'R9'), []);
    assert.deepEqual(prose('予以公开和部分公开共3件。', t).filter((d) => d.rule === 'R9'), []);
    assert.equal(prose('予以公开及部分公开 4 件。', t).filter((d) => d.rule === 'R9').length, 1);
  });
  it('does not flag plans, comparisons, other years, parts, regional totals or statute titles', () => {
    const quiet = [
      '下一步，我镇将力争办结申请10件。',
      '收到申请数量较上年增加3件。',
      '2019年收到申请5件。',
      '其中，自然人申请3件。',
      '全县各级行政机关共收到政府信息公开申请120件。',
      '认真贯彻《中华人民共和国政府信息公开条例》第四十九条，按要求公开。',
      '本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。',
      '按照《2019年政务公开工作要点》的部署推进工作。',
      '对无正当理由大量反复申请的，不予处理。',
      '收到申请人来电咨询12次。',
      '按时答复率100%。',
      '行政复议和行政诉讼共2件。',
      '全年答复群众来电咨询12次。',
      '收到申请人咨询3次。',
      '办结群众来信5件。',
    ];
    for (const s of quiet) assert.deepEqual(prose(s).filter((d) => d.rule === 'R9').map((d) => d.message), [], s);
  });
});

describe('LEFTOVER', () => {
  it('finds placeholders and not look-alikes', () => {
    const found = (s: string) => findLeftovers(s).map((f) => f.text);
    assert.deepEqual(found('XX镇人民政府'), ['XX']);
    assert.deepEqual(found('共发布信息××条'), ['××']);
    assert.deepEqual(found('联系人：某某'), ['某某']);
    assert.deepEqual(found('{单位}2021年度报告'), ['{单位}']);
    assert.deepEqual(found('依据【】号文件'), ['【】']);
    assert.deepEqual(found('此处填写存在的问题'), ['此处填写']);
    assert.deepEqual(found('共发布信息……条'), ['……']);
    assert.deepEqual(found('（文字描述，收取信息处理费情况在此处报告。）'), ['（文字描述，收取信息处理费情况在此处报告。）']);
    assert.deepEqual(found('国办公开办函【2019】60号'), []);
    assert.deepEqual(found('电子邮箱 xxgk@example.gov.cn'), []);
    assert.deepEqual(found('**加强领导**，压实责任'), []);
    assert.deepEqual(found('涉及社保、教育、医疗……等领域'), []);
    assert.deepEqual(found('某县教育局'), []);
  });
  it('is an error at the placeholder in an authored report', () => {
    const text = withSection(seed2021, '五、存在的主要问题及改进情况', '一是XX工作有待加强，共发布信息××条，需要进一步改进提高，下一步将持续推进。');
    const d = rules(text).filter((x) => x.rule === 'LEFTOVER');
    assert.equal(d.length, 2);
    assert.equal(d[0]!.severity, 'error');
    assert.ok(text.split('\n')[d[0]!.line - 1]!.slice(d[0]!.column - 1).startsWith('XX工作'));
  });
  it('is acknowledged by a 确认偏差 entry with 位置 and 原文 — the entries the importer writes', () => {
    const text = withSection(seed2021, '五、存在的主要问题及改进情况', '一是XX工作有待加强，需要进一步改进提高，下一步将持续推进政务公开工作。');
    const data = mustLoad(seed2021, FILE_2021).report;
    const acks = leftoverAcknowledgements(2021, { ...data, '五、存在的主要问题及改进情况': '一是XX工作有待加强' } as Report, '原报告如此发布');
    assert.deepEqual(acks, [{ 规则: 'LEFTOVER', 位置: '五、存在的主要问题及改进情况', 原文: 'XX', 说明: '原报告如此发布' }]);
    const acked = `${text}\n确认偏差:\n  - 规则: LEFTOVER\n    位置: 五、存在的主要问题及改进情况\n    原文: XX\n    说明: 原报告如此发布\n`;
    const d = rules(acked);
    assert.deepEqual(d.filter((x) => x.severity === 'error'), []);
    assert.equal(d.find((x) => x.rule === 'LEFTOVER')!.severity, 'acknowledged');
    // Once fixed, the entry is pointed out as no longer needed.
    const fixed = `${seed2021}\n确认偏差:\n  - 规则: LEFTOVER\n    位置: 五、存在的主要问题及改进情况\n    原文: XX\n    说明: 原报告如此发布\n`;
    assert.deepEqual(rules(fixed).map((x) => x.rule), ['ACK-UNUSED']);
  });
});

describe('PROSE-YEAR', () => {
  const year = (s: string) => prose(s).filter((d) => d.rule === 'PROSE-YEAR');
  it("flags a work sentence dated another year (seed 001's kind)", () => {
    assert.equal(year('2019年我中心虽然在政府信息公开上做了一些工作，但还存在一些问题。').length, 1);
    assert.equal(year('（二）2018年，我镇共发布信息300条。').length, 1);
  });
  it('does not flag next-year plans, statistic periods, earlier plans or ongoing work', () => {
    for (const s of [
      '2021年，我镇将继续深化政务公开。',
      '2020年，我镇共发布信息835条。',
      '本报告统计期限为2020年1月1日至2020年12月31日。',
      '2019年我镇制定的《政务公开工作方案》继续执行。',
      '2016年11月，我乡开通“美丽回族乡”微信公众号。',
      '2018年以来，我镇持续推进政务公开。',
      '截至2019年底，我镇累计公开信息1000条。',
    ]) assert.deepEqual(year(s).map((d) => d.message), [], s);
  });
});

describe('SECTION5-THIN and contradictions', () => {
  const five = (body: string, text = seed2021) => rules(withSection(text, '五、存在的主要问题及改进情况', body)).filter((d) => d.rule === 'SECTION5-THIN');
  it('flags 五 written "无" or a few characters, not a real account', () => {
    assert.equal(five('无。').length, 1);
    assert.equal(five('暂无。').length, 1);
    assert.equal(five('工作还有不足。').length, 1);
    assert.equal(five('一是公开内容不够全面；二是更新不够及时。下一步将加强培训，完善制度。').length, 0);
  });
  it('2021 edition: prose saying no 行政事业性收费 while 表二 has an amount; 信息处理费 is another fee', () => {
    const t = withCell(seed2021, '行政事业性收费', '本年收费金额', 12.5);
    const six = (body: string) => rules(withSection(t, '六、其他需要报告的事项', body)).filter((d) => d.rule === 'FEE-CONTRADICTION');
    assert.equal(six('本年度未收取行政事业性收费。').length, 1);
    assert.equal(six('本年度没有产生信息公开处理费。').length, 0);
    assert.equal(six('本年度未收取任何信息处理费。').length, 0);
    assert.equal(rules(withSection(seed2021, '六、其他需要报告的事项', '本年度未收取行政事业性收费。')).filter((d) => d.rule === 'FEE-CONTRADICTION').length, 0);
  });
  it('prose saying every application was closed while 结转下年度 > 0', () => {
    let t = withCell(seed2021, '本年新收政府信息公开申请数量', '自然人', 3);
    t = withCell(t, '予以公开', '自然人', 2);
    t = withCell(t, '结转下年度继续办理', '自然人', 1);
    const closed = (s: string) => prose(s, t).filter((d) => d.rule === 'PENDING-CONTRADICTION');
    assert.equal(closed('收到的3件申请均已按时办结。').length, 1);
    assert.equal(closed('对收到的申请，我镇均已依法答复。').length, 1);
    assert.equal(closed('确保申请全部按时办结。').length, 0);
    assert.equal(closed('已办结2件，1件结转下年度办理。').length, 0);
    assert.equal(closed('收到申请3件，另有1件顺延到下年度答复，均在法定期限内予以答复。').length, 0);
    assert.equal(prose('收到的3件申请均已按时办结。').filter((d) => d.rule === 'PENDING-CONTRADICTION').length, 0);
  });
});

describe('the checks run in the fast path exactly as in the full path', () => {
  it('a report with a finding is reported the same way by validate', async () => {
    const { loadReportFast } = await import('../../src/load/fast.ts');
    const text = withSection(seed2019, '五、存在的主要问题及改进情况', '无。');
    assert.deepEqual(loadReportFast(text, FILE_2019).diagnostics, loadReportText(text, FILE_2019).diagnostics);
    assert.ok(loadReportText(text, FILE_2019).diagnostics.some((d) => d.rule === 'SECTION5-THIN'));
  });
});

describe('checkEvaluation is pure over the report', () => {
  it('the seeds have no finding but the known ones', () => {
    const loaded = mustLoad(seed2019, FILE_2019);
    assert.deepEqual(checkEvaluation(2019, loaded.report, loaded.values), []);
  });
});

describe('advice applied', () => {
  it('PROSE-YEAR: writing the review as "2019年以来" as the message says clears it', () => {
    const before = prose('2019年我中心虽然在政府信息公开上做了一些工作，但还存在一些问题。');
    assert.match(before.find((d) => d.rule === 'PROSE-YEAR')!.message, /2019年以来/);
    assert.deepEqual(prose('2019年以来，我中心虽然在政府信息公开上做了一些工作，但还存在一些问题。').filter((d) => d.rule === 'PROSE-YEAR'), []);
  });
  it('the guide’s 确认偏差 example for a leftover acknowledges it', () => {
    const guide = readFileSync('docs/填报指南.md', 'utf8');
    const snippet = /```yaml\n(确认偏差:\n  - 规则: LEFTOVER[\s\S]*?)```/.exec(guide)![1]!;
    const text = withSection(seed2021, '一、总体情况', '本年度共发布信息××条，依法公开各类政府信息。');
    assert.equal(rules(text).find((d) => d.rule === 'LEFTOVER')!.severity, 'error');
    const d = rules(`${text}\n${snippet}`);
    assert.deepEqual(d.filter((x) => x.severity === 'error'), []);
    assert.equal(d.find((x) => x.rule === 'LEFTOVER')!.severity, 'acknowledged');
  });
});
