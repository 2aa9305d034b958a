/** 2019 edition: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号. */
import type { Edition, HeaderNode } from '../template.ts';
import { count, prose, row, section2, section3, section4 } from './common.ts';

const itemColumns = (withDecisions: boolean): HeaderNode[] => [
  count('上一年项目数量'),
  { key: '本年增/减', label: '本年增/减', kind: 'delta' },
  ...(withDecisions ? [count('处理决定数量')] : []),
];

const itemChecks = (rows: string[]) => [
  { rule: 'R6', type: 'non-negative-sum', columns: ['上一年项目数量', '本年增/减'], rows: rows.map((r) => [r]) },
] as const;

export const edition2019: Edition = {
  id: 2019,
  name: '2019年版',
  source: '国办公开办函〔2019〕60号',
  firstYear: 2019,
  sections: [
    prose.一,
    section2([
      {
        item: '第二十条第（一）项',
        rows: [row('规章'), row('规范性文件')],
        columns: [
          count('本年新制作数量', '本年新制作数量', { lines: ['本年新', '制作数量'] }),
          count('本年新公开数量', '本年新公开数量', { lines: ['本年新', '公开数量'] }),
          count('对外公开总数量'),
        ],
        checks: [{ rule: 'R7', type: 'not-greater', lesser: '本年新公开数量', greater: '对外公开总数量', rows: [['规章'], ['规范性文件']] }],
      },
      {
        item: '第二十条第（五）项',
        rows: [row('行政许可'), row('其他对外管理服务事项')],
        columns: itemColumns(true),
        checks: itemChecks(['行政许可', '其他对外管理服务事项']),
      },
      {
        item: '第二十条第（六）项',
        rows: [row('行政处罚'), row('行政强制')],
        columns: itemColumns(true),
        checks: itemChecks(['行政处罚', '行政强制']),
      },
      {
        item: '第二十条第（八）项',
        rows: [row('行政事业性收费')],
        columns: itemColumns(false),
        checks: itemChecks(['行政事业性收费']),
        fill: 'empty',
      },
      {
        item: '第二十条第（九）项',
        rows: [row('政府集中采购')],
        columns: [
          count('采购项目数量'),
          { key: '采购总金额', label: '采购总金额', kind: 'money', unit: '元', decimals: 2 },
        ],
        fill: 'empty',
      },
    ]),
    section3({ key: '其他处理', label: '（六）其他处理' }),
    section4,
    prose.五,
    prose.六,
  ],
};
