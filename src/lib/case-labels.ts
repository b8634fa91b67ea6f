// Chinese labels of the source contract's case vocabulary. Browser-safe.

export const CASE_STATUS_LABELS: Record<string, string> = {
  received: '已收件',
  accepted: '已受理',
  suspended: '中止计时',
  concluded: '已办结',
  rejected: '不予受理',
  withdrawn: '已撤回'
};

export const CHANNEL_LABELS: Record<string, string> = {
  online: '网上申请',
  window: '窗口申请',
  mail: '邮寄申请',
  proxy: '代办'
};

export const EVENT_KIND_LABELS: Record<string, string> = {
  received: '收件',
  correction_requested: '一次性告知补正',
  correction_received: '补正材料收讫',
  accepted: '受理',
  rejected: '不予受理',
  suspended: '特别程序（中止计时）',
  resumed: '特别程序结束',
  extended: '延长法定时限',
  concluded: '办结',
  delivered: '送达',
  withdrawn: '申请人撤回'
};

export const DECISION_LABELS: Record<string, string> = { approved: '准予许可', denied: '不予许可' };

export const COLOUR_LABELS: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

export const label = (labels: Record<string, string>, value: string | null | undefined): string =>
  value == null ? '—' : (labels[value] ?? value);
