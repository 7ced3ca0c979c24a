import { describe, expect, test } from 'vitest';
import { apiErrorOf, tenantOf, world } from '../../test/unit-fixtures';
import {
  attachmentRows,
  checkAttachments,
  findAttachment,
  type IncomingFile,
  MAX_FILENAME_LENGTH,
  readFile,
  sniffType,
  storedName,
} from './attachments';

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];

const file = (
  name: string,
  bytes: number[] | Uint8Array,
  type = 'application/octet-stream',
): IncomingFile => ({
  name,
  type,
  bytes: bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes),
  sha256: `sha-of-${name}`,
});

describe('the type of a file comes from its first bytes', () => {
  test('PDF, PNG and JPEG are known by their signatures', () => {
    expect(sniffType(Uint8Array.from(PDF))).toBe('application/pdf');
    expect(sniffType(Uint8Array.from(PNG))).toBe('image/png');
    expect(sniffType(Uint8Array.from(JPEG))).toBe('image/jpeg');
  });

  test('anything else, a truncated signature or an empty file is unknown', () => {
    expect(sniffType(new TextEncoder().encode('<html>%PDF-'))).toBeNull();
    expect(sniffType(Uint8Array.from(PDF.slice(0, 4)))).toBeNull();
    expect(sniffType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b]))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });
});

describe('the name a file is kept under', () => {
  test('takes the extension of its real type', () => {
    expect(storedName('x.html', 'application/pdf')).toBe('x.pdf');
    expect(storedName('foto.JPEG', 'image/jpeg')).toBe('foto.jpg');
    expect(storedName('scan', 'image/png')).toBe('scan.png');
    expect(storedName('data.exe', 'text/plain')).toBe('data.bin');
  });

  test('drops folders, quotes, invisible characters and leading or trailing dots and spaces', () => {
    expect(storedName('C:\\Users\\jan\\brief.pdf', 'application/pdf')).toBe('brief.pdf');
    expect(storedName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(storedName('a"b".pdf', 'application/pdf')).toBe('ab.pdf');
    expect(storedName('fac\u202etuur\u0000.pdf', 'application/pdf')).toBe('factuur.pdf');
    expect(storedName(' . brief.v2 . .pdf', 'application/pdf')).toBe('brief.v2.pdf');
  });

  test('is never empty', () => {
    expect(storedName('', 'application/pdf')).toBe('bestand.pdf');
    expect(storedName('.pdf', 'application/pdf')).toBe('bestand.pdf');
    expect(storedName('dir/', 'image/png')).toBe('bestand.png');
  });

  test('is at most MAX_FILENAME_LENGTH characters, extension included', () => {
    expect(MAX_FILENAME_LENGTH).toBe(120);
    const name = storedName(`${'a'.repeat(300)}.pdf`, 'application/pdf');
    expect(name).toBe(`${'a'.repeat(116)}.pdf`);
  });
});

describe('checking files against the procedure', () => {
  const t1d = tenantOf('totaalonder1dak').procedure; // optional, 5 files of 5 MB, PDF/JPEG/PNG

  test('accepts allowed files, typed and named by content', () => {
    const checked = checkAttachments(
      [file('brief.html', PDF, 'text/html'), file('foto', JPEG)],
      t1d,
      'nl',
    );
    expect(checked.map((f) => [f.name, f.type, f.sha256])).toEqual([
      ['brief.pdf', 'application/pdf', 'sha-of-brief.html'],
      ['foto.jpg', 'image/jpeg', 'sha-of-foto'],
    ]);
    expect(checkAttachments([], t1d, 'nl')).toEqual([]);
  });

  test('refuses files where the form takes none', () => {
    const wenb = tenantOf('wenb').procedure;
    expect(checkAttachments([], wenb, 'nl')).toEqual([]);
    const err = apiErrorOf(() => checkAttachments([file('a.pdf', PDF)], wenb, 'en'));
    expect(err.fields).toEqual({ attachments: 'You can attach at most 0 files.' });
  });

  test('refuses more files than allowed, and allows exactly that many', () => {
    const six = Array.from({ length: 6 }, (_, i) => file(`${i}.pdf`, PDF));
    const err = apiErrorOf(() => checkAttachments(six, t1d, 'nl'));
    expect([err.status, err.code]).toEqual([422, 'validation_failed']);
    expect(err.fields).toEqual({ attachments: 'U kunt maximaal 5 bestanden meesturen.' });
    expect(checkAttachments(six.slice(0, 5), t1d, 'nl')).toHaveLength(5);
  });

  test('names each file that is too large or of another type, in the language asked for', () => {
    const procedure = {
      ...t1d,
      form: {
        ...t1d.form,
        attachments: {
          ...t1d.form.attachments,
          maxBytes: 1_048_576,
          types: ['application/pdf' as const],
        },
      },
    };
    const big = new Uint8Array(1_048_577);
    big.set(PDF);
    const exact = new Uint8Array(1_048_576);
    exact.set(PDF);
    const err = apiErrorOf(() =>
      checkAttachments(
        [
          file('ok.pdf', exact),
          file('groot.pdf', big),
          file('foto.png', PNG),
          file('x.txt', [1, 2]),
        ],
        procedure,
        'nl',
      ),
    );
    expect(err.fields).toEqual({
      'attachments.1': 'Het bestand groot.pdf is groter dan 1 MB.',
      'attachments.2': 'Het bestand foto.png is geen PDF. Stuur een PDF-bestand.',
      'attachments.3': 'Het bestand x.txt is geen PDF. Stuur een PDF-bestand.',
    });
  });

  test('lists the allowed types and the size in words', () => {
    const err = apiErrorOf(() => checkAttachments([file('x.txt', [1])], t1d, 'en'));
    expect(err.fields).toEqual({
      'attachments.0':
        'The file x.txt is not a PDF, JPEG or PNG file. Send a PDF, JPEG or PNG file.',
    });
    const nl = apiErrorOf(() => checkAttachments([file('x.txt', [1])], t1d, 'nl'));
    expect(nl.fields?.['attachments.0']).toBe(
      'Het bestand x.txt is geen PDF, JPEG of PNG. Stuur een PDF, JPEG of PNG-bestand.',
    );
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PDF);
    expect(apiErrorOf(() => checkAttachments([file('g.pdf', big)], t1d, 'en')).fields).toEqual({
      'attachments.0': 'The file g.pdf is larger than 5 MB.',
    });
    const twoTypes = {
      ...t1d,
      form: {
        ...t1d.form,
        attachments: {
          ...t1d.form.attachments,
          maxBytes: 2_600_000,
          types: ['image/png' as const, 'image/jpeg' as const],
        },
      },
    };
    expect(apiErrorOf(() => checkAttachments([file('x', [1])], twoTypes, 'en')).fields).toEqual({
      'attachments.0': 'The file x is not a PNG or JPEG file. Send a PNG or JPEG file.',
    });
    const huge = new Uint8Array(2_600_001);
    expect(apiErrorOf(() => checkAttachments([file('h', huge)], twoTypes, 'en')).fields).toEqual({
      'attachments.0': 'The file h is larger than 2.5 MB.',
    });
  });
});

