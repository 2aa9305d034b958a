/** zod issues → located Chinese diagnostics, naming table cells by their statutory labels. */
import { z } from 'zod';
import { cellName, subtotalGroups, valueCellsOf, type CellDef } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { FIELD_HINTS } from '../../schema/fields.ts';
import { META_KEYS } from '../../schema/report.ts';
import { EDITION_SCHEMAS } from '../../schema/report.ts';
import type { RuleId } from '../../schema/rules.ts';
import { cleanText, numberAdvice } from '../../schema/values.ts';
import { type Diagnostic, type Fix, severityOf } from './diagnostic.ts';
import { locate, MAX_DEPTH, nodeAt, rangeAt, type ParsedYaml, type YamlProblem } from './yaml.ts';
import { isMap, isScalar } from 'yaml';

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
  for (const c of valueCellsOf(edition)) c.path.forEach((key, i) => add(c.path.slice(0, i), key));
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

/** What a clerk typed, in words: “true”, 一个列表, 一组栏目. */
function describeValue(input: unknown, typed: string | undefined): string {
  if (Array.isArray(input)) return '一个列表（[ ] 括起来的内容）';
  if (input !== null && typeof input === 'object') return '一组栏目（{ } 括起来或下一级缩进的内容）';
  return `“${typed ?? String(input)}”`;
}

export interface IssueContext {
  readonly file: string;
  readonly parsed: ParsedYaml;
  readonly editionId: EditionId;
}

