import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { tenantOf } from '../../test/unit-fixtures';
import type { AppEnv, TenantRecord } from '../http/context';
import { onError } from '../http/errors';
import {
  fileAllowance,
  filesIn,
  limitSubmission,
  readSubmission,
  stepLimit,
  submissionLimit,
} from './intake';

const KB = 1024;
const MB = 1024 * 1024;

describe('the size of a lifecycle step', () => {
  test('in JSON it is the JSON limit; as multipart it adds ten documents and the framing', () => {
    const t1d = tenantOf('totaalonder1dak').procedure; // documents of at most 5 MB
    expect(stepLimit(t1d, false)).toBe(64 * KB);
    expect(stepLimit(t1d, true)).toBe(64 * KB + 10 * 5 * MB + 16 * KB);
  });

  test('follows the largest document the procedure allows', () => {
    const small = tenantOf('totaalonder1dak', (p) => {
      p.form.attachments.maxBytes = 100 * KB;
    }).procedure;
    expect(stepLimit(small, true)).toBe(64 * KB + 10 * 100 * KB + 16 * KB);
  });
});

describe('the size of a submission by staff', () => {
  test('leaves room for ten documents, even where the public form takes none', () => {
    const wenb = tenantOf('wenb').procedure; // public form without attachments, 5 MB per file
    expect(submissionLimit(wenb, true, true)).toBe(128 * KB + 10 * 5 * MB + 16 * KB);
    expect(submissionLimit(wenb, true, false)).toBe(128 * KB + 16 * KB);
    expect(submissionLimit(wenb, false, true)).toBe(128 * KB);
  });
});

/** The real size check and reader behind a tiny app, for one tenant and actor. */
function edge(tenant: TenantRecord, actor: AppEnv['Variables']['actor']) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use(async (c, next) => {
    c.set('tenant', tenant);
    c.set('actor', actor);
    c.set('locale', 'en');
    await next();
  });
  app.post('/submit', limitSubmission(), async (c) => {
    const allowed = fileAllowance(tenant.procedure, actor.kind !== 'public');
    const { files } = await readSubmission(c, 'complaint', allowed);
    return c.json({ files: files.map((f) => [f.name, f.bytes.byteLength]) });
  });
  return app;
}

describe('a document sent with a complaint', () => {
  const form = () => {
    const body = new FormData();
    body.set('complaint', '{}');
    body.append('attachments', new File([new Uint8Array(200 * KB)], 'brief.pdf'));
    return body;
  };

  test('staff and tenant keys may send one where the public form allows none', async () => {
    const wenb = tenantOf('wenb');
    const staff = edge(wenb, { kind: 'staff', staffId: 's', name: 'Rita', role: 'admin' });
    const res = await staff.request('/submit', { method: 'POST', body: form() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ files: [['brief.pdf', 200 * KB]] });
    const key = edge(wenb, { kind: 'apiKey', keyId: 'k', label: 'website' });
    expect((await key.request('/submit', { method: 'POST', body: form() })).status).toBe(200);
    const pub = edge(wenb, { kind: 'public' });
    expect((await pub.request('/submit', { method: 'POST', body: form() })).status).toBe(413);
  });
});

describe('the files of a form', () => {
  const file = (name: string, size: number) => ({ name, type: '', bytes: new Uint8Array(size) });
  const names = async (files: ReturnType<typeof file>[]) =>
    (await filesIn(files)).map((f) => [f.name, f.bytes.byteLength]);

  test('a file input left empty is no document', async () => {
    expect(await names([file('', 0)])).toEqual([]);
    expect(await names([file('', 0), file('a.pdf', 3)])).toEqual([['a.pdf', 3]]);
    expect(await names([])).toEqual([]);
  });

  test('a file without a name but with bytes, or with a name but empty, is still sent', async () => {
    expect(await names([file('', 2)])).toEqual([['bestand', 2]]);
    expect(await names([file('leeg.pdf', 0)])).toEqual([['leeg.pdf', 0]]);
  });
});
