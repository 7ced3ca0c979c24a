import { and, eq, isNull } from 'drizzle-orm';
import { PRESET_NAMES, presetProcedure } from '../shared/presets';
import type { Procedure } from '../shared/procedure';
import type { Db } from './db/client';
import { apiKeys, tenants } from './db/schema';
import { createTenant, findTenant, newApiKey } from './tenants';

const DEMO_KEY_LABEL = 'npm start demo';

const DEMO_NAMES: Record<string, string> = {
  totaalonder1dak: 'TotaalOnder1Dak',
  wenb: 'Bureau WENB',
  awb: 'Gemeente Voorbeeld',
  wkkgz: 'Zorggroep Voorbeeld',
};

/**
 * Makes sure each preset has a demo tenant that the local site may embed, and gives each a fresh
 * API key for this run (the previous run's demo key is revoked: keys are only stored as hashes,
 * so they cannot be shown again).
 */
export async function seedDemo(db: Db, origin: string) {
  const keys: { slug: string; name: string; apiKey: string }[] = [];
  for (const slug of PRESET_NAMES) {
    const existing = await findTenant(db, slug);
    if (!existing) {
      const procedure = withOrigin(presetProcedure(slug), origin);
      const created = await createTenant(db, { slug, name: DEMO_NAMES[slug] ?? slug, procedure });
      if (created) keys.push({ slug, name: created.tenant.name, apiKey: created.apiKey });
      continue;
    }
    const { key, row } = await newApiKey(existing.id, DEMO_KEY_LABEL);
    await db.batch([
      db
        .update(tenants)
        .set({ procedure: withOrigin(existing.procedure, origin) })
        .where(eq(tenants.id, existing.id)),
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

function withOrigin(procedure: Procedure, origin: string): Procedure {
  if (procedure.allowedOrigins.includes(origin)) return procedure;
  return { ...procedure, allowedOrigins: [...procedure.allowedOrigins, origin] };
}
