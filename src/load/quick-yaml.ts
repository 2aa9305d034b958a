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

const type = (tag: string, test: RegExp, construct: (s: string) => unknown) =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (d: unknown) => typeof d === 'string' && test.test(d), construct: (d: string) => construct(d) });

// The yaml package's core schema tests (yaml/dist/schema/core, common/null.js). No scalar
// matches two of them, so they are tried most common first: counts, then the rest.
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    type('int', /^[-+]?[0-9]+$/, (s) => Number(s)),
    type('null', /^(?:~|[Nn]ull|NULL)$/, () => EXPLICIT_NULL),
    type('float', /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => Number(s)),
    type('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    type(
      'unusual',
      /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+)$/,
      (s) => {
        unusual = true;
        return s;
      },
    ),
  ],
});

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
