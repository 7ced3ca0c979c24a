import {
  type IncomingFile,
  MAX_FILES_PER_STEP,
  type ReceivedFile,
} from '../complaints/attachments';
import { filesIn, stepLimit } from '../complaints/intake';
import { BODY_LIMITS, limitBody, mediaTypeOf } from '../http/body';
import { isMultipart, multipartParts } from '../http/form-body';
import { type AdminContext, PageError } from './admin-context';
import { ADMIN_DOCS } from './admin-route-docs';

/** A posted form: its text fields (the last value of each name) and its documents. */
interface AdminForm {
  values: Record<string, string>;
  files: ReceivedFile[];
}

/** Each request's form, read once: the session's CSRF check and the page both ask for it. */
const readForms = new WeakMap<object, Promise<AdminForm>>();

async function readForm(c: AdminContext): Promise<AdminForm> {
  // No prototype, so a field named __proto__ or constructor is just a field nobody reads.
  const values: Record<string, string> = Object.create(null);
  const files: ReceivedFile[] = [];
  if (isMultipart(c)) {
    const decoder = new TextDecoder();
    for await (const part of multipartParts(c)) {
      if (part.filename === undefined) values[part.name] = decoder.decode(part.bytes);
      // One more than allowed is kept, so the step's own check names the count; the rest of an
      // oversized batch is dropped as it arrives (MAX_FORM_PARTS bounds how many there can be).
      else if (part.name === 'attachments' && files.length <= MAX_FILES_PER_STEP) {
        files.push({ name: part.filename, type: part.type, bytes: part.bytes });
      }
    }
  } else if (mediaTypeOf(c) === 'application/x-www-form-urlencoded') {
    for (const [name, value] of new URLSearchParams(await c.req.text())) values[name] = value;
  }
  // Any other body is no form: no fields, so no CSRF token, and the post is refused.
  return { values, files };
}

function formOf(c: AdminContext): Promise<AdminForm> {
  let form = readForms.get(c.req);
  if (!form) {
    form = readForm(c);
    readForms.set(c.req, form);
  }
  return form;
}

/** The posted form's text fields. */
export async function formValues(c: AdminContext): Promise<Record<string, string>> {
  return (await formOf(c)).values;
}

/** The files of the posted form's `attachments` field (an empty file input sends none). */
export async function formFiles(c: AdminContext): Promise<IncomingFile[]> {
  return filesIn((await formOf(c)).files);
}

/** A path pattern of the admin view's routes, as `c.req.path` has it. */
const pattern = (doc: { path: string }) =>
  new RegExp(`^${doc.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
const SIGN_IN = pattern(ADMIN_DOCS.signIn);
const WITH_DOCUMENTS = [pattern(ADMIN_DOCS.submit), pattern(ADMIN_DOCS.step)];

/**
 * What a post to the admin view may weigh, decided before anything reads it: the sign-in form
 * (which anyone may post) a few KB, the forms that take documents (registering a complaint, a
 * step) their text and the documents a step may add, every other form its text.
 */
export function adminBodyLimit(c: AdminContext): number {
  const path = c.req.path;
  if (SIGN_IN.test(path)) return BODY_LIMITS.signIn;
  if (WITH_DOCUMENTS.some((route) => route.test(path))) {
    return BODY_LIMITS.adminForm + stepLimit(c.get('tenant').procedure, isMultipart(c));
  }
  return BODY_LIMITS.adminForm;
}

/** The admin view's body limit, refused with its own 413 page. */
export const limitAdminBody = () =>
  limitBody(
    adminBodyLimit,
    () => new PageError(413, 'Te groot', 'Het formulier is te groot om te versturen.'),
  );
