import {
  DEFAULT_PRESET,
  PERIOD_PRESETS,
  presetPeriod,
  type Period,
  type PeriodPreset
} from '../../kpis/periods';
import { checkPeriod } from './kpi-definitions';

// The period of a dashboard page from its URL (`period`, and `from`/`to` for 自定义).
// A bad custom range falls back to the default preset with a message, never a 400 page:
// the leader sees figures and what was wrong with the link.

export interface PeriodChoice {
  preset: PeriodPreset;
  period: Period;
  error: string | null;
}

export function readPeriod(params: URLSearchParams, today: string): PeriodChoice {
  const asked = params.get('period');
  const preset = PERIOD_PRESETS.find((p) => p === asked) ?? DEFAULT_PRESET;
  if (preset !== 'custom') return { preset, period: presetPeriod(preset, today), error: null };
  const check = checkPeriod(params.get('from'), params.get('to'));
  if (check.ok) return { preset, period: check.period, error: null };
  return {
    preset: DEFAULT_PRESET,
    period: presetPeriod(DEFAULT_PRESET as Exclude<PeriodPreset, 'custom'>, today),
    error: `自定义期间无效（${check.message}），已改为显示本月`
  };
}
