import { Hono } from 'hono';
import { type FormConfig, formConfigSchema } from '../../shared/api';
import type { Procedure } from '../../shared/procedure';
import { complaintsOfficerSentence } from '../../shared/statutory';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import type { AppEnv } from '../http/context';
import { tenantCors } from '../http/cors';

export function formConfig(
  tenant: { slug: string; name: string },
  procedure: Procedure,
): FormConfig {
  const { form } = procedure;
  return {
    tenant: { slug: tenant.slug, name: tenant.name },
    locale: procedure.locale,
    complainant: form.complainant,
    onBehalfOf: form.onBehalfOf,
    category: form.category,
    categories: form.category === 'hidden' ? [] : procedure.categories,
    desiredSolution: form.desiredSolution,
    attachments: form.attachments,
    privacyUrl: form.privacyUrl,
    intro: introOf(procedure),
    terms: Object.entries(procedure.terms)
      .filter(([, term]) => term.public && !term.activeAfter)
      .map(([name, term]) => ({ name, label: term.label, amount: term.amount, unit: term.unit })),
  };
}

/** The form's introduction, with the klachtenfunctionaris (Wkkgz art. 15) when there is one. */
function introOf({ form, complaintsOfficer }: Procedure): FormConfig['intro'] {
  if (!complaintsOfficer) return form.intro;
  const line = (locale: 'nl' | 'en') =>
    [form.intro?.[locale], complaintsOfficerSentence(complaintsOfficer, locale)]
      .filter(Boolean)
      .join(' ');
  return { nl: line('nl'), en: line('en') };
}

const FORM_DOCS = {
  read: routeDoc({
    method: 'get',
    path: `${TENANT_PATH}/form`,
    summary: 'What the widget renders',
    tag: 'Complaints',
    auth: 'public',
    ok: { status: 200, description: 'Form configuration', schema: formConfigSchema },
    errors: [404],
  }),
};
export const formDocs = Object.values(FORM_DOCS);

/** `GET /v1/tenants/{slug}/form`: public; what the widget renders. */
export function formRoutes(deps: AppDeps) {
  const path = honoPath(FORM_DOCS.read);
  return new Hono<AppEnv>()
    .use(path, tenantCors(deps), tenantAccess(deps, 'optional'))
    .get(path, (c) => {
      const tenant = c.get('tenant');
      c.header('Cache-Control', 'public, max-age=60');
      return c.json(formConfig(tenant, tenant.procedure));
    });
}
