/** Parts of the template that both editions share (section 三 except （六）, section 四, prose). */
import type { Grid, GridCheck, HeaderNode, ProseSection, TableSection } from '../template.ts';

const count = (key: string, label = key, extra: Partial<HeaderNode> = {}): HeaderNode => ({ key, label, kind: 'count', ...extra });

export const prose = {
  一: {
    kind: 'prose', id: '一', key: '一、总体情况', heading: '一、总体情况', required: true,
    guidance: '主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等情况。',
  },
  五: {
    kind: 'prose', id: '五', key: '五、存在的主要问题及改进情况', heading: '五、存在的主要问题及改进情况', required: true,
    guidance: '存在的主要问题及改进情况。',
  },
  六: {
    kind: 'prose', id: '六', key: '六、其他需要报告的事项', heading: '六、其他需要报告的事项', required: false,
    guidance: '其他需要报告的事项（2021年版：收取信息处理费情况在此处报告）。原报告没有本节时可省略。',
  },
} as const satisfies Record<string, ProseSection>;

/** One sub-table of section 二: an item of 条例第二十条, its rows and columns. */
export interface Section2Item {
  readonly item: string;
  readonly rows: readonly HeaderNode[];
  readonly columns: readonly HeaderNode[];
  readonly checks?: readonly GridCheck[];
  readonly fill?: Grid['fill'];
}

/** Section 二: sub-tables stacked, each titled by its item (第二十条第（X）项) and headed 信息内容. */
export function section2(items: readonly Section2Item[]): TableSection {
  return {
    kind: 'table',
    id: '二',
    key: '二、主动公开政府信息情况',
    heading: '二、主动公开政府信息情况',
    width: 3,
    grids: items.map(({ item, ...grid }) => ({ prefix: [item], title: item, corner: '信息内容', ...grid })),
  };
}

/** A data row of section 二, whose key is its label. */
export const row = (label: string): HeaderNode => ({ key: label, label });

/** The seven applicant columns of section 三; 总计 is the total of the other six (R2). */
const applicantColumns: readonly HeaderNode[] = [
  {
    label: '申请人情况',
    children: [
      count('自然人'),
      {
        label: '法人或其他组织',
        children: [
          count('商业企业', '商业企业', { lines: ['商业', '企业'] }),
          count('科研机构', '科研机构', { lines: ['科研', '机构'] }),
          count('社会公益组织'),
          count('法律服务机构'),
          count('其他'),
        ],
      },
      count('总计', '总计', { total: 'R2' }),
    ],
  },
];

/** Section 三. Only the row group （六）其他处理 differs between editions. */
export function section3(otherHandling: HeaderNode): TableSection {
  return {
    kind: 'table',
    id: '三',
    key: '三、收到和处理政府信息公开申请情况',
    heading: '三、收到和处理政府信息公开申请情况',
    width: 7,
    grids: [
      {
        prefix: [],
        corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
        columns: applicantColumns,
        rows: [
          { key: '本年新收政府信息公开申请数量', label: '一、本年新收政府信息公开申请数量' },
          { key: '上年结转政府信息公开申请数量', label: '二、上年结转政府信息公开申请数量' },
          {
            key: '本年度办理结果',
            label: '三、本年度办理结果',
            children: [
              { key: '予以公开', label: '（一）予以公开' },
              { key: '部分公开', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
              {
                key: '不予公开',
                label: '（三）不予公开',
                children: [
                  { key: '属于国家秘密', label: '1.属于国家秘密' },
                  { key: '其他法律行政法规禁止公开', label: '2.其他法律行政法规禁止公开' },
                  { key: '危及“三安全一稳定”', label: '3.危及“三安全一稳定”' },
                  { key: '保护第三方合法权益', label: '4.保护第三方合法权益' },
                  { key: '属于三类内部事务信息', label: '5.属于三类内部事务信息' },
                  { key: '属于四类过程性信息', label: '6.属于四类过程性信息' },
                  { key: '属于行政执法案卷', label: '7.属于行政执法案卷' },
                  { key: '属于行政查询事项', label: '8.属于行政查询事项' },
                ],
              },
              {
                key: '无法提供',
                label: '（四）无法提供',
                children: [
                  { key: '本机关不掌握相关政府信息', label: '1.本机关不掌握相关政府信息' },
                  { key: '没有现成信息需要另行制作', label: '2.没有现成信息需要另行制作' },
                  { key: '补正后申请内容仍不明确', label: '3.补正后申请内容仍不明确' },
                ],
              },
              {
                key: '不予处理',
                label: '（五）不予处理',
                children: [
                  { key: '信访举报投诉类申请', label: '1.信访举报投诉类申请' },
                  { key: '重复申请', label: '2.重复申请' },
                  { key: '要求提供公开出版物', label: '3.要求提供公开出版物' },
                  { key: '无正当理由大量反复申请', label: '4.无正当理由大量反复申请' },
                  { key: '要求行政机关确认或重新出具已获取信息', label: '5.要求行政机关确认或重新出具已获取信息' },
                ],
              },
              otherHandling,
              { key: '总计', label: '（七）总计', total: 'R3' },
            ],
          },
          { key: '结转下年度继续办理', label: '四、结转下年度继续办理' },
        ],
        checks: [
          {
            rule: 'R1',
            type: 'balance',
            left: [['本年新收政府信息公开申请数量'], ['上年结转政府信息公开申请数量']],
            right: [['本年度办理结果', '总计'], ['结转下年度继续办理']],
          },
        ],
      },
    ],
  };
}

const outcomes = (): HeaderNode[] => [
  count('结果维持', '结果维持', { lines: ['结果', '维持'] }),
  count('结果纠正', '结果纠正', { lines: ['结果', '纠正'] }),
  count('其他结果', '其他结果', { lines: ['其他', '结果'] }),
  count('尚未审结', '尚未审结', { lines: ['尚未', '审结'] }),
  count('总计', '总计', { total: 'R4' }),
];

/** Section 四, identical in both editions: one row of 15 cells. */
export const section4: TableSection = {
  kind: 'table',
  id: '四',
  key: '四、政府信息公开行政复议、行政诉讼情况',
  heading: '四、政府信息公开行政复议、行政诉讼情况',
  width: 15,
  grids: [
    {
      prefix: [],
      corner: '',
      rows: [{ label: '' }],
      columns: [
        { key: '行政复议', label: '行政复议', children: outcomes() },
        {
          key: '行政诉讼',
          label: '行政诉讼',
          children: [
            { key: '未经复议直接起诉', label: '未经复议直接起诉', children: outcomes() },
            { key: '复议后起诉', label: '复议后起诉', children: outcomes() },
          ],
        },
      ],
    },
  ],
};

export { count };
