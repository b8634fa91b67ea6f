import type { JobRunStatus, JobTrigger } from '$lib/server/db/database';
import type { SourceRelation } from '$lib/server/source/source-tables';

// Chinese labels for the system status page. Browser-safe: the imports above are types
// only and vanish at build time.

export const JOB_STATUS_LABELS: Record<JobRunStatus, string> = {
  running: '运行中',
  succeeded: '成功',
  failed: '失败',
  skipped: '跳过'
};

export const JOB_TRIGGER_LABELS: Record<JobTrigger, string> = {
  schedule: '定时',
  manual: '手动',
  startup: '启动时'
};

export const SOURCE_RELATION_LABELS: Record<SourceRelation, string> = {
  departments: '原职能部门',
  sections: '审批科室',
  service_points: '服务网点',
  windows: '服务窗口',
  staff: '工作人员',
  matters: '审批事项',
  cases: '办件',
  case_events: '办件过程记录',
  ratings: '好差评',
  complaints: '投诉'
};
