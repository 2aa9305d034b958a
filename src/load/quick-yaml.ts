/**
 * A fast reader for well-formed report YAML: js-yaml with a schema that resolves plain
 * scalars exactly as the `yaml` package's YAML 1.2 core schema does (see yaml.ts), about ten
 * times faster, but without positions. It gives up (returns undefined) on anything where the
 * two readers could disagree — anchors, aliases, tags, directives, duplicate keys, syntax
 * errors, octal/hex/exponent/infinite numbers — so callers fall back to `parseYaml`, which
 * also locates the problem for the clerk.
 */
import jsyaml from 'js-yaml';

/** What `parseYaml` would return as data and unfilled paths, for documents it reads without problems. */
export interface QuickYaml {
  readonly data: unknown;
  readonly unfilled: readonly (readonly (string | number)[])[];
}

/** An explicit null (`null`, `~`), told apart from an empty value (`key:`), which js-yaml also reads as null. */
const EXPLICIT_NULL = Object.freeze({ explicitNull: true });

/** Set when a scalar has a form the fast reader does not interpret; the document then takes the slow path. */
let unusual = false;

// The yaml package's core schema tests (yaml/dist/schema/core, common/null.js), in the order
// they are tried. No scalar matches two of them.
const INT = /^[-+]?[0-9]+$/;
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const UNUSUAL = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+)$/;

/** What the last resolved scalar is: 1 int, 2 null, 3 float, 4 bool, 5 unusual (see `PLAIN`). */
let kind = 0;

/** Whether `s` from position 1 on is digits only (a count, the commonest scalar). */
function digitsAfterFirst(s: string): boolean {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Plain scalars resolved as the tests above resolve them, as one implicit type: js-yaml tries
 * every implicit type on every plain scalar, keys included, so a scalar whose first character
 * none of the tests accepts (every Chinese key and text) is declined at once, and a run of
 * digits is an int without a regular expression. js-yaml calls `construct` right after the
 * `resolve` that accepted the scalar, which leaves its kind in `kind`.
 */
const PLAIN = new jsyaml.Type('tag:yaml.org,2002:core-scalar', {
  kind: 'scalar',
  resolve(d: unknown) {
    if (typeof d !== 'string' || d === '') return false;
    const c = d.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      if (digitsAfterFirst(d)) {
        kind = 1;
        return true;
      }
      // + - . ~ N n T t F f: the only other characters a test above accepts first.
    } else if (!(c === 43 || c === 45 || c === 46 || c === 126 || c === 78 || c === 110 || c === 84 || c === 116 || c === 70 || c === 102)) return false;
    kind = INT.test(d) ? 1 : NULL.test(d) ? 2 : FLOAT.test(d) ? 3 : BOOL.test(d) ? 4 : UNUSUAL.test(d) ? 5 : 0;
    return kind !== 0;
  },
  construct(d: string) {
    if (kind === 1 || kind === 3) return Number(d);
    if (kind === 2) return EXPLICIT_NULL;
    if (kind === 4) return d[0] === 't' || d[0] === 'T';
    unusual = true;
    return d;
  },
});

const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [PLAIN] });

/** Characters that can start a tag or a directive; documents with them take the slow path. */
const TAG_OR_DIRECTIVE = /(?:^|[\s,[{])!|^%/m;

type Path = readonly (string | number)[];

/** Read a report's text quickly; undefined when only the full reader can say what it means. */
export function quickYaml(text: string): QuickYaml | undefined {
  const source = text.replace(/^\ufeff/, '');
  if ((source.includes('!') || source.includes('%')) && TAG_OR_DIRECTIVE.test(source)) return undefined;
  let anchors = false;
  unusual = false;
  let data: unknown;
  try {
    // An anchor starts with “&”: a text without one has none (nor aliases, which need an anchor), and is read without listening.
    data = jsyaml.load(source, {
      schema: SCHEMA,
      ...(source.includes('&')
        ? {
            listener(event: 'open' | 'close', state: unknown) {
              if (event === 'close' && (state as { anchor: string | null }).anchor !== null) anchors = true;
            },
          }
        : {}),
    });
  } catch {
    return undefined;
  }
  if (anchors || unusual) return undefined;
  const unfilled: Path[] = [];
  // The path of the node being walked, copied only for a key written without a value.
  const path: (string | number)[] = [];
  const walk = (node: unknown): unknown => {
    if (node === EXPLICIT_NULL) return null;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        node[i] = walk(node[i]) ?? null;
        path.pop();
      }
      return node;
    }
    if (node !== null && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const v = obj[key];
        // js-yaml reads `key:` as null without resolving a scalar; `parseYaml` leaves such keys out.
        if (v === null || v === undefined) {
          unfilled.push([...path, key]);
          delete obj[key];
        } else if (typeof v === 'object') {
          path.push(key);
          obj[key] = walk(v);
          path.pop();
        }
      }
      return obj;
    }
    return node;
  };
  data = data === undefined ? null : walk(data);
  return { data, unfilled };
}
