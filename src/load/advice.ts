/**
 * Mistakes a clerk makes on a Chinese keyboard that stop the YAML reader — a full-width colon,
 * comma or braces, no space after a colon, “-” typed for a blank, a Tab, a “{” left open — named
 * in Chinese with the edit that corrects them (`Fix`), and the rest of the file read anyway.
 *
 * A fix is offered only when it is certain: applying it makes that line readable and keeps
 * every figure the clerk typed (a blank stays a blank: “-” becomes null, never 0).
 */
import { isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Fix } from './diagnostic.ts';
import { yamlProblemMessage } from './messages.ts';
import { MAX_ALIAS_COUNT, parseYaml, type ParsedYaml, type YamlProblem } from './yaml.ts';

/** A YAML problem explained: the message, where to point (an offset into the source), and the fix when certain. */
export interface YamlAdvice {
  readonly message: string;
  readonly offset: number;
  readonly fix?: Fix;
}

interface Line {
  readonly number: number;
  readonly start: number;
  readonly text: string;
}

function lineAt(source: string, offset: number): Line {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  const end = source.indexOf('\n', offset);
  return { number: source.slice(0, start).split('\n').length, start, text: source.slice(start, end < 0 ? undefined : end).replace(/\r$/, '') };
}

function lineNumbered(source: string, n: number): Line {
  const lines = source.split('\n');
  const start = lines.slice(0, n - 1).reduce((s, l) => s + l.length + 1, 0);
  return { number: n, start, text: (lines[n - 1] ?? '').replace(/\r$/, '') };
}

/** Column (1-based, in characters as editors count them) of an offset on a line. */
const positionIn = (line: Line, offset: number) => offset - line.start + 1;

