// Why a source row was quarantined: the codes stored in sync_quarantine.reason, with the
// Chinese label the screens show. sync_quarantine.message adds the offending value.

export const QUARANTINE_REASONS = {
  missing_value: '缺少必填值',
  unknown_event_kind: '未知的事件类型',
  unknown_status: '未知的办件状态',
  unknown_channel: '未知的申请渠道',
  unknown_applicant_kind: '未知的申请人类型',
  unknown_decision: '未知的办结结论',
  unknown_procedure: '未知的特别程序',
  unknown_matter_kind: '未知的事项类型',
  unknown_service_point_level: '未知的服务场所层级',
  unknown_position: '未知的岗位',
  unknown_employment: '未知的用工性质',
  unknown_rating_channel: '未知的评价渠道',
  unknown_complaint_source: '未知的投诉来源',
  level_out_of_range: '评价等级不在 1–5 之间',
  negative_days: '时限天数为负数',
  promised_exceeds_statutory: '承诺时限超过法定时限',
  invalid_region_code: '行政区划代码不是 6 位数字',
  duplicate_case_no: '办件编号与另一办件重复',
  unknown_case: '所属办件不存在',
  unknown_matter: '事项不存在',
  unknown_department: '原职能部门不存在',
  unknown_section: '审批科不存在',
  unknown_service_point: '服务场所不存在',
  unknown_parent: '上级服务场所不存在',
  unknown_window: '窗口不存在',
  unknown_staff: '工作人员不存在',
  no_region: '无法确定所属行政区划'
} as const;

export type QuarantineReason = keyof typeof QUARANTINE_REASONS;
