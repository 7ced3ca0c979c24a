import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import * as z from 'zod';
import { plainText } from '../../shared/text';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { complaints, sessions, staff } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { ApiError } from '../http/errors';
import { generatePassword, hashPassword } from './passwords';
import { STAFF_ROLES, type StaffRole } from './roles';

export type StaffRow = typeof staff.$inferSelect;

/**
 * What makes two account names the same name: case, the spaces around it and runs of spaces
 * inside it aside ("  BRAM  Behandelaar " is "bram behandelaar"). One account per name in a tenant.
 */
export function staffNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The 409 for an address or a name another account of the tenant already has. */
function takenError(err: unknown): ApiError | null {
  if (!isUniqueViolation(err)) return null;
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (
      /UNIQUE constraint failed: staff\.tenant_id, staff\.name_key/.test((e as Error).message ?? '')
    )
      return new ApiError(409, 'name_taken');
  }
  return new ApiError(409, 'email_taken');
}

const email = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());
const name = plainText(200);
const password = z.string().min(10).max(200);

export const createStaffSchema = z.strictObject({
  email,
  name,
  role: z.enum(STAFF_ROLES),
  /** Without it a password is generated and returned once. */
  password: password.optional(),
});

export const updateStaffSchema = z.strictObject({
  email: email.optional(),
  name: name.optional(),
  role: z.enum(STAFF_ROLES).optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
});

/** The first admin, created with the tenant. */
export const firstAdminSchema = createStaffSchema.omit({ role: true });

export const staffViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffView = z.infer<typeof staffViewSchema>;

export const staffCreatedSchema = z.object({
  staff: staffViewSchema,
  /** Only when the password was generated: shown this once, stored only as a hash. */
  password: z.string().optional(),
});

export function staffView(row: StaffRow): StaffView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as StaffRole,
    disabled: row.disabledAt !== null,
    lockedUntil: row.lockedUntil,
    createdAt: row.createdAt,
  };
}

export async function listStaff(db: Db, tenantId: string): Promise<StaffRow[]> {
  return db.query.staff.findMany({
    where: eq(staff.tenantId, tenantId),
    orderBy: [asc(staff.name), asc(staff.email)],
  });
}

export async function findStaff(db: Db, tenantId: string, id: string): Promise<StaffRow> {
  const row = await db.query.staff.findFirst({
    where: and(eq(staff.tenantId, tenantId), eq(staff.id, id)),
  });
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

/** A new account's row (password hashed; a generated password is returned once). */
export async function newStaffRow(tenantId: string, input: z.output<typeof createStaffSchema>) {
  const generated = input.password ? undefined : generatePassword();
  const values = {
    id: newId(),
    tenantId,
    email: input.email,
    name: input.name,
    nameKey: staffNameKey(input.name),
    role: input.role,
    passwordHash: await hashPassword(input.password ?? (generated as string)),
  };
  return { values, password: generated };
}

export async function createStaff(
  db: Db,
  tenantId: string,
  input: z.output<typeof createStaffSchema>,
): Promise<{ row: StaffRow; password?: string }> {
  const { values, password } = await newStaffRow(tenantId, input);
  try {
    const [row] = await db.insert(staff).values(values).returning();
    if (!row) throw new Error('staff insert returned nothing');
    return password ? { row, password } : { row };
  } catch (err) {
    throw takenError(err) ?? err;
  }
}

/** Refuses a change that would leave the tenant without an active admin. */
async function keepAnAdmin(db: Db, row: StaffRow) {
  const others = await db.query.staff.findFirst({
    where: and(
      eq(staff.tenantId, row.tenantId),
      eq(staff.role, 'admin'),
      isNull(staff.disabledAt),
      ne(staff.id, row.id),
    ),
  });
  if (!others) throw new ApiError(409, 'last_admin');
}

export async function updateStaff(
  db: Db,
  row: StaffRow,
  input: z.output<typeof updateStaffSchema>,
  now: Date,
): Promise<StaffRow> {
  const losesAdmin =
    row.role === 'admin' &&
    row.disabledAt === null &&
    ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
  if (losesAdmin) await keepAnAdmin(db, row);
  const changes: Partial<typeof staff.$inferInsert> = {
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.name !== undefined ? { name: input.name, nameKey: staffNameKey(input.name) } : {}),
    ...(input.role !== undefined ? { role: input.role } : {}),
    ...(input.password !== undefined
      ? { passwordHash: await hashPassword(input.password), failedSignIns: 0, lockedUntil: null }
      : {}),
    ...(input.disabled !== undefined
      ? { disabledAt: input.disabled ? (row.disabledAt ?? now.toISOString()) : null }
      : {}),
  };
  if (Object.keys(changes).length === 0) return row;
  // A new password, a new role or a disabled account ends the sessions that were signed in.
  const endSessions =
    input.password !== undefined || input.role !== undefined || input.disabled === true;
  try {
    const update = db
      .update(staff)
      .set(changes)
      .where(and(eq(staff.id, row.id), eq(staff.tenantId, row.tenantId)))
      .returning();
    const [updated] = endSessions
      ? (await db.batch([update, db.delete(sessions).where(eq(sessions.staffId, row.id))]))[0]
      : await update;
    if (!updated) throw new ApiError(404, 'not_found');
    return updated;
  } catch (err) {
    throw takenError(err) ?? err;
  }
}

export async function deleteStaff(db: Db, row: StaffRow): Promise<void> {
  if (row.role === 'admin' && row.disabledAt === null) await keepAnAdmin(db, row);
  await db.batch([
    db.delete(sessions).where(eq(sessions.staffId, row.id)),
    // What was forwarded to the account keeps the name, as forwarded to someone without one.
    db
      .update(complaints)
      .set({ handlerStaffId: null })
      .where(and(eq(complaints.tenantId, row.tenantId), eq(complaints.handlerStaffId, row.id))),
    db.delete(staff).where(and(eq(staff.id, row.id), eq(staff.tenantId, row.tenantId))),
  ]);
}
