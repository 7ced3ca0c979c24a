import { afterEach, describe, expect, test } from 'vitest';
import { JAN, rejectionOf, world } from '../../test/unit-fixtures';
import type { Actor } from '../http/context';
import { submitComplaint } from './submit';

type World = Awaited<ReturnType<typeof world>>;
let w: World;
afterEach(() => w?.close());

const key: Actor = { kind: 'apiKey', keyId: 'k1', label: 'website' };

describe('a submission with a value of the wrong kind', () => {
  test('says the value has the wrong type, rather than asking to fill it in', async () => {
    w = await world('awb');
    const err = await rejectionOf(
      submitComplaint(w.t.deps, {
        tenant: w.tenant,
        actor: key,
        body: { complainant: { name: JAN.name, address: JAN.address }, description: 42 },
        files: [],
        idempotencyKey: null,
        locale: 'en',
        clientAddress: '192.0.2.1',
      }),
    );
    expect([err.status, err.code]).toEqual([422, 'validation_failed']);
    expect(err.fields).toEqual({ description: 'This value has the wrong type.' });
  });
});
