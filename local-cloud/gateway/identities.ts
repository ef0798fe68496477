/**
 * The people a reviewer can "be" in the local preview — the only list. The gateway serves it at
 * `GET /api/local/identities` (local mode only) for the H5 切换身份 control, `npm start` prints it,
 * and `scripts/seed.ts` creates the staff records from it. ADMIN_OPENIDS defaults to local-admin.
 */
import type { StaffGrant } from '../../core/policy';

export interface PreviewStaffRecord {
  role: 'staff' | 'admin';
  departments: string[];
  halls?: string[];
  grants?: StaffGrant[];
}

export interface PreviewIdentity {
  openid: string;
  /** What the switcher shows, e.g. 工作人员（公安局）. */
  label: string;
  /** One line: what this identity can try in the preview. */
  description: string;
  /** The person's (fake) name; staff records carry it. */
  name: string;
  /** Staff record seeded for this openid; absent for citizens. */
  staff?: PreviewStaffRecord;
}

export const PREVIEW_IDENTITIES: readonly PreviewIdentity[] = [
  {
    openid: 'local-citizen',
    label: '市民（张*）',
    name: '张三',
    description: '普通市民：查询办事指南、在线申办、预约取号、咨询与订阅消息',
  },
  {
    openid: 'local-citizen-2',
    label: '市民（李*）',
    name: '李四',
    description: '另一位市民：用来确认看不到张三的办件、预约和咨询记录',
  },
  {
    openid: 'local-staff-psb',
    label: '工作人员（公安局）',
    name: '李警官',
    description: '公安局、出入境工作人员：导入本部门事项，受理、审批本部门办件',
    staff: { role: 'staff', departments: ['psb', 'exit-entry'] },
  },
  {
    openid: 'local-staff-hrss',
    label: '工作人员（人社局）',
    name: '王科员',
    description: '人社局、医保局工作人员：处理社保与医保类办件，看不到公安局的办件',
    staff: { role: 'staff', departments: ['hrss', 'healthcare-security'] },
  },
  {
    openid: 'local-staff-hall',
    label: '大厅工作人员（政务服务中心）',
    name: '赵主任',
    description: '政务服务中心大厅：叫号、核验预约、管理窗口与号源',
    staff: { role: 'staff', departments: [], halls: ['hall-center'] },
  },
  {
    openid: 'local-agent',
    label: '咨询坐席（12345）',
    name: '陈坐席',
    description: '12345 咨询坐席：回复市民咨询、维护知识库',
    staff: { role: 'staff', departments: [], grants: ['consult', 'knowledge'] },
  },
  {
    openid: 'local-admin',
    label: '管理员',
    name: '数据局管理员',
    description: '管理员：导入全部事项、管理工作人员与工作日历、发起推送活动',
    staff: { role: 'admin', departments: [] },
  },
  {
    openid: 'local-admin-2',
    label: '管理员（审批）',
    name: '数据局审批员',
    description: '第二位管理员：审批他人发起的推送活动（不能审批自己的）',
    staff: { role: 'admin', departments: [] },
  },
];

/** What `GET /api/local/identities` sends: no staff internals, just what the switcher and 我的 show. */
export interface PublicPreviewIdentity {
  openid: string;
  label: string;
  name: string;
  description: string;
}

export function publicIdentities(): PublicPreviewIdentity[] {
  return PREVIEW_IDENTITIES.map(({ openid, label, name, description }) => ({ openid, label, name, description }));
}

/** The `account.setStaff` params for every preview identity that has a staff record. */
export function previewStaffRecords(): {
  openid: string; name: string; role: 'staff' | 'admin'; departments: string[]; halls: string[]; grants: StaffGrant[]; active: true;
}[] {
  return PREVIEW_IDENTITIES.flatMap((id) =>
    id.staff
      ? [{
          openid: id.openid,
          name: id.name,
          role: id.staff.role,
          departments: [...id.staff.departments],
          halls: [...(id.staff.halls ?? [])],
          grants: [...(id.staff.grants ?? [])],
          active: true as const,
        }]
      : [],
  );
}

export const IDENTITY_HEADER = 'x-local-openid';

/** Same shape as real openids (28 chars of base64url) but lenient on length for fixtures. */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
