// The manual score events of the demo appraisal (千分制): what a section head and a leader
// would have recorded on their rounds in the last months, with the evidence described in
// the note as the entry form asks for it, and the demo staff member's three appeals — one
// revoked, one upheld, one still waiting for a leader, so that each appeal state can be
// seen and the last one tried. Pure data; appraisal.ts enters them.

export interface AppraisalStory {
  /** 0: the month of the last working day before today (the pending appeal); n: n months ago. */
  monthsAgo: number;
  ruleCode: string;
  /** The demo staff account's own record, a colleague in the demo section head's section, or anyone else. */
  person: 'demo-staff' | 'own-section' | 'other-section';
  /** A section head enters for their own section only; the leader for anyone. */
  enteredBy: 'sectionHead' | 'leader';
  note: string;
  appeal?: { reason: string; decision?: { outcome: 'upheld' | 'revoked'; reason: string } };
}

export const APPRAISAL_STORIES: readonly AppraisalStory[] = [
  {
    monthsAgo: 3,
    ruleCode: 'late_or_early_leave',
    person: 'own-section',
    enteredBy: 'sectionHead',
    note: '考勤机记录 8:47 到岗，晚于 8:30 上班时间 17 分钟，事先未请假。考勤记录已导出存档。'
  },
  {
    monthsAgo: 3,
    ruleCode: 'praise',
    person: 'other-section',
    enteredBy: 'leader',
    note: '申请人送来锦旗“高效办事 贴心服务”，感谢其延时服务、当天办结企业设立登记。锦旗照片已存档。'
  },
  {
    monthsAgo: 2,
    ruleCode: 'late_or_early_leave',
    person: 'demo-staff',
    enteredBy: 'sectionHead',
    note: '考勤机记录 8:41 到岗，晚于上班时间 11 分钟。考勤记录已导出存档。',
    appeal: {
      reason: '当天 8:00–8:40 经科长同意参加区政务服务中心早班业务培训，培训签到表可以证明，不是迟到。',
      decision: { outcome: 'revoked', reason: '经核对培训签到表，当天确在参加培训，情况属实，撤销该扣分。' }
    }
  },
  {
    monthsAgo: 2,
    ruleCode: 'away_from_window',
    person: 'other-section',
    enteredBy: 'leader',
    note: '10:20 局领导巡查，窗口无人值守约 20 分钟，叫号屏显示“暂停服务”，未摆放暂离牌。巡查照片已存档。'
  },
  {
    monthsAgo: 2,
    ruleCode: 'impolite',
    person: 'own-section',
    enteredBy: 'sectionHead',
    note: '群众反映其答复咨询时语气生硬。调取窗口录音录像核实，存在打断群众说话、不耐烦的情况。'
  },
  {
    monthsAgo: 1,
    ruleCode: 'attire_not_standard',
    person: 'demo-staff',
    enteredBy: 'sectionHead',
    note: '9:15 科室巡查，未佩戴工牌、未穿工装上岗。现场照片已存档。',
    appeal: {
      reason: '当天工牌丢失，已向办公室申请补办，第二天就补好了。',
      decision: {
        outcome: 'upheld',
        reason: '补办申请在巡查之后才提交，且未按规定领用临时工牌，着装也不符合要求，维持扣分。'
      }
    }
  },
  {
    monthsAgo: 1,
    ruleCode: 'no_one_time_notice',
    person: 'other-section',
    enteredBy: 'leader',
    note: '申请人反映第二次来补交材料时才被告知还需房屋租赁备案证明。调阅受理记录，首次受理时未出具一次性告知书。'
  },
  {
    monthsAgo: 1,
    ruleCode: 'praise',
    person: 'own-section',
    enteredBy: 'sectionHead',
    note: '收到企业表扬信，感谢其主动指导材料准备，帮助企业一次办结食品经营许可。表扬信扫描件已存档。'
  },
  {
    monthsAgo: 0,
    ruleCode: 'away_from_window',
    person: 'demo-staff',
    enteredBy: 'sectionHead',
    note: '14:30 科室巡查，窗口无人约 25 分钟，叫号屏未暂停，群众排队等候。巡查照片已存档。',
    appeal: { reason: '当时窗口电脑蓝屏无法受理，我去信息科报修，信息科有报修记录，不是擅自离岗。' }
  }
];