describe('reading and storing files', () => {
  test('a received file keeps its bytes, claimed type and name (at most 1000 characters) and gets its hash', async () => {
    const read = await readFile({
      name: 'brief.pdf',
      type: 'application/pdf',
      bytes: Uint8Array.from(PDF),
    });
    expect(read).toEqual({
      name: 'brief.pdf',
      type: 'application/pdf',
      bytes: Uint8Array.from(PDF),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const empty = await readFile({ name: '', type: '', bytes: new Uint8Array() });
    expect(empty.name).toBe('bestand');
    expect(empty.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const long = { name: 'n'.repeat(2000), type: '', bytes: new Uint8Array() };
    expect((await readFile(long)).name).toHaveLength(1000);
  });

  test('rows keep type, size, hash, name and content per file, each with its own id', () => {
    const rows = attachmentRows('tenant-1', 'complaint-1', [
      { ...file('a.pdf', PDF), type: 'application/pdf' },
      { ...file('b.png', PNG), type: 'image/png' },
    ]);
    expect(rows).toEqual([
      {
        id: expect.any(String),
        complaintId: 'complaint-1',
        tenantId: 'tenant-1',
        source: 'intake',
        eventSeq: null,
        contentType: 'application/pdf',
        size: 8,
        sha256: 'sha-of-a.pdf',
        pdFilename: 'a.pdf',
        pdContent: Buffer.from(PDF),
      },
      expect.objectContaining({ contentType: 'image/png', size: 9, pdFilename: 'b.png' }),
    ]);
    expect(rows[0]?.id).not.toBe(rows[1]?.id);
  });

  test('a document added with a step or a note keeps where it came from and the event', () => {
    const files = [{ ...file('a.pdf', PDF), type: 'application/pdf' }];
    const byStep = attachmentRows('tenant-1', 'complaint-1', files, {
      source: 'step',
      eventSeq: 3,
    });
    expect(byStep.map((r) => [r.source, r.eventSeq])).toEqual([['step', 3]]);
    const byNote = attachmentRows('tenant-1', 'complaint-1', files, {
      source: 'note',
      eventSeq: 5,
    });
    expect(byNote.map((r) => [r.source, r.eventSeq])).toEqual([['note', 5]]);
  });
});

describe('finding a stored file', () => {
  test('only under the complaint it came with', async () => {
    const w = await world('totaalonder1dak');
    try {
      const form = new FormData();
      form.set(
        'complaint',
        JSON.stringify({
          complainant: { name: 'Jan', initials: 'J.', phone: '0612345678' },
          description: 'x',
        }),
      );
      form.append('attachments', new File([Uint8Array.from(PDF)], 'brief.pdf'));
      const res = await w.t.app.request('/v1/tenants/totaalonder1dak/complaints', {
        method: 'POST',
        headers: { Authorization: `Bearer ${w.key}` },
        body: form,
      });
      expect(res.status).toBe(201);
      const [stored] = await w.db.query.attachments.findMany();
      if (!stored) throw new Error('no attachment');
      const found = await findAttachment(w.db, stored.complaintId, stored.id);
      expect(found).toMatchObject({
        pdFilename: 'brief.pdf',
        contentType: 'application/pdf',
        size: 8,
      });
      expect(await findAttachment(w.db, 'another-complaint', stored.id)).toBeUndefined();
      expect(await findAttachment(w.db, stored.complaintId, 'another-file')).toBeUndefined();
    } finally {
      w.close();
    }
  });
});

// Bug: the size limit is written in MB rounded to one decimal, so a limit under 0.05 MB (the
// procedure allows from 1 KB) is shown as "0 MB": "Het bestand x.pdf is groter dan 0 MB."
test.fails('a small size limit is not shown as 0 MB', () => {
  const t1d = tenantOf('totaalonder1dak').procedure;
  const procedure = {
    ...t1d,
    form: { ...t1d.form, attachments: { ...t1d.form.attachments, maxBytes: 20 * 1024 } },
  };
  const big = new Uint8Array(20 * 1024 + 1);
  big.set(PDF);
  const err = apiErrorOf(() => checkAttachments([file('x.pdf', big)], procedure, 'nl'));
  expect(err.fields?.['attachments.0']).not.toMatch(/ 0 MB\.$/);
});
