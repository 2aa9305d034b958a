/**
 * The kind of agency (机关 › 类型) told from its name, for import, `nianbao new` and the advice of
 * `validate` when the field is left empty: the ending
 * of an agency's full name says what it is. Returns undefined when the name does not say; the
 * clerk then writes it (条例第四十九条 sets the publication date by kind, so a guess is never
 * made on weaker evidence).
 */
import type { AGENCY_KINDS } from './report.ts';

export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** 人民政府 for "…人民政府" or a place's name alone; 政府部门 for a department's endings (局、厅、委员会、办公室…); 其他 for 派出/服务机构. */
export function guessAgencyKind(name: string | undefined): AgencyKind | undefined {
  const n = (name ?? '').replace(/\s+/g, '').replace(/[（(][^）)]*[)）]$/, '');
  if (!n) return undefined;
  // Offices of a government (人民政府办公室) are departments; the government itself ends in 人民政府.
  if (/人民政府$/.test(n)) return '人民政府';
  // A report titled by a place alone ("霍山县衡山镇2020年度…") is that place's government's.
  if (/(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区|镇|乡)$/.test(n) && !/(?:开发区|园区|新区管委会|景区|街道)$/.test(n)) return '人民政府';
  if (/(?:街道办事处|管理委员会|管委会|综合服务中心|服务中心|中心|公司|学校|医院|站|所)$/.test(n)) return '其他';
  if (/(?:局|厅|委员会|委|办公室|署)$/.test(n)) return '政府部门';
  return undefined;
}
