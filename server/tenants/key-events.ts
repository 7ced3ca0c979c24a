import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { keyEvents } from '../db/schema';
import type { Actor } from '../http/context';

/** Who acted on a key, when, and from which network (an IPv4 address or an IPv6 /64). */
export interface KeyAudit {
  actor: Actor | { kind: 'operator' };
  at: string;
  network: string;
}

function actorOf(audit: KeyAudit): { actorKind: string; actorId: string | null } {
  const { actor } = audit;
  if (actor.kind === 'apiKey') return { actorKind: 'apiKey', actorId: actor.keyId };
  if (actor.kind === 'staff') return { actorKind: 'staff', actorId: actor.staffId };
  return { actorKind: actor.kind, actorId: null };
}

/** The event of `action` on a key, written only if the key's row shows it happened. */
export function recordKeyEvent(
  db: Db,
  tenantId: string,
  keyId: string,
  action: 'created' | 'revoked',
  audit: KeyAudit,
) {
  const { actorKind, actorId } = actorOf(audit);
  const happened =
    action === 'created'
      ? sql`EXISTS (SELECT 1 FROM api_keys WHERE id = ${keyId})`
      : sql`EXISTS (SELECT 1 FROM api_keys WHERE id = ${keyId} AND revoked_at IS NOT NULL)`;
  return db.run(sql`INSERT INTO ${keyEvents}
      (id, tenant_id, key_id, action, at, actor_kind, actor_id, network)
    SELECT ${newId()}, ${tenantId}, ${keyId}, ${action}, ${audit.at}, ${actorKind}, ${actorId},
      ${audit.network}
    WHERE ${happened}
    ON CONFLICT (key_id, action) DO NOTHING`);
}
