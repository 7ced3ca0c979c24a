/** The roles a staff member may have; what each may do is in policy.ts. */
export const STAFF_ROLES = ['receiver', 'handler', 'appealBody', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
