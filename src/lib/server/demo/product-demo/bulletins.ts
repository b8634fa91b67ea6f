import { SYSTEM_ACTOR } from '../../audit/audit.repository';
import { draftBulletin, editCommentary, publishBulletin } from '../../bulletins/bulletins.service';
import type { SeedContext } from './context';

// The demo's monthly bulletins (每月集中通报): each complete month drafted as the job
// bulletin-draft drafts it (by the system, every section from the data now in the
// product, appraisal and evaluation included), then — all but the latest — commented on
// and published by the demo leader, oldest first, so they are numbered in order. The
// latest stays a draft for a leader to read, comment on and publish.

const COMMENTARIES = [
  '本月全局办件按期办结情况总体平稳。逾期办件较多的科室要逐件说明原因，十个工作日内报送整改情况；第三方测评排名靠后的单位由分管领导约谈，限期整改。',
  '请各科室对照通报查找问题：暗访发现的未一次性告知、等候时间过长等问题要举一反三、立行立改；差评要在规定时限内回访整改到位。',
  '受表彰的服务明星和红旗窗口要发挥示范带头作用；连续两个月测评排名后三位的单位，要向局党组书面说明原因并提出整改措施。'
];

export interface BulletinSeed {
  /** The numbers given, e.g. '2026年第1期'. */
  published: string[];
  drafts: number;
}

export async function bulletinsAreEmpty(ctx: SeedContext): Promise<boolean> {
  return !(await ctx.db.selectFrom('bulletins').select('id').limit(1).executeTakeFirst());
}

export async function seedBulletins(ctx: SeedContext): Promise<BulletinSeed> {
  const { db, users } = ctx;
  const published: string[] = [];
  let drafts = 0;
  for (const [i, month] of ctx.months.entries()) {
    const { id } = await draftBulletin(db, SYSTEM_ACTOR, month, ctx.today, ctx.now);
    if (i === ctx.months.length - 1) {
      drafts++;
      continue;
    }
    const commented = await editCommentary(db, users.leader, id, COMMENTARIES[i % COMMENTARIES.length]);
    if (!commented.ok) throw new Error(`演示通报点评保存失败：${JSON.stringify(commented.errors)}`);
    published.push((await publishBulletin(db, users.leader, id, ctx.now)).number);
  }
  return { published, drafts };
}
