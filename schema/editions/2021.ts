/** 2021 edition: 修订后的《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号. */
import type { Edition } from '../template.ts';
import { count, prose, row, section2, section3, section4 } from './common.ts';

const decisions = () => [count('本年处理决定数量')];

export const edition2021: Edition = {
  id: 2021,
  name: '2021年版',
  source: '国办公开办函〔2021〕30号',
  firstYear: 2021,
  sections: [
    prose.一,
    section2([
      {
        item: '第二十条第（一）项',
        rows: [row('规章'), row('行政规范性文件')],
        columns: [count('本年制发件数'), count('本年废止件数'), count('现行有效件数')],
      },
      {
        item: '第二十条第（五）项',
        rows: [row('行政许可')],
        columns: decisions(),
        fill: 'span',
      },
      {
        item: '第二十条第（六）项',
        rows: [row('行政处罚'), row('行政强制')],
        columns: decisions(),
        fill: 'span',
      },
      {
        item: '第二十条第（八）项',
        rows: [row('行政事业性收费')],
        columns: [{ key: '本年收费金额', label: '本年收费金额（单位：万元）', kind: 'money', unit: '万元', decimals: 6 }],
        fill: 'span',
      },
    ]),
    section3({
      key: '其他处理',
      label: '（六）其他处理',
      /**
       * The template lists （六） in three parts, but real 2021-edition reports print it as the
       * 2019 edition's one row of seven numbers (a county government's 2023 and 2024 reports):
       * such a report records that row as published, under 小计, and its parts stay unpublished.
       */
      subtotal: { key: '小计', label: '小计' },
      children: [
        { key: '逾期不补正', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
        { key: '逾期未缴费', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
        { key: '其他', label: '3.其他' },
      ],
    }),
    section4,
    prose.五,
    prose.六,
  ],
};