/** The text of a line without its comment (a # after a space, outside quotes — good enough for report rows). */
const codeOf = (text: string) => text.replace(/(^|\s)#.*$/, '');

const HEAD = '文件的格式有误，无法读取：';
const tech = (p: YamlProblem) => `（技术信息：${p.message.split('\n')[0]}）`;

const apply = (source: string, fix: Fix) => source.slice(0, fix.start) + fix.text + source.slice(fix.end);

/** The parser's complaints about the last text checked, counted once for all its fixes. */
let counted: { source: string; errors: number } | undefined;

/** Whether a fix makes the parser's complaints on `line` go away (and adds none elsewhere). */
function clears(source: string, fix: Fix, line: number): boolean {
  if (counted?.source !== source) counted = { source, errors: parseDocument(source, { prettyErrors: false, strict: true }).errors.filter((e) => e.code !== 'DUPLICATE_KEY').length };
  const before = counted.errors;
  const fixed = apply(source, fix);
  const lines = new LineCounter();
  const errors = parseDocument(fixed, { prettyErrors: false, strict: true, lineCounter: lines }).errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  return errors.length < before && !errors.some((e) => lines.linePos(e.pos[0]).line === line);
}

/** One YAML problem in a clerk's words, with its certain fix. */
export function yamlAdvice(p: YamlProblem, source: string): YamlAdvice {
  const fallback = { message: yamlProblemMessage(p, source), offset: p.offset };
  if (p.code !== 'YAML-SYNTAX') return fallback;
  const line = lineAt(source, p.offset);
  // A key with a full-width colon or no space after it often breaks only the lines below it.
  const above = previousLine(source, line.number);
  const found = specific(p, source, line) ?? (above && /indent|same column|implicit/i.test(p.message) ? colonMistake(above) : undefined);
  if (!found) return fallback;
  const fix = found.fix && clears(source, found.fix, lineAt(source, found.fix.start).number) ? found.fix : undefined;
  return { message: `${HEAD}${found.message}${tech(p)}`, offset: found.offset, ...(fix ? { fix } : {}) };
}

/** The mistakes recognised, most certain first. */
function specific(p: YamlProblem, source: string, line: Line): { message: string; offset: number; fix?: Fix } | undefined {
  const at = (i: number) => line.start + i;
  const code = codeOf(line.text);

  // “-” (or “- ”) typed for a blank cell: YAML reads it as the start of a list.
  if (source[p.offset] === '-' && /^-\s*(?:[,}\]]|$|#)/.test(source.slice(p.offset, source.indexOf('\n', p.offset) >>> 0 || undefined)) && /[:：]\s*$/.test(source.slice(line.start, p.offset))) {
    const key = /([^\s{},:：]+)\s*[:：]\s*$/.exec(source.slice(line.start, p.offset))?.[1];
    return {
      message: `第 ${line.number} 行${key ? `「${key}」` : ''}填写的“-”在 YAML 中表示列表，无法作为一格的内容。原报告此格为空白（“-”“—”表示未填或不适用）时，应写作 null；空白不等于 0，不要改填 0。`,
      offset: p.offset,
      fix: { start: p.offset, end: p.offset + 1, text: 'null' },
    };
  }

  // Tab used for indentation.
  const tab = /^([ \t]*)\t/.exec(line.text);
  if (p.yamlCode === 'TAB_AS_INDENT' || tab) {
    const lead = /^[ \t]*/.exec(line.text)![0];
    const fix = tabFix(source, line, lead);
    return {
      message: `第 ${line.number} 行用 Tab 键缩进了。YAML 只能用空格缩进：请删去 Tab，改用空格，与同一层的栏目对齐${fix ? `（这一行应缩进 ${fix.text.length} 个空格）` : ''}。`,
      offset: line.start,
      ...(fix ? { fix } : {}),
    };
  }

  // Full-width braces or parentheses around a table row: ｛自然人: 3｝, （自然人: 3）.
  const row = /^(\s*[^\s#:：]+\s*[:：]\s*)([｛{（(【])(.*)([｝}）)】])\s*$/.exec(code);
  if (row && (row[2] !== '{' || row[4] !== '}') && /[:：]/.test(row[3]!)) {
    const start = at(row[1]!.length);
    const end = start + row[2]!.length + row[3]!.length + row[4]!.length;
    const wide = `${row[2]}${row[4]}`;
    return {
      message: `第 ${line.number} 行一行表格的括号用了“${wide}”。表格的一行要用英文大括号 { } 括起来：请把“${row[2]}”改为“{”，“${row[4]}”改为“}”。`,
      offset: start,
      fix: { start, end, text: `{${row[3]}}` },
    };
  }
  const open = /[｛]/.exec(code);
  if (open) {
    return { message: `第 ${line.number} 行用了中文大括号“｛”“｝”。表格的一行要用英文大括号 { } 括起来，请改用英文大括号。`, offset: at(open.index) };
  }

  // Full-width comma (or 、；) between cells: {自然人: 3，商业企业: 0}.
  const seps = [...code.matchAll(/[ \t\u3000]*[，、；;][ \t\u3000]*(?=[^\s,，、；;{}:：]+\s*[:：])/g)];
  if (code.includes('{') && seps.length) {
    const first = seps[0]!;
    const last = seps.at(-1)!;
    const start = at(first.index);
    const end = at(last.index + last[0].length);
    const fixedLine = code.replace(/[ \t\u3000]*[，、；;][ \t\u3000]*(?=[^\s,，、；;{}:：]+\s*[:：])/g, ', ');
    const mark = first[0].trim();
    const text = fixedLine.slice(first.index, fixedLine.length - (code.length - (last.index + last[0].length)));
    return {
      message: `第 ${line.number} 行的 { } 中用了${mark === '，' ? '中文逗号' : mark === '、' ? '顿号' : '分号'}“${mark}”分隔各栏。各栏之间要用英文逗号“,”加一个空格分隔：请把“${mark}”改为“, ”。`,
      offset: start,
      fix: { start, end, text },
    };
  }

  // No comma between two cells: {自然人: 3 商业企业: 0}.
  const gap = /:[ \t]*[^\s,，{}:：]+([ \t\u3000]+)(?=[^\s,，{}:：#]+[ \t]*:)/.exec(code);
  if (code.includes('{') && gap) {
    const start = at(gap.index + gap[0].length - gap[1]!.length);
    return {
      message: `第 ${line.number} 行的 { } 中两栏之间缺少逗号。各栏之间要用英文逗号“,”加一个空格分隔：请在第 ${positionIn(line, start)} 列补上逗号。`,
      offset: start,
      fix: { start, end: start + gap[1]!.length, text: ', ' },
    };
  }

  const colon = colonMistake(line);
  if (colon) return colon;

  // A { or [ left open (the parser notices on a later line), or one closed twice.
  const unbalanced = openBracket(source, line.number);
  if (unbalanced && (/flow (map|sequence)/i.test(p.message) || p.yamlCode === 'BAD_INDENT')) {
    const { line: l, index, close } = unbalanced;
    const body = codeOf(l.text).replace(/\s+$/, '');
    const insertAt = l.start + body.length;
    return {
      message: `第 ${l.number} 行的“${l.text[index]}”没有对应的“${close}”：表格的一行以“${l.text[index]}”开始，要在同一行以“${close}”结束。请在这一行的末尾补上“${close}”。`,
      offset: l.start + index,
      fix: { start: insertAt, end: insertAt, text: close },
    };
  }
  const extra = /^(?:flow-map-end|flow-seq-end)/.test(/Unexpected (\S+) token/.exec(p.message)?.[1] ?? '') ? source[p.offset] : undefined;
  if (extra === '}' || extra === ']') {
    return {
      message: `第 ${line.number} 行多了一个“${extra}”：每个“${extra === '}' ? '{' : '['}”只配一个“${extra}”。请删去多余的“${extra}”。`,
      offset: p.offset,
      fix: { start: p.offset, end: p.offset + 1, text: '' },
    };
  }
  return undefined;
}

/** The line before line `n` that holds more than spaces and a comment. */
function previousLine(source: string, n: number): Line | undefined {
  for (let k = n - 1; k >= 1; k--) {
    const l = lineNumbered(source, k);
    if (codeOf(l.text).trim() !== '') return l;
  }
  return undefined;
}

/** A key followed by a full-width colon, or by a colon with no space, on this line. */
function colonMistake(line: Line): { message: string; offset: number; fix?: Fix } | undefined {
  const at = (i: number) => line.start + i;
  // Full-width colon after a key: 年度：2021, 第二十条第（一）项：
  const colon = /^(\s*(?:-\s+)?)([^\s#:：{}[\],"']+?)[ \t\u3000]*：[ \t\u3000]*/.exec(line.text);
  if (colon) {
    const start = at(colon[1]!.length + colon[2]!.length);
    const end = at(colon[0].length);
    const rest = line.text.slice(colon[0].length);
    const text = rest === '' || rest.startsWith('#') ? ':' : ': ';
    return {
      message: `第 ${line.number} 行的栏目名「${colon[2]}」后面用了中文冒号“：”。YAML 只认英文冒号：请改为英文冒号加一个空格，写作“${colon[2]}${text}${codeOf(rest).trim()}”。`,
      offset: start,
      fix: { start, end, text: text === ':' ? ':' : ': ' },
    };
  }

  // No space (or a full-width space) after a colon: 年度:2021.
  const tight = /^(\s*(?:-\s+)?)([^\s#:"'{}[\]]+):(\u3000*)(?=[^\s/]|\u3000)/.exec(line.text);
  if (tight) {
    const start = at(tight[1]!.length + tight[2]!.length + 1);
    return {
      message: `第 ${line.number} 行「${tight[2]}」的冒号后面缺少空格${tight[3] ? '（冒号后面是中文输入法的全角空格）' : ''}。栏目名后面要写英文冒号再加一个空格，写作“${tight[2]}: ${codeOf(line.text.slice(tight[0].length)).trim()}”。`,
      offset: start,
      fix: { start, end: start + tight[3]!.length, text: ' ' },
    };
  }

  return undefined;
}

/** The nearest line at or above `n` (within three lines) with a { or [ it does not close. */
function openBracket(source: string, n: number): { line: Line; index: number; close: string } | undefined {
  for (let k = n; k >= Math.max(1, n - 3); k--) {
    const l = lineNumbered(source, k);
    const code = codeOf(l.text);
    const stack: number[] = [];
    for (let i = 0; i < code.length; i++) {
      if (code[i] === '{' || code[i] === '[') stack.push(i);
      else if ((code[i] === '}' || code[i] === ']') && stack.length) stack.pop();
    }
    if (stack.length) {
      const index = stack.at(-1)!;
      return { line: l, index, close: l.text[index] === '{' ? '}' : ']' };
    }
  }
  return undefined;
}

/**
 * Spaces for a line indented with Tab: the indentation of the line above, or two more when the
 * line above opens a block (`key:`), whichever makes the file readable there.
 */
function tabFix(source: string, line: Line, lead: string): Fix | undefined {
  let above: Line | undefined;
  for (let k = line.number - 1; k >= 1; k--) {
    const l = lineNumbered(source, k);
    if (codeOf(l.text).trim() !== '' && !/\t/.test(/^[ \t]*/.exec(l.text)![0])) {
      above = l;
      break;
    }
  }
  if (!above) return undefined;
  const indent = /^ */.exec(above.text)![0].length;
  const opens = /:\s*(?:[|>][-+]?)?\s*$/.test(codeOf(above.text));
  const candidates = opens ? [indent + 2] : [indent];
  for (const n of candidates) {
    const fix = { start: line.start, end: line.start + lead.length, text: ' '.repeat(n) };
    if (clears(source, fix, line.number)) return fix;
  }
  return undefined;
}

/** A path of keys in the report. */
type Path = readonly (string | number)[];

/** The path of the deepest pair whose key and value contain `offset`. */
function pairPathAt(parsed: ParsedYaml, offset: number): Path | undefined {
  let node: unknown = parsed.doc.contents;
  const path: (string | number)[] = [];
  for (;;) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => {
      const start = isScalar(p.key) ? p.key.range?.[0] : undefined;
      const v = p.value as { range?: [number, number, number] } | null;
      const end = v?.range?.[2] ?? (isScalar(p.key) ? p.key.range?.[2] : undefined);
      return start !== undefined && end !== undefined && start <= offset && offset < end;
    });
    if (!pair || !isScalar(pair.key)) break;
    path.push(pair.key.value as string);
    node = pair.value;
  }
  return path.length ? path : undefined;
}

/** The path of the table row (`key: { … }` on one line) that holds `offset`. */
function flowRowAt(parsed: ParsedYaml, text: string, offset: number): Path | undefined {
  let node: unknown = parsed.doc.contents;
  const path: (string | number)[] = [];
  for (;;) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => {
      const start = isScalar(p.key) ? p.key.range?.[0] : undefined;
      const end = (p.value as { range?: [number, number, number] } | null)?.range?.[1];
      return start !== undefined && end !== undefined && start <= offset && offset < end;
    });
    if (!pair || !isScalar(pair.key)) return undefined;
    path.push(pair.key.value as string);
    const v = pair.value;
    if (isMap(v) && v.flow && path.length > 1) {
      const start = pair.key.range![0];
      return text.slice(start, v.range![1]).includes('\n') ? undefined : path;
    }
    node = v;
  }
}

/** A document read in spite of its problems, and the keys left out because they were written twice. */
export interface Recovered {
  readonly parsed: ParsedYaml;
  /** Paths removed from the data (a key written twice): no other finding is reported under them. */
  readonly damaged: readonly Path[];
  /** Lines (1-based, of the clerk's text) where a problem with no fix remains after the fixes. */
  readonly stillWrong: ReadonlySet<number>;
}

/**
 * The rest of a file whose YAML problems are each a duplicate key or a mistake with a certain
 * fix: the fixes are applied to a copy, the copy is read, and every position is mapped back to
 * the clerk's own text, so the other findings point where the clerk will look. A problem with
 * no fix of its own that the others' fixes clear was their consequence (a Tab that shifts the
 * lines below it). A key written twice is left out (either value may be the wrong one).
 * Undefined when the copy still cannot be read: then nothing else of the file can be trusted.
 */
export function recoverYaml(parsed: ParsedYaml, fixes: readonly (Fix | undefined)[]): Recovered | undefined {
  const wanted: Fix[] = [];
  for (const fix of fixes) {
    if (fix && !wanted.some((f) => f.start === fix.start && f.end === fix.end && f.text === fix.text)) wanted.push(fix);
  }
  wanted.sort((a, b) => a.start - b.start);
  if (wanted.some((f, i) => i > 0 && f.start < wanted[i - 1]!.end)) return undefined;
  let text = parsed.source;
  for (const f of [...wanted].reverse()) text = apply(text, f);
  const again = parseYaml(text);
  // What is still wrong must be a key written twice or lie inside one table row written on one line.
  const damaged: Path[] = [];
  for (const p of again.problems) {
    const where = p.code === 'YAML-DUPLICATE-KEY' ? pairPathAt(again, p.offset) : flowRowAt(again, text, p.offset);
    if (!where) return undefined;
    damaged.push(where);
  }
  // Offsets in the fixed copy → offsets in the clerk's text.
  const back = (o: number): number => {
    let shift = 0;
    for (const f of wanted) {
      const at = f.start + shift;
      if (o < at) break;
      if (o < at + f.text.length) return f.start;
      shift += f.text.length - (f.end - f.start);
    }
    return o - shift;
  };
  visit(again.doc, (_key, node) => {
    const n = node as { range?: [number, number, number] | null };
    if (n && n.range) n.range = [back(n.range[0]), back(n.range[1]), back(n.range[2])];
  });
  const mapped: ParsedYaml = { ...again, source: parsed.source, lines: parsed.lines, problems: parsed.problems };
  let data = again.data;
  let unfilled = again.unfilled;
  if (again.problems.length) {
    // parseYaml gives no data when the document has problems: read it, then leave out the damaged keys.
    try {
      data = again.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return undefined;
    }
    unfilled = unfilledOf(again.doc).filter((u) => !damaged.some((d) => startsWith(u, d)));
    for (const d of damaged) deleteAt(data, d);
    for (const u of unfilled) deleteAt(data, u);
  }
  const stillWrong = new Set(again.problems.filter((p) => p.code !== 'YAML-DUPLICATE-KEY').map((p) => parsed.lines.linePos(back(p.offset)).line));
  return { parsed: { ...mapped, data, unfilled }, damaged, stillWrong };
}

const startsWith = (p: Path, prefix: Path) => prefix.length <= p.length && prefix.every((k, i) => String(k) === String(p[i]));

function unfilledOf(doc: ParsedYaml['doc']): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      const v = pair.value;
      if (v === null || (isScalar(v) && v.value === null && v.source === '')) out.push([...path, key]);
      else walk(v, [...path, key]);
    }
  };
  walk(doc.contents, []);
  return out;
}

function deleteAt(data: unknown, path: Path): void {
  let node: unknown = data;
  for (const k of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[k];
  }
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) delete (node as Record<string | number, unknown>)[path.at(-1)!];
}
