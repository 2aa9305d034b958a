import assert from 'node:assert/strict';
import { it } from 'node:test';
import { guessAgencyKind } from '../../schema/agency-kind.ts';

it('tells the agency kind from the ending of its name, and guesses nothing on weaker evidence', () => {
  const cases: [string, string | undefined][] = [
    ['雷庄镇人民政府', '人民政府'],
    ['霍山县衡山镇', '人民政府'],
    ['上海市人民政府办公厅', '政府部门'],
    ['某县教育局', '政府部门'],
    ['某市发展和改革委员会', '政府部门'],
    ['某县人民政府办公室', '政府部门'],
    ['宜君县尧生镇雷塬综合服务中心', '其他'],
    ['某区某某街道办事处', '其他'],
    ['某经济开发区', undefined],
    ['', undefined],
    ['政务公开', undefined],
  ];
  for (const [name, kind] of cases) assert.equal(guessAgencyKind(name), kind, name);
});
