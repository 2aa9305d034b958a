/**
 * What a clerk is told about each metadata field, by its key path: the same words appear in
 * validation messages and in the editor's hover text (JSON Schema descriptions).
 */
import { AGENCY_KINDS, LEVELS, META_KEYS } from './report.ts';

/** Advice per field, by key path joined with '/'. */
export const FIELD_HINTS: Readonly<Record<string, string>> = {
  [META_KEYS.edition]: '填写 2019（国办公开办函〔2019〕60号格式）或 2021（国办公开办函〔2021〕30号格式），以原报告实际使用的表格为准',
  [META_KEYS.year]: '填写报告所属年度，如 2020',
  [META_KEYS.title]: '填写报告标题，如“雷庄镇2020年度政府信息公开工作年度报告”',
  [META_KEYS.published]: '填写发布日期，如 2021-01-26 或 2021年1月26日；原报告未注明日期时填写 null',
  [META_KEYS.preamble]: '报告正文之前的引言（可省略），可用 Markdown 格式',
  [META_KEYS.acknowledgements]: '原报告发布时即存在、经核实保留原样的不一致；每项写明规则、单元格和说明',
  [META_KEYS.agency]: '发布报告的行政机关',
  [`${META_KEYS.agency}/标识`]: '机关标识只用小写英文字母、数字和连字符“-”，如 luanzhou-leizhuang，各年度保持不变，与文件名一致',
  [`${META_KEYS.agency}/名称`]: '填写机关全称，如“雷庄镇人民政府”',
  [`${META_KEYS.agency}/地区`]: '从省级写起，如 [河北省, 唐山市, 滦州市, 雷庄镇]',
  [`${META_KEYS.agency}/层级`]: `只能填写：${LEVELS.join('、')}`,
  [`${META_KEYS.agency}/类型`]: `只能填写：${AGENCY_KINDS.join('、')}。人民政府（如“雷庄镇人民政府”）；政府部门（县级以上人民政府的工作部门，如“某县教育局”）；其他（派出机构、综合服务中心等）。条例第四十九条按类型规定年度报告的公布期限`,
  [`${META_KEYS.agency}/联系方式`]: '政府信息公开工作机构的联系方式（可省略）',
  [`${META_KEYS.agency}/联系方式/邮编`]: '邮编为 6 位数字，须加英文引号，如 "063705"（不加引号时开头的 0 会丢失）',
  [`${META_KEYS.agency}/联系方式/电子邮箱`]: '填写有效的电子邮箱地址，如 xxgk@example.gov.cn',
  [`${META_KEYS.agency}/联系方式/网址`]: '填写完整网址，以 http:// 或 https:// 开头',
  [`${META_KEYS.acknowledgements}/规则`]: '规则只能填写 R1、R2、R3、R4、R6、R7（表格，写明单元格）或 LEFTOVER（模板占位符，写明位置和原文）',
  [`${META_KEYS.acknowledgements}/位置`]: '规则为 LEFTOVER 时填写：占位符所在的栏目，如 一、总体情况 或 机关 › 名称（可从 validate 的提示中复制）',
  [`${META_KEYS.acknowledgements}/原文`]: '规则为 LEFTOVER 时填写：原报告中的占位符原文，如 ××',
  [`${META_KEYS.acknowledgements}/单元格`]: '填写单元格编号，如 三/本年度办理结果/总计/自然人（可从 npx nianbao validate --format json 输出中该问题的 cell 一项复制）',
  [`${META_KEYS.acknowledgements}/说明`]: '写明原报告如此发布的情况，如“原报告如此，已与发布机关核实”',
};