/** One zod issue → one or more diagnostics (one per unknown key). */
export function issueToDiagnostics(issue: z.core.$ZodIssue, ctx: IssueContext): Diagnostic[] {
  const { file, parsed, editionId } = ctx;
  const cells = new Map(valueCellsOf(EDITIONS[editionId]).map((c) => [pathKey(c.path), c]));
  const path = issue.path;
  // A part of a group the template admits publishing as one row (（六）其他处理 › 小计).
  const group = subtotalGroups(EDITIONS[editionId]).find((g) => path.length === g.path.length + 1 && g.path.every((k, i) => k === path[i]));
  // The group itself left out or left empty: its parts, or its one row.
  const wholeGroup = subtotalGroups(EDITIONS[editionId]).find((g) => path.length === g.path.length && g.path.every((k, i) => k === path[i]));
  const cell: CellDef | undefined = cells.get(pathKey(path));
  const what = cell ? cellName(cell) : fieldName(path);
  const make = (rule: RuleId, message: string, at: Path = path, atKey = false, fix?: Fix): Diagnostic => {
    const pos = locate(parsed, at as (string | number)[], atKey);
    return { file, line: pos.line, column: pos.column, rule, severity: severityOf(rule), message, ...(cell ? { cell: cell.id } : {}), ...(fix ? { fix } : {}) };
  };
  /** The value at `path` replaced by `text`. */
  const replaceValue = (text: string | undefined): Fix | undefined => {
    const r = text === undefined ? undefined : rangeAt(parsed, path as (string | number)[]);
    return r ? { start: r[0], end: r[1], text: text! } : undefined;
  };
  const hint = cell ? undefined : hintFor(path);
  const typed = locate(parsed, path as (string | number)[]).source;

  // A value left out or left empty is the same mistake whatever check noticed it (type, enum, literal).
  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
    const empty = parsed.unfilled.some((p) => pathKey(p) === pathKey(path));
    if (empty) {
      const how = cell
        ? `请填写${cell.kind === 'money' ? `金额（单位：${cell.unit}）` : '数字'}；若原报告此格为空白、“/”或“不适用”，请填写 null。`
        : `${hint ?? '请填写内容'}。`;
      return [make('SCHEMA-UNFILLED', `${what}尚未填写。${wholeGroup ? groupHint(wholeGroup) : `${how}${group ? oneRowHint(group) : ''}`}`, path, true)];
    }
    return [
      {
        ...make(
          'SCHEMA-MISSING',
          `缺少${what}。${cell ? '每个单元格都要填写：数字，或原报告为空白时填写 null。' : hint ? `${hint}。` : ''}请补上这一栏目（可用 nianbao new 生成的模板对照）。${group ? oneRowHint(group) : wholeGroup ? groupHint(wholeGroup) : ''}`,
        ),
        missing: path.map(String).join('/'),
      },
    ];
  }

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
        const colon = colonInKey(parsed, path, key, allowed);
        if (colon) {
          const d = make('SCHEMA-UNKNOWN-KEY', `${where}没有「${key}」这一栏目：${colon.message}`, full, true, colon.fix);
          return colon.meant ? { ...d, suggestion: [...path, colon.meant].map(String).join('/') } : d;
        }
        if (/^\d+(\.\d+)?$/.test(cleanText(key))) {
          const joined = splitNumber(parsed, path, key);
          return make(
            'SCHEMA-UNKNOWN-KEY',
            `${where}多出了一个名为「${key}」的栏目，它像是某个数字的后半截：在 { } 中英文逗号用来分隔各栏，` +
              `所以 1,234 会被拆成“1”和“234”两栏。数字不要写千位分隔符，请把这一格写作 ${joined ? `${joined.text}` : '1234 这样的形式'}。`,
            full,
            true,
            joined,
          );
        }
        const taken = guess !== undefined && keysOf(parsed, path).includes(guess);
        const rename = guess !== undefined && !taken ? rangeAt(parsed, full as (string | number)[], true) : undefined;
        const unknown = make(
          'SCHEMA-UNKNOWN-KEY',
          `${where}没有「${key}」这一栏目。` +
            (guess ? `${whyNotKey(key, guess)}请把栏目名改为「${guess}」。` : '请检查栏目名称是否有错别字。') +
            (allowed.length && allowed.length <= 12 ? `此处可填写的栏目有：${allowed.join('、')}。` : ''),
          full,
          true,
          rename ? { start: rename[0], end: rename[1], text: guess! } : undefined,
        );
        return guess ? { ...unknown, suggestion: [...path, guess].map(String).join('/') } : unknown;
      });
    }
    case 'invalid_type': {
      if (cell) {
        if (issue.expected === 'int') {
          return [make('SCHEMA-INTEGER', `${what}填写为 ${typed ?? String(issue.input)}，但这一格是件数或项数，只能是整数，不能有小数。请核对原报告中这一格的数字。`)];
        }
        if (typeof issue.input === 'string') {
          const advice = numberAdvice(issue.input, cell);
          return [make('SCHEMA-NUMBER-FORMAT', `${what}：${advice.message}`, path, false, replaceValue(advice.replacement))];
        }
        return [make('SCHEMA-TYPE', `${what}应填写一个数字，现在填的是${describeValue(issue.input, typed)}。请只填写阿拉伯数字，如 12；原报告此格为空白、“/”或“不适用”时填写 null。`)];
      }
      if (issue.expected === 'string') {
        const quoted = typed !== undefined && typeof issue.input === 'number' && !/["'\\]/.test(typed) ? `"${typed}"` : '';
        return [make('SCHEMA-TYPE', `${what}应为文字。${hint ? `${hint}。` : ''}${quoted ? `如果内容本身是数字，请用英文引号括起来：${quoted}。` : ''}`, path, false, replaceValue(quoted || undefined))];
      }
      if (issue.expected === 'array') return [make('SCHEMA-TYPE', `${what}应为列表，写作 [项目一, 项目二]。${hint ? `${hint}。` : ''}`)];
      if (issue.expected === 'object') return [make('SCHEMA-TYPE', `${what}下应逐项填写栏目，不能直接填一个值（现在填的是${describeValue(issue.input, typed)}）。请用 nianbao new 生成的模板对照填写。`)];
      if ((issue.expected === 'number' || issue.expected === 'int') && typeof issue.input === 'string') {
        const year = path.length === 1 && path[0] === META_KEYS.year ? /^(\d{4})\s*年度?$/.exec(cleanText(issue.input)) : null;
        if (year) return [make('SCHEMA-NUMBER-FORMAT', `${what}只填数字：“${cleanText(issue.input)}”应写作 ${year[1]}。`, path, false, replaceValue(year[1]))];
        return [make('SCHEMA-NUMBER-FORMAT', `${what}：${numberAdvice(issue.input).message}${hint ? `${hint}。` : ''}`)];
      }
      return [make('SCHEMA-TYPE', `${what}应填写${issue.expected === 'number' || issue.expected === 'int' ? '数字' : issue.expected}，现在填的是${describeValue(issue.input, typed)}。${hint ? `${hint}。` : ''}`)];
    }
    case 'too_small': {
      if (cell && issue.origin === 'number') {
        return [make('SCHEMA-NEGATIVE', `${what}填写为 ${typed ?? String(issue.input)}，但件数、项数不能为负数（只有“本年增/减”可以为负）。请核对后填写 0 或正数。`)];
      }
      if (issue.origin === 'string') return [make('SCHEMA-UNFILLED', `${what}不能为空。${hint ? `${hint}。` : ''}`)];
      if (issue.origin === 'array') return [make('SCHEMA-UNFILLED', `${what}不能为空列表。${hint ? `${hint}。` : ''}`)];
      return [make('SCHEMA-VALUE', `${what}填写为 ${typed ?? String(issue.input)}，小于允许的最小值 ${String(issue.minimum)}。${hint ? `${hint}。` : ''}`)];
    }
    case 'too_big':
      return [make('SCHEMA-VALUE', `${what}填写为 ${typed ?? String(issue.input)}，大于允许的最大值 ${String(issue.maximum)}。${hint ? `${hint}。` : ''}`)];
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
      if (code === 'segment') {
        const problem = (issue.params as { problem: string }).problem;
        return [make('SCHEMA-VALUE', `${what}填写为“${typed ?? String(issue.input)}”，不能用作地区名称：它会成为网站的一级文件夹名，而这个名称${problem}`)];
      }
      if (code === 'subtotal-parts' && group) {
        const label = (key: string) => group.node.children!.find((n) => n.key === key)?.label ?? key;
        const given = (issue.params as { given: string[] }).given;
        const sub = group.node.subtotal.key;
        return [
          make(
            'SCHEMA-MISSING',
            `「${group.node.label}」写了${sub}（原报告只印一行），又只写了部分分项（${given.map(label).join('、')}），缺少「${label(String(path.at(-1)))}」。` +
              `分项要么全部填写（原报告分项公布时；${sub}写了就须等于各分项之和），要么全部不写（原报告只印“${group.node.label}”一行时，只写${sub}）。请对照原报告补全分项，或删去已写的分项。`,
            path.slice(0, -1),
            true,
          ),
        ];
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

/** How to write a group the report printed as one row (see `GroupSubtotal`). */
function oneRowHint(group: ReturnType<typeof subtotalGroups>[number]): string {
  const sub = group.node.subtotal.key;
  return `若原报告“${group.node.label}”只印了一行、没有分项，不要编造分项：删去各分项，把这一行的数字照原报告写在「${group.node.key}」下的「${sub}」中：${sub}: {${group.cells.map((c) => `${c.colKeys.join('/')}: …`).join(', ')}}。`;
}

/** For a group left out or left empty: write its parts, or, where the report printed it as one row, that row under 小计. */
function groupHint(group: ReturnType<typeof subtotalGroups>[number]): string {
  const sub = group.node.subtotal.key;
  return `「${group.node.key}」下按原报告逐行填写各分项：${group.parts.join('、')}（写法与其他各行相同）。若原报告“${group.node.label}”只印了一行、没有分项，不要编造分项：把这一行的数字照原报告写在「${group.node.key}」下的「${sub}」中：${sub}: {${group.cells.map((c) => `${c.colKeys.join('/')}: …`).join(', ')}}。`;
}

/** The keys written in the mapping at `path`. */
function keysOf(parsed: ParsedYaml, path: Path): string[] {
  const { node, depth } = nodeAt(parsed.doc, path as (string | number)[]);
  if (depth !== path.length || !isMap(node)) return [];
  return node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter(Boolean);
}

/** Why a key is not the label it resembles: invisible spaces and bracket widths are named. */
function whyNotKey(key: string, guess: string): string {
  if (/[\s\u3000]/.test(key) && key.replace(/[\s\u3000]/g, '') === guess.replace(/\s/g, '')) {
    return `栏目名里多了空格（中文输入法的全角空格“　”看不出来），应为「${guess}」。`;
  }
  if (key.normalize('NFKC') === guess.normalize('NFKC')) return `栏目名中的括号或数字用了另一种宽度（全角、半角），应为「${guess}」。`;
  return `您是否想写「${guess}」？`;
}

/**
 * A key that holds its own value because the colon after it is the full-width “：”, or has no
 * space after it (`本年处理决定数量：2`, `行政处罚：{本年处理决定数量`): the YAML reader takes the
 * whole text as one key and its value is lost. The fix writes an ASCII colon and one space
 * where the clerk's colon is, so the value is read again.
 */
function colonInKey(parsed: ParsedYaml, path: Path, key: string, allowed: readonly string[]): { message: string; fix?: Fix; meant?: string } | undefined {
  const m = /^(.*?)[\s\u3000]*(：|:(?=[^\s]|\u3000))[\s\u3000]*(.+)$/su.exec(key);
  if (!m) return undefined;
  const [, left, sep, right] = m as unknown as [string, string, string, string];
  const meant = allowed.includes(left.trim()) ? left.trim() : closest(left, allowed);
  if (!meant && !allowed.length) return undefined;
  const r = rangeAt(parsed, [...path, key] as (string | number)[], true);
  const raw = r ? parsed.source.slice(r[0], r[1]) : undefined;
  // Only a plain key is rewritten: its text in the file is the key itself.
  const sepAt = raw === key ? /[\s\u3000]*(?:：|:(?=[^\s]|\u3000))[\s\u3000]*/u.exec(raw) : null;
  const fix = r && sepAt ? { start: r[0] + sepAt.index, end: r[0] + sepAt.index + sepAt[0].length, text: ': ' } : undefined;
  const what = sep === '：' ? '栏目名后面用了中文冒号“：”' : '冒号后面缺少空格（或用了全角空格）';
  let fixed = `${left.trim()}: ${right}`;
  if (fix) {
    const after = parsed.source.slice(0, fix.start) + fix.text + parsed.source.slice(fix.end);
    const lineStart = after.lastIndexOf('\n', fix.start - 1) + 1;
    const lineEnd = after.indexOf('\n', fix.start);
    fixed = after.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\s+#.*$/, '').trim();
  }
  return {
    message:
      `${what}，所以整段“${key}”被读成了一个栏目名，后面填的内容没有被读到。` +
      `栏目名后面要写英文冒号“:”再加一个空格，这一处应写作：${fixed}`,
    ...(fix ? { fix } : {}),
    ...(meant ? { meant } : {}),
  };
}

/**
 * `{自然人: 1,234}` reads as 自然人 = 1 and a key “234” with no value: the fix joins the two
 * parts back into one number (1234) in place of “1,234”.
 */
function splitNumber(parsed: ParsedYaml, path: Path, key: string): Fix | undefined {
  const { node, depth } = nodeAt(parsed.doc, path as (string | number)[]);
  if (depth !== path.length || !isMap(node)) return undefined;
  const i = node.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  const prev = node.items[i - 1]?.value;
  const keyNode = node.items[i]?.key;
  if (i < 1 || !isScalar(prev) || !isScalar(keyNode) || !prev.range || !keyNode.range) return undefined;
  const head = parsed.source.slice(prev.range[0], prev.range[1]);
  const tail = parsed.source.slice(keyNode.range[0], keyNode.range[1]);
  if (!/^\d{1,3}$/.test(head) || !/^\d{3}$/.test(tail)) return undefined;
  const between = parsed.source.slice(prev.range[1], keyNode.range[0]);
  if (!/^,\s*$/.test(between)) return undefined;
  return { start: prev.range[0], end: keyNode.range[1], text: head + tail };
}

/** Whether the report schema of an edition has a field at this key path. */
export function schemaHas(editionId: EditionId, path: readonly (string | number)[]): boolean {
  let node: z.ZodType | undefined = EDITION_SCHEMAS[editionId];
  for (const key of path) {
    // Optional and nullable wrappers and preprocessing pipes hide the object inside.
    for (;;) {
      if (node instanceof z.ZodOptional || node instanceof z.ZodNullable) node = node.unwrap() as z.ZodType;
      else if (node instanceof z.ZodPipe) node = node.out as z.ZodType;
      else break;
    }
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(key)];
    else if (node instanceof z.ZodArray && typeof key === 'number') node = node.element as z.ZodType;
    else return false;
    if (node === undefined) return false;
  }
  return true;
}

/**
 * Keys written with no value (`key:`) are left out of the data, so the schema never sees them;
 * one that does not exist would vanish silently (1,234 in `{ }` makes a key 234). Report them.
 */
export function unknownEmptyKeys(ctx: IssueContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of ctx.parsed.unfilled) {
    if (schemaHas(ctx.editionId, p)) continue;
    const parent = p.slice(0, -1);
    if (!schemaHas(ctx.editionId, parent)) continue;
    const issue = { code: 'unrecognized_keys', keys: [String(p.at(-1))], path: parent, input: undefined, message: '' } as z.core.$ZodIssue;
    out.push(...issueToDiagnostics(issue, ctx));
  }
  return out;
}

