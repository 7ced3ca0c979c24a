import { Hono } from 'hono';
import { type FormConfig, type FormRefusal, formConfigSchema } from '../../shared/api';
import type { Locale } from '../../shared/localised';
import type { Procedure } from '../../shared/procedure';
import { complaintsOfficerSentence } from '../../shared/statutory';
import type { AppDeps } from '../deps';
import { honoPath, routeDoc, TENANT_PATH } from '../docs/route-doc';
import { tenantAccess } from '../http/auth';
import type { AppEnv } from '../http/context';
import { foreignOrigin, tenantCors } from '../http/cors';
import { ERROR_MESSAGES } from '../http/error-messages';
import { organisationContact } from './organisation-contact';

/**
 * The widget's words, loaded on the first form asked for: on Workers a chunk of their own, so the
 * script every request starts (a submission, a step) does without them.
 */
const widgetMessages = async (locale: Locale) =>
  (await import('../../shared/widget-messages')).WIDGET_MESSAGES[locale];

export function formConfig(
  tenant: { slug: string; name: string },
  procedure: Procedure,
  messages: FormConfig['messages'],
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
    messages,
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
    summary:
      "What the widget renders; for a page whose origin the procedure does not allow, 403 origin_not_allowed with that origin and the organisation's other ways to complain, readable by the page",
    tag: 'Complaints',
    auth: 'public',
    ok: { status: 200, description: 'Form configuration', schema: formConfigSchema },
    errors: [403, 404],
  }),
};
export const formDocs = Object.values(FORM_DOCS);

/** `GET /v1/tenants/{slug}/form`: public; what the widget renders. */
export function formRoutes(deps: AppDeps) {
  const path = honoPath(FORM_DOCS.read);
  return new Hono<AppEnv>()
    .use(path, tenantCors(deps), tenantAccess(deps, 'optional'))
    .get(path, async (c) => {
      const tenant = c.get('tenant');
      const origin = foreignOrigin(deps, c);
      if (origin !== null) {
        // Readable by any page (nothing in it is private, and no origin is echoed, not even
        // "null"), so the widget can say what is wrong instead of a bare CORS error; not kept,
        // so the form loads once the origin is added.
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Cache-Control', 'no-store');
        const refusal: FormRefusal = {
          error: {
            code: 'origin_not_allowed',
            message: ERROR_MESSAGES.origin_not_allowed[c.get('locale')],
            origin,
          },
          contact: organisationContact(tenant, tenant.procedure, deps.config.publicUrl),
          messages: await widgetMessages(c.get('locale')),
        };
        return c.json(refusal, 403);
      }
      c.header('Cache-Control', 'public, max-age=60');
      // The widget's words are in the language it asks for.
      c.header('Vary', 'Accept-Language', { append: true });
      const messages = await widgetMessages(c.get('locale'));
      return c.json(formConfig(tenant, tenant.procedure, messages));
    });
}
