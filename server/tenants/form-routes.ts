import { Hono } from 'hono';
import type { FormConfig } from '../../shared/api';
import type { Procedure } from '../../shared/procedure';
import type { AppDeps } from '../deps';
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
    intro: form.intro,
    terms: Object.entries(procedure.terms)
      .filter(([, term]) => term.public && !term.activeAfter)
      .map(([name, term]) => ({ name, label: term.label, amount: term.amount, unit: term.unit })),
  };
}

/** `GET /v1/tenants/{slug}/form`: public; what the widget renders. */
export function formRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/:slug/form', tenantCors(deps), tenantAccess(deps, 'optional'))
    .get('/:slug/form', (c) => {
      const tenant = c.get('tenant');
      c.header('Cache-Control', 'public, max-age=60');
      return c.json(formConfig(tenant, tenant.procedure));
    });
}
