/** zod issues → located Chinese diagnostics, naming table cells by their statutory labels. */
import type { z } from 'zod';
import { cellName, cellsOf, type CellDef } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { FIELD_HINTS } from '../../schema/fields.ts';
import { META_KEYS } from '../../schema/report.ts';
import type { RuleId } from '../../schema/rules.ts';
import { cleanText, numberAdvice } from '../../schema/values.ts';
import { type Diagnostic, severityOf } from './diagnostic.ts';
import { locate, type ParsedYaml } from './yaml.ts';

type Path = readonly PropertyKey[];
const pathKey = (p: Path) => p.map(String).join('\u0000');

const hintFor = (path: Path): string | undefined => FIELD_HINTS[path.filter((p) => typeof p === 'string').join('/')];

/** 「机关 › 联系方式 › 邮编」 */
const fieldName = (path: Path) => `「${path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : String(p))).join(' › ')}」`;

/** Every key path that exists in an edition (tables only), for unknown-key advice. */
function knownPaths(editionId: EditionId): Map<string, string[]> {
  const children = new Map<string, string[]>();
  const add = (parent: Path, key: string) => {
    const k = pathKey(parent);
    const list = children.get(k) ?? [];
    if (!list.includes(key)) list.push(key);
    children.set(k, list);
  };
  const edition = EDITIONS[editionId];
  for (const s of edition.sections) add([], s.key);
  for (const k of Object.values(META_KEYS)) add([], k);
  for (const c of cellsOf(edition)) c.path.forEach((key, i) => add(c.path.slice(0, i), key));
  return children;
}

const KNOWN = Object.fromEntries(Object.keys(EDITIONS).map((id) => [id, knownPaths(Number(id) as EditionId)])) as Record<EditionId, Map<string, string[]>>;

/** Keys that differ only by spacing, bracket width, 釆/采 and the like. */
const loose = (s: string) => cleanText(s).replace(/\s+/g, '').replace(/釆/g, '采').replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*/, '');

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

