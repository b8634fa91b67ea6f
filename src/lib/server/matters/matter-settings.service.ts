import { appendAudit, type Actor } from '../audit/audit.repository';
import type { RecomputeResult } from '../case-clock/recompute';
import { recomputeForMatters } from '../case-clock/refresh.service';
import { kyselyOnClient, lockDerivedState, withProductTransaction } from '../sync/product-connection';
import {
  DEFAULT_YELLOW_DAYS,
  DEFAULT_YELLOW_RATIO,
  findMatterSettings,
  saveMatterSettings
} from './matter-settings.repository';

// Changing a matter's warning settings (time-limits.md: yellow when elapsed ≥ ceil(ratio × L)
// or remaining ≤ days). The setting, its audit entry and the new lights of the matter's
// open cases commit in one transaction, under the derived-state lock.

export type FieldErrors = Partial<Record<string, string>>;

export class MatterSettingsError extends Error {
  override name = 'MatterSettingsError';
  constructor(public readonly fields: FieldErrors) {
    super(Object.values(fields).join('；'));
  }
}

export interface SettingsForm {
  yellowRatio: string;
  yellowDays: string;
}

const MAX_YELLOW_DAYS = 60;

/** Field-by-field validation in Chinese. */
export function validateSettingsForm(
  form: SettingsForm
): { yellowRatio: number; yellowDays: number } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const ratioText = form.yellowRatio.trim().replace(/[。，]/g, '.');
  const daysText = form.yellowDays.trim();
  const ratio = Number(ratioText);
  const days = Number(daysText);
  if (!ratioText) errors.yellowRatio = '请填写黄灯比例';
  else if (!/^\d*\.?\d+$/.test(ratioText) || !Number.isFinite(ratio))
    errors.yellowRatio = '黄灯比例应为小数，例如 0.8';
  else if (ratio <= 0 || ratio > 1) errors.yellowRatio = '黄灯比例应大于 0 且不超过 1';
  else if (!/^\d*(\.\d{1,3})?$/.test(ratioText)) errors.yellowRatio = '黄灯比例最多保留三位小数';
  if (!daysText) errors.yellowDays = '请填写提前预警天数';
  else if (!/^\d+$/.test(daysText)) errors.yellowDays = '提前预警天数应为不小于 0 的整数';
  else if (days > MAX_YELLOW_DAYS) errors.yellowDays = `提前预警天数不能超过 ${MAX_YELLOW_DAYS} 个工作日`;
  if (Object.keys(errors).length) return { errors };
  return { yellowRatio: ratio, yellowDays: days };
}

export interface ChangeOptions {
  databaseUrl: string;
  evaluationDate?: string;
}

export async function updateMatterSettings(
  actor: Actor,
  matterId: number,
  settings: { yellowRatio: number; yellowDays: number },
  options: ChangeOptions
): Promise<{ recompute: RecomputeResult; matter: { code: string; name: string } }> {
  return withProductTransaction(
    options.databaseUrl,
    async (client) => {
      await lockDerivedState(client);
      const db = kyselyOnClient(client);
      try {
        const before = await findMatterSettings(db, matterId);
        if (!before) throw new MatterSettingsError({ form: '未找到该审批事项，可能尚未同步' });
        await saveMatterSettings(db, matterId, settings);
        await appendAudit(db, actor, {
          action: 'matter_settings.update',
          entity: 'matter',
          entityId: matterId,
          before: before.settings,
          after: {
            ...settings,
            custom: !(
              settings.yellowRatio === DEFAULT_YELLOW_RATIO && settings.yellowDays === DEFAULT_YELLOW_DAYS
            )
          }
        });
        const recompute = await recomputeForMatters([matterId], {
          client,
          evaluationDate: options.evaluationDate
        });
        return { recompute, matter: { code: before.code, name: before.name } };
      } finally {
        await db.destroy();
      }
    },
    'oversight-matter-settings'
  );
}
