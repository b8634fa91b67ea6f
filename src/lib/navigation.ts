import type { Pathname } from '$app/types';
import type { Role } from './roles';

// The product's areas, in the order of the main navigation, with the roles that may
// open each (shared/spec/security.md). The server enforces these through requireRole in
// each page's load (see areaRoles); the navigation only hides what a role cannot open.
// The descriptions say in one line what each area holds (the admin overview lists them).
// Links pass href through resolve() from $app/paths, so a deployment under a base path
// keeps working.

/**
 * The areas' addresses: each must be a route of this app (Extract drops a misspelt one,
 * and svelte-check then fails). A short union on purpose: TypeScript matches a union
 * argument against resolve()'s per-route overloads only up to 25 members, and the app
 * has more routes than that.
 */
type NavHref = Extract<
  Pathname,
  | '/'
  | '/warnings'
  | '/cases'
  | '/ratings'
  | '/complaints'
  | '/audits'
  | '/appraisal'
  | '/rectification'
  | '/accountability'
  | '/evaluation'
  | '/bulletins'
  | '/admin'
  | '/admin/status'
  | '/admin/users'
  | '/admin/calendar'
  | '/admin/matters'
  | '/admin/accountability-levels'
  | '/audit'
>;

export interface NavItem {
  /** A route of this app (checked against the routes by svelte-check). */
  href: NavHref;
  label: string;
  /** One line on what the area holds. */
  description: string;
  roles: readonly Role[];
  children?: NavItem[];
}

const FIGURES: Role[] = ['leader', 'inspector', 'section_head'];

export const NAV_ITEMS: readonly NavItem[] = [
  {
    href: '/',
    label: '总览',
    description: '全局审批效能概况：收件、办结、在办与预警的关键指标。',
    roles: FIGURES
  },
  {
    href: '/warnings',
    label: '逾期预警',
    description: '按承诺时限与法定时限实时亮出黄牌、红牌，列出即将超期和已超期的办件，便于及时督办。',
    roles: FIGURES
  },
  {
    href: '/cases',
    label: '办件查询',
    description: '按编号、状态、预警与科室查找办件，查看办理过程与时限计算过程，导出清单。',
    roles: FIGURES
  },
  {
    href: '/ratings',
    label: '好差评',
    description:
      '好评率、差评及其整改情况、主动评价率，按窗口和人员统计；差评可核实、标记整改或申诉误评恶意评价。',
    // Section heads: their own sections' ratings; they may mark 已整改 and appeal, not judge.
    roles: FIGURES
  },
  {
    href: '/complaints',
    label: '投诉',
    description: '投诉受理、属实率与办结用时，按窗口、人员、来源和类别统计，可下发整改通知。',
    roles: FIGURES
  },
  {
    href: '/audits',
    label: '抽查督查',
    description: '随机抽取办件开展督查，记录发现的问题、整改要求与整改结果。',
    // Not section heads: knowing which files were drawn before review would let a section
    // tidy them (docs/rules/audits.md). Their notices will get a scoped page of their own.
    roles: ['leader', 'inspector']
  },
  {
    href: '/appraisal',
    label: '千分制考核',
    description: '依据千分制考核细则，对各审批科室和窗口工作人员的效能进行量化评分与排名。',
    roles: ['leader', 'inspector', 'section_head', 'staff']
  },
  {
    href: '/rectification',
    label: '整改通知',
    description: '督查发现的问题、差评、投诉和超法定时限办件的整改通知：下发、整改回复、核验，逾期标红。',
    // Section heads and staff answer the notices addressed to them (their page is scoped).
    roles: ['leader', 'inspector', 'section_head', 'staff']
  },
  {
    href: '/accountability',
    label: '责任追究',
    description:
      '超法定时限办件、不合格案卷与属实投诉的追责：纪检监察提出建议，局领导决定级别；逐人逐年统计。',
    // Inspectors propose, leaders decide (security.md); nobody else sees who was held to account.
    roles: ['leader', 'inspector']
  },
  {
    href: '/evaluation',
    label: '第三方测评',
    description:
      '第三方机构每月开展明察、暗访和公众满意度调查：逐条录入、提交锁定，按单位计算综合指数与排名。',
    // Evaluators see only their own firm's rounds (row scope on the server); leaders and
    // inspectors read every round's results; only leaders assign rounds.
    roles: ['leader', 'inspector', 'evaluator']
  },
  {
    href: '/bulletins',
    label: '通报',
    description: '定期生成效能督查通报，对超期办件、差评与投诉情况进行通报。',
    roles: ['leader', 'inspector', 'section_head']
  },
  {
    href: '/admin',
    label: '系统管理',
    description: '系统运行状态、数据源连接与定时任务等管理功能。',
    roles: ['admin'],
    children: [
      {
        href: '/admin/status',
        label: '系统状态',
        description: '数据库连接、审批数据源契约检查、数据量与定时任务运行记录。',
        roles: ['admin']
      },
      {
        href: '/admin/users',
        label: '用户管理',
        description: '账号、角色与数据范围，一次性密码，只读 API 令牌。',
        roles: ['admin']
      },
      {
        href: '/admin/calendar',
        label: '工作日历',
        description: '法定节假日与调休上班日，逐年确认国务院放假通知；可导入 ICS 文件或粘贴通知正文。',
        roles: ['admin']
      },
      {
        href: '/admin/matters',
        label: '事项时限设置',
        description: '各审批事项的承诺与法定时限（来自审批系统），以及可调整的黄灯预警参数。',
        roles: ['admin']
      },
      {
        href: '/admin/accountability-levels',
        label: '追责级别',
        description: '责任追究各级别的名称；级别序号与轻重顺序固定，已有追责记录保留当时的级别名称。',
        roles: ['admin']
      }
    ]
  },
  {
    href: '/audit',
    label: '审计日志',
    description: '全部写操作的哈希链审计记录，可筛选并校验完整性（三员分立：仅安全审计员可见）。',
    roles: ['auditor']
  }
];

/**
 * The aria-current value of a link: 'page' on the page itself, 'true' on the area that
 * contains it (e.g. 系统管理 while on 系统状态), none otherwise. '/' only matches itself.
 */
export function ariaCurrent(href: string, pathname: string): 'page' | 'true' | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === href) return 'page';
  if (href !== '/' && path.startsWith(`${href}/`)) return 'true';
  return undefined;
}

/** An area by its address, for pages that show its label and description. */
export function findNavItem(href: Pathname): NavItem {
  for (const item of NAV_ITEMS) {
    if (item.href === href) return item;
    const child = item.children?.find((c) => c.href === href);
    if (child) return child;
  }
  throw new Error(`No navigation item for ${href}`);
}

/** The roles that may open an area: what its server load passes to requireRole. */
export function areaRoles(href: Pathname): readonly Role[] {
  return findNavItem(href).roles;
}

/** The navigation a user with these roles sees. */
export function visibleNavItems(roles: readonly Role[]): NavItem[] {
  const allowed = (item: NavItem) => item.roles.some((role) => roles.includes(role));
  return NAV_ITEMS.filter(allowed).map((item) => ({ ...item, children: item.children?.filter(allowed) }));
}