/** The allowed key a mistyped key most likely meant. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  const exact = allowed.find((k) => loose(k) === loose(key));
  if (exact) return exact;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of allowed) {
    const dist = distance(loose(key), loose(k));
    if (dist < bestD) [best, bestD] = [k, dist];
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(loose(key).length / 3)) ? best : undefined;
}

export interface IssueContext {
  readonly file: string;
  readonly parsed: ParsedYaml;
  readonly editionId: EditionId;
}

/** One zod issue → one or more diagnostics (one per unknown key). */
export function issueToDiagnostics(issue: z.core.$ZodIssue, ctx: IssueContext): Diagnostic[] {
  const { file, parsed, editionId } = ctx;
  const cells = new Map(cellsOf(EDITIONS[editionId]).map((c) => [pathKey(c.path), c]));
  const path = issue.path;
  const cell: CellDef | undefined = cells.get(pathKey(path));
  const what = cell ? cellName(cell) : fieldName(path);
  const make = (rule: RuleId, message: string, at: Path = path, atKey = false): Diagnostic => {
    const pos = locate(parsed, at as (string | number)[], atKey);
    return { file, line: pos.line, column: pos.column, rule, severity: severityOf(rule), message, ...(cell ? { cell: cell.id } : {}) };
  };
  const hint = cell ? undefined : hintFor(path);
  const typed = locate(parsed, path as (string | number)[]).source;

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = KNOWN[editionId].get(pathKey(path)) ?? [];
      return issue.keys.map((key) => {
        const full = [...path, key];
        const other = (Object.keys(KNOWN).map(Number) as EditionId[]).find(
          (id) => id !== editionId && (KNOWN[id].get(pathKey(path)) ?? []).includes(key),
        );
        if (other !== undefined) {
          const o = EDITIONS[other];
          const e = EDITIONS[editionId];
          return make(
            'SCHEMA-EDITION-SHAPE',
            `「${key}」是${o.name}格式（${o.source}）的栏目，而本报告“版本”为 ${editionId}（${e.source}），${e.name}格式没有这一栏目。` +
              `若原报告按${o.name}格式发布，请把“版本”改为 ${other}；否则请删去这一栏目，按${e.name}格式填写（可用 nianbao new 生成空白模板对照）。`,
            full,
            true,
          );
        }
        const guess = closest(key, allowed);
        const where = path.length ? `${fieldName(path)}下` : '报告的第一层';
        return make(
          'SCHEMA-UNKNOWN-KEY',
          `${where}没有「${key}」这一栏目。` +
            (guess ? `您是否想写「${guess}」？请把栏目名改为「${guess}」。` : '请检查栏目名称是否有错别字，或删去这一行。') +
            (allowed.length && allowed.length <= 12 ? `此处可填写的栏目有：${allowed.join('、')}。` : ''),
          full,
          true,
        );
      });
    }
    case 'invalid_type': {
      if (issue.input === undefined) {
        const empty = parsed.unfilled.some((p) => pathKey(p) === pathKey(path));
        if (empty) {
          const how = cell
            ? `请填写${cell.kind === 'money' ? `金额（单位：${cell.unit}）` : '数字'}；若原报告此格为空白、“/”或“不适用”，请填写 null。`
            : `${hint ?? '请填写内容'}。`;
          return [make('SCHEMA-UNFILLED', `${what}尚未填写。${how}`, path, true)];
        }
        return [
          make(
            'SCHEMA-MISSING',
            `缺少${what}。${cell ? '每个单元格都要填写：数字，或原报告为空白时填写 null。' : hint ? `${hint}。` : ''}请补上这一栏目（可用 nianbao new 生成的模板对照）。`,
          ),
        ];
      }
      if (cell) {
        if (issue.expected === 'int') {
          return [make('SCHEMA-INTEGER', `${what}填写为 ${typed ?? String(issue.input)}，但件数、项数只能是整数。请填写整数，如 ${Math.round(Number(issue.input))}。`)];
        }
        if (typeof issue.input === 'string') return [make('SCHEMA-NUMBER-FORMAT', `${what}：${numberAdvice(issue.input)}`)];
        return [make('SCHEMA-TYPE', `${what}应填写数字，现在是“${typed ?? String(issue.input)}”。请填写阿拉伯数字；原报告此格为空白时填写 null。`)];
      }
      if (issue.expected === 'string') {
        const quoted = typed !== undefined ? `"${typed}"` : '';
        return [make('SCHEMA-TYPE', `${what}应为文字。${hint ? `${hint}。` : ''}${quoted ? `如果内容本身是数字，请用英文引号括起来：${quoted}。` : ''}`)];
      }
      if (issue.expected === 'array') return [make('SCHEMA-TYPE', `${what}应为列表，写作 [项目一, 项目二]。${hint ? `${hint}。` : ''}`)];
      if (issue.expected === 'object') return [make('SCHEMA-TYPE', `${what}下应逐项填写栏目，不能直接填一个值。请用 nianbao new 生成的模板对照填写。`)];
      return [make('SCHEMA-TYPE', `${what}填写的内容类型不对（应为${issue.expected === 'number' || issue.expected === 'int' ? '数字' : issue.expected}）。${hint ? `${hint}。` : ''}`)];
    }
    case 'too_small': {
      if (cell && issue.origin === 'number') {
        return [make('SCHEMA-NEGATIVE', `${what}填写为 ${typed ?? String(issue.input)}，但件数、项数不能为负数（只有“本年增/减”可以为负）。请核对后填写 0 或正数。`)];
      }
      if (issue.origin === 'string') return [make('SCHEMA-UNFILLED', `${what}不能为空。${hint ? `${hint}。` : ''}`)];
      if (issue.origin === 'array') return [make('SCHEMA-UNFILLED', `${what}不能为空列表。${hint ? `${hint}。` : ''}`)];
      return [make('SCHEMA-VALUE', `${what}的值太小。${hint ? `${hint}。` : ''}`)];
    }
    case 'too_big':
      return [make('SCHEMA-VALUE', `${what}的值太大。${hint ? `${hint}。` : ''}`)];
    case 'invalid_value':
      return [make('SCHEMA-VALUE', `${what}不能填写“${typed ?? String(issue.input)}”。${hint ? `${hint}。` : `只能填写：${issue.values.join('、')}。`}`)];
    case 'invalid_format':
      return [make('SCHEMA-VALUE', `${what}的写法不对：“${typed ?? String(issue.input)}”。${hint ? `${hint}。` : ''}`)];
    case 'custom': {
      const code = (issue.params as { code?: string; decimals?: number } | undefined)?.code;
      if (code === 'decimals' && cell) {
        const d = (issue.params as { decimals: number }).decimals;
        return [make('SCHEMA-DECIMALS', `${what}填写为 ${typed ?? String(issue.input)}，单位为${cell.unit}，最多保留 ${d} 位小数。请按原报告的金额四舍五入后填写。`)];
      }
      if (code === 'date') {
        return [make('SCHEMA-DATE', `${what}“${typed ?? String(issue.input)}”不是有效的日期。${FIELD_HINTS[META_KEYS.published]}。`)];
      }
      return [make('SCHEMA-VALUE', `${what}的值不符合要求。${hint ? `${hint}。` : ''}`)];
    }
    default:
      return [make('SCHEMA-VALUE', `${what}的值不符合要求。${hint ? `${hint}。` : ''}`)];
  }
}
