/**
 * Compile-time tests of the router ↔ contract tie (checked by `npm run typecheck`, which the test
 * command runs). Each `@ts-expect-error` fails the type-check if the drift it shows stops being an error.
 */
import { z } from '../../core/zod-zh';
import { action, createRouter, noParams } from '../../cloudfunctions/shared/router';
import type { WhoAmI, StaffMember } from '../../core/api';
import * as invitationActions from '../../cloudfunctions/account/handlers/invitations';

const inv = {
  createInvitation: invitationActions.createInvitation, listInvitations: invitationActions.listInvitations,
  revokeInvitation: invitationActions.revokeInvitation, previewInvitation: invitationActions.previewInvitation,
  acceptInvitation: invitationActions.acceptInvitation,
};

const whoami = action({ permission: 'signed-in', params: noParams, handler: async (): Promise<WhoAmI> => ({ openid: '', maskedOpenid: '', role: 'citizen', departments: [], halls: [], grants: [] }) });
const listStaff = action({ permission: 'staff:manage', params: noParams, handler: async (): Promise<StaffMember[]> => [] });
const setStaffSchema = z.object({ openid: z.string(), name: z.string(), role: z.enum(['staff', 'admin']), departments: z.array(z.string()), active: z.boolean() }).strict();
const setStaff = action({ permission: 'staff:manage', params: setStaffSchema, handler: async (p): Promise<StaffMember> => p });

export const fine = createRouter('account', { whoami, listStaff, setStaff, ...inv });

// A result that drifted from the contract.
const badResult = action({ permission: 'signed-in', params: noParams, handler: async () => ({ openid: 1 }) });
// @ts-expect-error whoami must return WhoAmI
export const driftedResult = createRouter('account', { whoami: badResult, listStaff, setStaff, ...inv });

// A schema accepting a field the contract does not have.
const extraField = action({ permission: 'staff:manage', params: setStaffSchema.extend({ nickname: z.string().optional() }), handler: async (): Promise<StaffMember[]> => [] });
// @ts-expect-error listStaff takes no params
export const driftedParams = createRouter('account', { whoami, listStaff: extraField, setStaff, ...inv });

// A schema requiring a field the contract does not send.
const needsMore = action({ permission: 'staff:manage', params: setStaffSchema.extend({ badge: z.string() }), handler: async (p): Promise<StaffMember> => p });
// @ts-expect-error setStaff's contract has no badge
export const driftedRequired = createRouter('account', { whoami, listStaff, setStaff: needsMore, ...inv });

// @ts-expect-error an action the contract does not list is missing/extra
export const missingAction = createRouter('account', { whoami, listStaff });
