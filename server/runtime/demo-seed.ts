import { and, eq, isNull } from 'drizzle-orm';
import { PRESET_NAMES, presetProcedure } from '../../shared/presets';
import type { Procedure } from '../../shared/procedure';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { apiKeys, staff } from '../db/schema';
import { staffNameKey } from '../staff/accounts';
import { generatePassword, hashPassword } from '../staff/passwords';
import type { StaffRole } from '../staff/roles';
import { createTenant, findTenant, newApiKey } from '../tenants/tenants';

const DEMO_KEY_LABEL = 'npm start demo';

const DEMO_NAMES: Record<string, string> = {
  totaalonder1dak: 'TotaalOnder1Dak',
  wenb: 'Bureau WENB',
  awb: 'Gemeente Voorbeeld',
  'awb-commissie': 'Provincie Voorbeeld',
  wkkgz: 'Zorggroep Voorbeeld',
};

/** A made-up klachtenfunctionaris, so the Wkkgz demo shows where a real one appears. */
const DEMO_OFFICER = {
  wkkgz: {
    name: 'Mw. A. de Wit',
    contact: {
      nl: 'telefoon 020 123 45 99 (ma–do 9–12 uur) of klachtenfunctionaris@zorggroep.example',
      en: 'phone 020 123 45 99 (Mon–Thu 9–12) or klachtenfunctionaris@zorggroep.example',
    },
  },
} as Record<string, Procedure['complaintsOfficer']>;

/** Made-up letterheads, so the demo's letters show where a real one goes. */
const DEMO_LETTERHEAD = {
  address: ['Postbus 1234', '1000 AB Voorbeeldstad'],
  phone: '020 123 45 67',
  email: 'klachten@voorbeeld.example',
};

/**
 * Makes sure each preset has a demo tenant, and gives each a fresh API key for this run (the
 * previous run's demo key is revoked: keys are only stored as hashes, so they cannot be shown
 * again). The demo pages need no allowed origin: they are the service's own pages, so they load
 * the widget and call the API on whatever origin they are reached by, and the service's own
 * origins are always allowed (`refuseForeignOrigin`, `tenantCors`).
 */
export async function seedDemo(db: Db) {
  const keys: { slug: string; name: string; apiKey: string }[] = [];
  for (const slug of PRESET_NAMES) {
    const existing = await findTenant(db, slug);
    if (!existing) {
      const preset = presetProcedure(slug);
      const procedure = {
        ...preset,
        letterhead: preset.letterhead ?? DEMO_LETTERHEAD,
        ...(DEMO_OFFICER[slug] ? { complaintsOfficer: DEMO_OFFICER[slug] } : {}),
        // The demo shows what a public body publishes.
        publish: { yearlyReport: true },
      };
      const created = await createTenant(db, { slug, name: DEMO_NAMES[slug] ?? slug, procedure });
      if (created) keys.push({ slug, name: created.tenant.name, apiKey: created.apiKey });
      continue;
    }
    const { key, row } = await newApiKey(existing.id, DEMO_KEY_LABEL);
    await db.batch([
      db
        .update(apiKeys)
        .set({ revokedAt: new Date().toISOString() })
        .where(
          and(
            eq(apiKeys.tenantId, existing.id),
            eq(apiKeys.label, DEMO_KEY_LABEL),
            isNull(apiKeys.revokedAt),
          ),
        ),
      db.insert(apiKeys).values(row),
    ]);
    keys.push({ slug, name: existing.name, apiKey: key });
  }
  return keys;
}

/** The demo's staff: one account per role in every demo tenant, the same e-mail everywhere. */
export const DEMO_STAFF: { email: string; name: string; role: StaffRole }[] = [
  { email: 'ontvanger@demo.test', name: 'Olga Ontvanger', role: 'receiver' },
  { email: 'behandelaar@demo.test', name: 'Bram Behandelaar', role: 'handler' },
  { email: 'beroep@demo.test', name: 'Dirk Directeur', role: 'appealBody' },
  { email: 'beheerder@demo.test', name: 'Bea Beheerder', role: 'admin' },
];

/**
 * Gives every demo tenant the demo staff accounts with one fresh password for this run (only for
 * the demo: passwords are stored as hashes and cannot be shown again, so each start sets a new
 * one and prints it).
 */
export async function seedDemoStaff(db: Db) {
  const password = generatePassword();
  // One hash for all demo accounts: PBKDF2 is slow on purpose, and these are demo accounts.
  const passwordHash = await hashPassword(password);
  const reset = { passwordHash, failedSignIns: 0, lockedUntil: null, disabledAt: null };
  for (const slug of PRESET_NAMES) {
    const tenant = await findTenant(db, slug);
    if (!tenant) continue;
    await db.batch(
      DEMO_STAFF.map((member) =>
        db
          .insert(staff)
          .values({
            id: newId(),
            tenantId: tenant.id,
            ...member,
            nameKey: staffNameKey(member.name),
            ...reset,
          })
          .onConflictDoUpdate({
            target: [staff.tenantId, staff.email],
            set: {
              name: member.name,
              nameKey: staffNameKey(member.name),
              role: member.role,
              ...reset,
            },
          }),
      ) as never,
    );
  }
  return { password, accounts: DEMO_STAFF };
}
