// The cuts of the headline figures (shared/spec/kpis.md: by section, department, matter,
// service point and its level, window, staff member and channel). A cut lives in the URL
// by its code so a filtered page can be shared and the back button restores it.
// Browser-safe.

export const CUT_DIMENSIONS = [
  'section',
  'department',
  'matter',
  'level',
  'service_point',
  'window',
  'staff',
  'channel'
] as const;
export type CutDimension = (typeof CUT_DIMENSIONS)[number];

export const CUT_LABELS: Record<CutDimension, string> = {
  section: '科室',
  department: '原职能部门',
  matter: '事项',
  level: '服务层级',
  service_point: '服务网点',
  window: '窗口',
  staff: '经办人',
  channel: '申请渠道'
};

export const LEVEL_LABELS: Record<string, string> = {
  district: '区级大厅',
  street: '街道（乡镇）便民服务中心',
  community: '社区（村）便民服务站'
};

/** One value per dimension at most; a value is a code (staff: staff number). */
export type KpiCut = Partial<Record<CutDimension, string>>;

const CODE = /^[\w.-]{1,64}$/;

/** Reads the cut from a URL; a malformed value is ignored rather than trusted. */
export function cutFromParams(params: URLSearchParams): KpiCut {
  const cut: KpiCut = {};
  for (const dimension of CUT_DIMENSIONS) {
    const value = params.get(dimension)?.trim();
    if (value && CODE.test(value)) cut[dimension] = value;
  }
  return cut;
}

/** Writes the cut into URL parameters (dimensions in their fixed order). */
export function cutToParams(cut: KpiCut, params = new URLSearchParams()): URLSearchParams {
  for (const dimension of CUT_DIMENSIONS) {
    const value = cut[dimension];
    if (value) params.set(dimension, value);
    else params.delete(dimension);
  }
  return params;
}

/** The dimensions a cut sets, in their fixed order. */
export function cutDimensions(cut: KpiCut): CutDimension[] {
  return CUT_DIMENSIONS.filter((dimension) => cut[dimension]);
}