const lineOf = (text: string, offset: number): { number: number; text: string } => {
  const before = text.slice(0, offset);
  const start = before.lastIndexOf('\n') + 1;
  const end = text.indexOf('\n', offset);
  return { number: before.split('\n').length, text: text.slice(start, end < 0 ? undefined : end) };
};

const GENERAL = '请对照上下行的格式修改：栏目名后面是英文冒号和一个空格，同一层的栏目左对齐，用空格缩进（每层两个空格，不要用 Tab）。';

/** A YAML reading problem in words a clerk understands, naming the likely cause. */
export function yamlProblemMessage(p: YamlProblem, text: string): string {
  const line = lineOf(text, p.offset);
  if (p.code === 'YAML-DUPLICATE-KEY') {
    const key = /^\s*(?:-\s+)?["']?([^"':#{}\[\],]+?)["']?\s*:/.exec(text.slice(p.offset))?.[1] ?? '';
    return `${key ? `「${key}」` : '这个栏目'}在同一层填写了两次，无法确定以哪一次为准。请删去重复的一行，只保留正确的一行。`;
  }
  if (p.code === 'YAML-ALIAS') {
    return `文件使用了过多的 YAML 别名（*名称）引用（${p.message}），为防止读取时耗尽内存已拒绝读取。报告文件不需要锚点（&）和别名（*），请直接填写每一项的内容。`;
  }
  const head = '文件的格式有误，无法读取：';
  const tech = `（技术信息：${p.message.split('\n')[0]}）`;
  if (p.yamlCode === 'TAB_AS_INDENT' || /^\s*\t/.test(line.text)) {
    return `${head}第 ${line.number} 行用 Tab 键缩进了。YAML 只能用空格缩进：请删去 Tab，改用空格，与同一层的栏目对齐。${tech}`;
  }
  if (/^\s*[^\s#:：]+：/.test(line.text)) {
    return `${head}第 ${line.number} 行的栏目名后面用了中文冒号“：”。请改为英文冒号加一个空格，如“年度: 2020”。${tech}`;
  }
  if (/^\s*[^\s#:"'{}[\]]+:[^\s/]/.test(line.text)) {
    return `${head}第 ${line.number} 行的冒号后面缺少空格。栏目名后面要写英文冒号再加一个空格，如“层级: 乡级”。${tech}`;
  }
  if (p.yamlCode === 'MISSING_CHAR' && /quote/.test(p.message)) {
    // The offset is at the quote that opens (see relocate in yaml.ts).
    const q = /'quote/.test(p.message) ? "'" : '"';
    return `${head}第 ${line.number} 行的引号没有配对：以英文引号 ${q} 开始的内容必须以另一个 ${q} 结束。请补上结尾的引号，或删去开头的引号。${tech}`;
  }
  if (p.yamlCode === 'TAG') {
    const tag = /^!\S*/.exec(text.replace(/^\ufeff/, '').slice(p.offset))?.[0] ?? '!';
    return `${head}第 ${line.number} 行的「${tag}」是 YAML 标签，报告文件不使用标签，它会改变或丢掉这一项的内容。请删去「${tag}」；若内容本身以 ! 开头，请用英文引号括起来，如 "${tag}"。${tech}`;
  }
  if (p.yamlCode === 'DEPTH') {
    return `${head}从第 ${line.number} 行起的内容一层套一层，嵌套超过 ${MAX_DEPTH} 层，无法读取。报告的栏目最多只有五六层：请检查这一段，删去多余的 [ 、{ 或多余的缩进。${tech}`;
  }
  if (/flow (map|sequence)/i.test(p.message) || (p.yamlCode === 'UNEXPECTED_TOKEN' && /flow-(map|seq)-end/.test(p.message))) {
    return `${head}第 ${line.number} 行附近的 { } 或 [ ] 没有配对：每个 { 要有一个 } 结束，每个 [ 要有一个 ] 结束，并写在同一行。请补上缺少的括号，或删去多余的括号。${tech}`;
  }
  if (p.yamlCode === 'BAD_SCALAR_START') {
    return `${head}第 ${line.number} 行的内容以 @、\` 等特殊符号开头。这样的内容须用英文引号括起来，如 "@某某"。${tech}`;
  }
  if (p.yamlCode === 'BAD_DQ_ESCAPE') {
    return `${head}第 ${line.number} 行双引号中的反斜杠“\\”无法识别。请删去反斜杠，或把双引号改为单引号。${tech}`;
  }
  if (p.yamlCode === 'BAD_INDENT' || p.yamlCode === 'BLOCK_AS_IMPLICIT_KEY' || p.yamlCode === 'MULTILINE_IMPLICIT_KEY' || /same column|indent/i.test(p.message)) {
    return `${head}第 ${line.number} 行的缩进与同一层的栏目不一致。请把它与同一层的栏目左对齐（下一层比上一层多缩进两个空格）。${tech}`;
  }
  return `${head}第 ${line.number} 行附近不符合 YAML 格式。${GENERAL}${tech}`;
}
