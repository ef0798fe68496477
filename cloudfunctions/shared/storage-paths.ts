/**
 * Where our files live in cloud storage, and what the mini-program itself may do there. One
 * source for the functions (sealed evidence, result documents) and for the production storage
 * security rules in docs/deploy-console.md (`npm run docs:deploy`). Functions are not bound by the
 * rules (WeChat: server side always reads and writes); clients only ever upload to their own
 * folder, and read nothing directly: files reach people through short-lived temp URLs a function
 * issues after the policy allowed it.
 */
export interface StorageFolder {
  /** `<openid>` stands for the uploader's own openid. */
  prefix: string;
  description: string;
  /** Whether the mini-program may write (upload, overwrite, delete) here. Reading is never allowed from the client. */
  clientWrite: boolean;
}

export const UPLOADS_DIR = 'uploads/';
export const EVIDENCE_DIR = 'evidence/';
export const RESULTS_DIR = 'results/';

export const STORAGE_FOLDERS: readonly StorageFolder[] = [
  { prefix: `${UPLOADS_DIR}<openid>/`, description: '用户从小程序上传的文件（申请材料、结果文书、目录导入文件）；只有本人可写，云函数使用前按内容检查', clientWrite: true },
  { prefix: EVIDENCE_DIR, description: '提交与补正时封存的申请材料副本（`evidence/<openid 摘要>/<SHA-256>.<扩展名>`），办件只引用这里；仅云函数可写', clientWrite: false },
  { prefix: RESULTS_DIR, description: '办结时复制的结果文书（`results/<办件编号>/…`）；仅云函数可写', clientWrite: false },
];

/**
 * The bucket's custom security rule (云开发控制台 → 存储 → 权限设置 → 自定义安全规则). WeChat rules are
 * per bucket: the folder split is expressed on `resource.path`.
 */
export const STORAGE_SECURITY_RULES = {
  read: false,
  write: `auth != null && resource.openid == auth.openid && resource.path.startsWith('${UPLOADS_DIR}' + auth.openid + '/')`,
} as const;

/** The declared folder a cloud path lies in (undefined: nowhere we write). */
export function storageFolderOf(cloudPath: string): StorageFolder | undefined {
  return STORAGE_FOLDERS.find((f) => {
    const [head] = f.prefix.split('<openid>/');
    if (!f.prefix.includes('<openid>/')) return cloudPath.startsWith(f.prefix);
    return cloudPath.startsWith(head) && /^[^/]+\/[^/]/.test(cloudPath.slice(head.length));
  });
}
