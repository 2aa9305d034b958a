import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import nunjucks from 'nunjucks';
import type { LoadedReport } from '../../src/load/report.ts';
import { escapeHtml } from '../../src/site/html.ts';
import { reportPageRenderer } from '../../src/site/report-page.ts';
import { reportView } from '../../src/site/report-view.ts';
import { formatValue } from '../../src/site/table-view.ts';
import { mustLoad } from '../shared.ts';
import { cellAttribute } from '../../src/site/table-view.ts';

const SEED_DIR = 'reports/2020';
const seedFiles = readdirSync(SEED_DIR).filter((f) => f.endsWith('.yaml')).map((f) => path.join(SEED_DIR, f));
const renderer = reportPageRenderer();
const page = (r: LoadedReport) => cheerio.load(renderer.render(reportView(r), { summary: { reportLinks: {} } }).html);

/** The same report with every 总计 of its flow-mapping rows left out, so the page shows them computed. */
const withoutTotals = (text: string) => text.replace(/, 总计: [^,}]+\}/g, '}');

/** Every data cell of the page holds its value, says whether it is blank or computed, and names existing headers. */
function assertCells(r: LoadedReport, $: cheerio.CheerioAPI, label: string): void {
  assert.equal($('td[data-cell]').length, r.values.size, label);
  for (const [id, value] of r.values) {
    const td = $(`td[data-cell="${cellAttribute(r.edition.id, id)}"]`);
    assert.equal(td.length, 1, `${label} ${id}`);
    const where = `${label} ${id}`;
    assert.equal(td.text().replace('空白', '').trim(), formatValue(value), where);
    assert.equal(td.hasClass('blank'), value === null, where);
    assert.equal(td.find('.visually-hidden').text(), value === null ? '空白' : '', where);
    const title = r.computed.has(id) ? '原报告未填写此总计，由各项相加得出' : value === null ? '原报告此格为空白' : undefined;
    assert.equal(td.attr('title'), title, where);
    const table = td.closest('table');
    const ids = (td.attr('headers') ?? '').split(' ').filter(Boolean);
    assert.ok(ids.length >= 2, where);
    for (const h of ids) assert.equal(table.find(`th#${h}`).length, 1, `${where} → ${h}`);
  }
}

describe('statutory tables on a report page', () => {
  it('escapes text exactly as Nunjucks autoescape does', () => {
    // Configured as the page renderer configures it: autoescape is Nunjucks' default.
    const print = nunjucks.compile('{{ s }}', new nunjucks.Environment(undefined, { dev: true }));
    for (const s of ['', '总计', `<a href="x" title='y'>&amp;</a>\\`, '申请人情况（"第一项"+第二项）', '&&<<>>""\'\'\\\\']) {
      assert.equal(escapeHtml(s), print.render({ s }), s);
    }
  });

  for (const file of seedFiles) {
    it(`${file}: every cell shows its value with headers that exist`, () => {
      const r = mustLoad(readFileSync(file, 'utf8'), file);
      assertCells(r, page(r), file);
    });

    it(`${file}: totals left out of the file print computed, with the value the file gave`, () => {
      const text = readFileSync(file, 'utf8');
      const given = mustLoad(text, file);
      const r = mustLoad(withoutTotals(text), file);
      assert.ok(r.computed.size >= 20, `${file}: ${r.computed.size} computed totals`);
      const $ = page(r);
      assertCells(r, $, `${file} (totals left out)`);
      for (const id of r.computed) {
        if (given.values.get(id) === null) continue;
        assert.equal($(`td[data-cell="${cellAttribute(r.edition.id, id)}"]`).text().trim(), formatValue(given.values.get(id)), id);
      }
    });
  }

  it('prints the same header markup for every report of an edition, and only the values differ', () => {
    const loaded = seedFiles.map((f) => mustLoad(readFileSync(f, 'utf8'), f));
    const byEdition = new Map<number, LoadedReport[]>();
    for (const r of loaded) byEdition.set(r.edition.id, [...(byEdition.get(r.edition.id) ?? []), r]);
    assert.ok(byEdition.size === 2, 'seeds cover both editions');
    for (const reports of byEdition.values()) {
      const heads = reports.map((r) => {
        const $ = page(r);
        $('td[data-cell]').empty().removeAttr('class').removeAttr('title');
        return $('table.statutory').map((_, t) => $.html(t)).get().join('\n');
      });
      for (const h of heads) assert.equal(h, heads[0]);
    }
  });
});
