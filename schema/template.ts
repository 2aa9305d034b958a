/**
 * The vocabulary in which each edition of the statutory template is described.
 * An edition is data (see `editions/`); the zod schema, the table layout, the
 * consistency rules, exports and scaffolds are all derived from it.
 */

/** What a cell may hold: a count (integer ≥ 0), a signed change (本年增/减), or money. */
export type CellKind = 'count' | 'delta' | 'money';

/** Money units the template uses. */
export type MoneyUnit = '元' | '万元';

/**
 * One node of a row or column header tree. Leaves are data rows / data columns.
 * `key` is the YAML key the node contributes to a cell's path; a node without a key
 * only groups its children visually (e.g. 申请人情况). `label` is the statutory text
 * exactly as printed in the template.
 */
export interface HeaderNode {
  readonly key?: string;
  readonly label: string;
  /** Line breaks in the printed header (Word template), for faithful rendering. */
  readonly lines?: readonly string[];
  readonly children?: readonly HeaderNode[];
  /** A total of the leaves of all its siblings; the rule id that checks it. */
  readonly total?: RuleRef;
  /** Cell kind of a leaf column (rows inherit their columns' kind). */
  readonly kind?: CellKind;
  readonly unit?: MoneyUnit;
  /** Decimal places allowed for money. */
  readonly decimals?: number;
  /**
   * A row group the template lists in parts that real reports may publish as one row (see
   * `GroupSubtotal`): the group then admits a row of its own under `subtotal.key`.
   */
  readonly subtotal?: GroupSubtotal;
}

/**
 * A row group published as one row, its parts not published separately. In YAML the row sits
 * under the group as `<group>: { <key>: {自然人: …, 总计: …} }`; its cells are optional (a report
 * that published the parts leaves it out). With it and no parts, the parts are not reported as
 * unfilled, and every sum over the parts (R3's （七）总计) uses this row instead; with it and the
 * parts, the parts must add up to it (R3). Its 总计 column is the total of its row (R2), as in any row.
 */
export interface GroupSubtotal {
  /** YAML key of the row under the group: 小计. */
  readonly key: string;
  /** How the row is named in messages, pages and data files. */
  readonly label: string;
}

/** Rule ids of the consistency catalogue that the template itself declares. */
export type RuleRef = 'R1' | 'R2' | 'R3' | 'R4' | 'R6' | 'R7';

/** A check between cells of one table, stated in terms of leaf keys (see rules). */
export type GridCheck =
  /** Per column: sum of `left` rows = sum of `right` rows (R1). */
  | { readonly rule: 'R1'; readonly type: 'balance'; readonly left: readonly string[][]; readonly right: readonly string[][] }
  /** Per row: the sum of these columns must not be negative (R6). */
  | { readonly rule: 'R6'; readonly type: 'non-negative-sum'; readonly columns: readonly string[]; readonly rows: readonly string[][] }
  /** Per row: column `lesser` ≤ column `greater` (R7). */
  | { readonly rule: 'R7'; readonly type: 'not-greater'; readonly lesser: string; readonly greater: string; readonly rows: readonly string[][] };

/**
 * A grid: a row header tree × a column header tree. The YAML path of a cell is
 * `[...prefix, ...row keys, ...column keys]`.
 */
export interface Grid {
  /** Key segments before the row keys (e.g. the sub-table title). */
  readonly prefix: readonly string[];
  /** Caption row printed across the grid (第二十条第（一）项), if any. */
  readonly title?: string;
  /** Text of the top-left header cell. */
  readonly corner: string;
  readonly rows: readonly HeaderNode[];
  readonly columns: readonly HeaderNode[];
  readonly checks?: readonly GridCheck[];
  /**
   * When the grid has fewer data columns than the table is wide: `span` stretches the
   * last column over the rest (2021), `empty` pads with blank cells (2019 Word template).
   */
  readonly fill?: 'span' | 'empty';
}

/** A statutory table: one or more grids stacked, under a section heading. */
export interface TableSection {
  readonly kind: 'table';
  /** Section number, also the short id used in cell ids: 二, 三, 四. */
  readonly id: '二' | '三' | '四';
  readonly key: string;
  readonly heading: string;
  /** Width in data columns (grids with fewer columns are filled, see Grid.fill). */
  readonly width: number;
  readonly grids: readonly Grid[];
}

/** A free-text section (Markdown in the YAML). */
export interface ProseSection {
  readonly kind: 'prose';
  readonly id: '一' | '五' | '六';
  readonly key: string;
  readonly heading: string;
  readonly required: boolean;
  /** What the template asks the section to cover, shown to clerks. */
  readonly guidance: string;
}

export type Section = TableSection | ProseSection;

/** One edition of the template. */
export interface Edition {
  readonly id: 2019 | 2021;
  readonly name: string;
  /** The notice that issued it. */
  readonly source: string;
  /** First report year the edition applies to; it applies until the next edition's. */
  readonly firstYear: number;
  readonly sections: readonly Section[];
}
