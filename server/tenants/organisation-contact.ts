import type { OrganisationContact } from '../../shared/api';
import type { Procedure } from '../../shared/procedure';

/**
 * A link for the letterhead's website, which is written as people write it ("www.example.nl"):
 * an http(s) address, or none when it does not read as one.
 */
export function websiteUrl(text: string): string | null {
  try {
    const url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * How to reach the organisation other than through the form: its name as its messages give it,
 * its letterhead (what its letters print anyway: postal address, phone, e-mail, website) and its
 * published procedure. Nothing else of the procedure: no staff or appeal addresses, no origins.
 */
export function organisationContact(
  tenant: { slug: string; name: string },
  procedure: Procedure,
  publicUrl: string,
): OrganisationContact {
  const letterhead = procedure.letterhead;
  const url = letterhead?.website ? websiteUrl(letterhead.website) : null;
  return {
    name: procedure.notifications?.senderName ?? tenant.name,
    ...(letterhead?.address ? { address: letterhead.address } : {}),
    ...(letterhead?.phone ? { phone: letterhead.phone } : {}),
    ...(letterhead?.email ? { email: letterhead.email } : {}),
    ...(letterhead?.website && url ? { website: { label: letterhead.website, url } } : {}),
    procedureUrl: new URL(`/p/${encodeURIComponent(tenant.slug)}/klachtenregeling`, publicUrl).href,
  };
}
