import type {
  SourceDepartment,
  SourceMatter,
  SourceSection,
  SourceServicePoint,
  SourceStaff,
  SourceWindow,
  StaffEmployment
} from '../source/source-tables';
import { DEPARTMENTS, MATTERS, SECTIONS } from './catalogue';
import { fakePersonName } from './people';
import { hashSeed, SeededRandom } from './seeded-random';

// The reference rows of the demo bureau (pure): departments, sections, the hall with its
// street centres and community stations, 108 windows, ~120 staff and 127 matters.

type Row<T> = Omit<T, 'updated_at'>;

export interface ReferenceData {
  regionCode: string;
  departments: Row<SourceDepartment>[];
  sections: Row<SourceSection>[];
  servicePoints: Row<SourceServicePoint>[];
  windows: Row<SourceWindow>[];
  staff: Row<SourceStaff>[];
  matters: Row<SourceMatter>[];
  /** Share of the case volume of each matter (same order as `matters`). */
  matterWeights: number[];
}

const STREETS = [
  '青松',
  '锦苑',
  '望川',
  '玉泉',
  '南河',
  '梧桐',
  '翠竹',
  '桃源',
  '金沙湾',
  '芙蓉',
  '红星',
  '新桥',
  '龙爪',
  '白鹭'
];
const COMMUNITY_FIRST = [
  '文昌',
  '锦绣',
  '双楠',
  '枫林',
  '和平',
  '光华',
  '永安',
  '福兴',
  '太平',
  '仁和',
  '兴隆',
  '银杏'
];
const COMMUNITY_SECOND = ['', '路', '苑', '园', '湾'];

/** Windows of each section in the hall; the hall also has general (综合受理) windows. */
export const HALL_WINDOWS_PER_SECTION = 9;
export const HALL_GENERAL_WINDOWS = 12;
export const STREET_WINDOWS = 3;
/** Staffed windows of each street centre (the last one is a backup window). */
export const STREET_STAFFED_WINDOWS = 2;
const REVIEWERS_PER_SECTION = [3, 2, 3, 2, 2, 2];

export function buildReferenceData(seed: number, regionCode = '510107'): ReferenceData {
  const rng = new SeededRandom(hashSeed(seed, 0x5eed_0001));
  const departments = DEPARTMENTS.map((d, i) => ({ id: i + 1, code: d.code, name: d.name }));
  const sections = SECTIONS.map((s, i) => ({ id: i + 1, code: s.code, name: s.name }));

  const servicePoints: Row<SourceServicePoint>[] = [
    {
      id: 1,
      code: 'SP001',
      name: '区政务服务中心',
      level: 'district',
      parent_id: null,
      region_code: regionCode
    }
  ];
  for (const street of STREETS) {
    servicePoints.push({
      id: servicePoints.length + 1,
      code: `SP${String(servicePoints.length + 1).padStart(3, '0')}`,
      name: `${street}街道便民服务中心`,
      level: 'street',
      parent_id: 1,
      region_code: regionCode
    });
  }
  let community = 0;
  STREETS.forEach((_, i) => {
    const count = i < 4 ? 5 : 4;
    for (let k = 0; k < count; k++, community++) {
      const first = COMMUNITY_FIRST[community % COMMUNITY_FIRST.length];
      const second = COMMUNITY_SECOND[Math.floor(community / COMMUNITY_FIRST.length)];
      servicePoints.push({
        id: servicePoints.length + 1,
        code: `SP${String(servicePoints.length + 1).padStart(3, '0')}`,
        name: `${first}${second}社区便民服务站`,
        level: 'community',
        parent_id: i + 2,
        region_code: regionCode
      });
    }
  });

  const windows: Row<SourceWindow>[] = [];
  const addWindow = (servicePointId: number, sectionId: number | null, name: string) =>
    windows.push({
      id: windows.length + 1,
      code: `W${String(windows.length + 1).padStart(3, '0')}`,
      name,
      service_point_id: servicePointId,
      section_id: sectionId
    });
  for (const section of sections) {
    for (let k = 1; k <= HALL_WINDOWS_PER_SECTION; k++) addWindow(1, section.id, `${section.name}${k}号窗口`);
  }
  for (let k = 1; k <= HALL_GENERAL_WINDOWS; k++) addWindow(1, null, `综合受理${k}号窗口`);
  for (const point of servicePoints.filter((p) => p.level === 'street')) {
    for (let k = 1; k <= STREET_WINDOWS; k++)
      addWindow(point.id, null, `${point.name.replace('便民服务中心', '')}综合窗口${k}`);
  }

  const staff: Row<SourceStaff>[] = [];
  const windowEmployment = (): StaffEmployment => {
    const r = rng.next();
    return r < 0.55 ? 'contracted' : r < 0.85 ? 'public_institution' : 'civil_servant';
  };
  const addStaff = (
    position: SourceStaff['position'],
    sectionId: number | null,
    windowId: number | null,
    employment: StaffEmployment
  ) =>
    staff.push({
      id: staff.length + 1,
      staff_no: `SPJ${String(staff.length + 1).padStart(4, '0')}`,
      name: fakePersonName(rng),
      window_id: windowId,
      section_id: sectionId,
      position,
      employment,
      active: true
    });
  for (const w of windows) {
    const point = servicePoints[w.service_point_id - 1];
    const indexInPoint = windows.filter(
      (x) => x.service_point_id === w.service_point_id && x.id < w.id
    ).length;
    if (point.level === 'street' && indexInPoint >= STREET_STAFFED_WINDOWS) continue;
    addStaff('window', w.section_id, w.id, windowEmployment());
  }
  sections.forEach((section, i) => {
    addStaff('chief_rep', section.id, null, 'civil_servant');
    addStaff('section_head', section.id, null, 'civil_servant');
    for (let k = 0; k < REVIEWERS_PER_SECTION[i]; k++) {
      addStaff('reviewer', section.id, null, rng.chance(0.6) ? 'civil_servant' : 'public_institution');
    }
  });

  const departmentId = new Map(departments.map((d) => [d.code, d.id]));
  const sectionId = new Map(sections.map((s) => [s.code, s.id]));
  const matters = MATTERS.map((m, i) => ({
    id: i + 1,
    code: m.code,
    name: m.name,
    department_id: departmentId.get(m.departmentCode)!,
    section_id: sectionId.get(m.sectionCode)!,
    kind: m.kind,
    statutory_days: m.statutoryDays,
    promised_days: m.promisedDays,
    online: m.online
  }));

  return {
    regionCode,
    departments,
    sections,
    servicePoints,
    windows,
    staff,
    matters,
    matterWeights: MATTERS.map((m) => m.weight)
  };
}
