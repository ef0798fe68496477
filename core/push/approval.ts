/**
 * When a broadcast needs a second person: when its creator's sends over a rolling 24 h pass the
 * threshold, so several small campaigns cannot add up to a large one that nobody else saw.
 */
export const APPROVAL_WINDOW_MS = 24 * 3600_000;

/** What the rule reads from a stored campaign. */
export interface CampaignSends {
  recipients: number;
  createdAt: string;
  sendAt: string;
  approvedBy?: string;
  cancelledAt?: string;
}

/**
 * Recipients the creator's recent campaigns reach without a second person: campaigns created in
 * the window, except those another person approved and those cancelled before their send time
 * (they sent nothing). Pending ones count: they may yet be approved and send.
 */
export function unapprovedSends(campaigns: readonly CampaignSends[], now: number): number {
  return campaigns
    .filter((c) => Date.parse(c.createdAt) > now - APPROVAL_WINDOW_MS)
    .filter((c) => !c.approvedBy)
    .filter((c) => !(c.cancelledAt && Date.parse(c.cancelledAt) < Date.parse(c.sendAt)))
    .reduce((sum, c) => sum + c.recipients, 0);
}

export function needsSecondPerson(recentSends: number, recipients: number, threshold: number): boolean {
  return recentSends + recipients > threshold;
}
