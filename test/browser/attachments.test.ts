import type { KlachtForm } from '../../widget/klacht-form';
import { equal, includes, ok, waitFor } from './assert';
import { afterEach, describe, it } from './mocha';
import {
  axeViolations,
  cleanUp,
  control,
  fill,
  mount,
  realFetch,
  recordFetch,
  root,
  submit,
  VALID_TOTAAL,
} from './widget';

afterEach(cleanUp);

const PDF = '%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n';
const pdf = (name: string, size?: number) =>
  new File([size ? new Uint8Array(size).fill(0x25, 0, 1) : PDF], name, {
    type: 'application/pdf',
  });

const listed = (el: KlachtForm) =>
  [...root(el).querySelectorAll('.files .file-name')].map((n) => n.textContent);
const fileError = (el: KlachtForm) =>
  root(el).querySelector('#f-attachments-error')?.textContent?.replace(/\s+/g, ' ') ?? '';

/**
 * Chooses files in the file input and waits until the widget has checked them (it reads their
 * first bytes, which takes a while on a busy machine): each file is then either listed or named
 * in the error message.
 */
async function choose(el: KlachtForm, files: File[]) {
  const input = control(el, 'attachments') as HTMLInputElement;
  const list = new DataTransfer();
  for (const file of files) list.items.add(file);
  input.files = list.files;
  input.dispatchEvent(new Event('change'));
  await waitFor(
    () => files.every((f) => listed(el).includes(f.name) || fileError(el).includes(f.name)),
    `the check of ${files.map((f) => f.name).join(', ')}`,
  );
  await el.updateComplete;
}

describe('<klacht-form> attachments in the browser', () => {
  it('lists chosen files with their size, each removable by a named button', async () => {
    const el = await mount({ tenant: 'totaalonder1dak' });
    const input = control(el, 'attachments') as HTMLInputElement;
    equal(input.type, 'file');
    ok(input.multiple, 'several files at once');
    includes(input.accept, 'application/pdf');
    await choose(el, [pdf('brief.pdf'), pdf('factuur.pdf')]);
    equal(listed(el).join(), 'brief.pdf,factuur.pdf');
    includes(root(el).querySelector('.files')?.textContent ?? '', 'kB');
    equal(await axeViolations(el), '', 'with files');

    const remove = [...root(el).querySelectorAll<HTMLButtonElement>('.files button')].find(
      (b) => b.textContent?.replace(/\s+/g, ' ').trim() === 'Verwijder brief.pdf',
    );
    ok(remove, 'a button named "Verwijder brief.pdf"');
    remove.click();
    await el.updateComplete;
    equal(listed(el).join(), 'factuur.pdf');
    equal(root(el).activeElement, input, 'focus back on the file input');
    includes(
      root(el).querySelector('[role="status"]')?.textContent ?? '',
      'brief.pdf is verwijderd',
    );
  });

  it('refuses files over the count, naming them', async () => {
    const el = await mount({ tenant: 'totaalonder1dak' });
    await choose(
      el,
      [1, 2, 3, 4, 5, 6].map((n) => pdf(`bijlage-${n}.pdf`)),
    );
    equal(listed(el).length, 5, 'the first five are kept');
    includes(
      fileError(el),
      'U kunt maximaal 5 bestanden toevoegen. bijlage-6.pdf is niet toegevoegd.',
    );
    const input = control(el, 'attachments');
    equal(input.getAttribute('aria-invalid'), 'true');
    includes(input.getAttribute('aria-describedby') ?? '', 'f-attachments-error');
    equal(await axeViolations(el), '', 'with a refused file');
  });

  it('refuses a file over the size, naming it and the limit', async () => {
    const el = await mount({ tenant: 'totaalonder1dak' });
    await choose(el, [pdf('scan.pdf', 5 * 1024 * 1024 + 1)]);
    equal(listed(el).length, 0);
    includes(fileError(el), 'scan.pdf is te groot. Een bestand mag maximaal 5 MB zijn.');
  });

  it('refuses a type the procedure does not allow', async () => {
    const el = await mount({ tenant: 'totaalonder1dak', lang: 'en' });
    await choose(el, [new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
    equal(listed(el).length, 0);
    includes(fileError(el), 'notes.txt is not a file we can accept. Choose a file of type PDF');
  });

  it('refuses a forged extension: a .pdf whose content is not a PDF', async () => {
    const el = await mount({ tenant: 'totaalonder1dak' });
    await choose(el, [
      new File(['MZ\x90\x00 not a pdf'], 'factuur.pdf', { type: 'application/pdf' }),
    ]);
    equal(listed(el).length, 0);
    includes(fileError(el), 'factuur.pdf lijkt een PDF-bestand, maar is het niet');
  });

  it("shows the server's refusal of a file (attachments.0) at the file input", async () => {
    const el = await mount({ tenant: 'totaalonder1dak' });
    await fill(el, VALID_TOTAAL);
    await choose(el, [pdf('brief.pdf')]);
    window.fetch = async (input, init) =>
      init?.method === 'POST'
        ? Response.json(
            {
              error: {
                code: 'validation_failed',
                message: 'x',
                fields: { 'attachments.0': 'Dit bestand is geen PDF.' },
              },
            },
            { status: 422 },
          )
        : realFetch(input, init);
    await submit(el);
    const summary = await waitFor(
      () => root(el).querySelector<HTMLElement>('.error-summary'),
      'the error summary',
    );
    ok(summary.querySelector('a[href="#f-attachments"]'), 'the summary links to the file input');
    includes(fileError(el), 'brief.pdf: Dit bestand is geen PDF.');
    equal(root(el).activeElement, summary);
  });

  // ATTACHMENT-201: the end-to-end happy path against the real server's multipart intake.
  it('ATTACHMENT-201: sends one valid PDF as multipart and gets a 201', async () => {
    const el = await mount({ tenant: 'totaalonder1dak' });
    const calls = recordFetch();
    await fill(el, VALID_TOTAAL);
    await choose(el, [pdf('klachtbrief.pdf')]);
    await submit(el);
    const confirmation = await waitFor(
      () => root(el).querySelector<HTMLElement>('.confirmation'),
      'the confirmation',
    );
    const post = calls.find((c) => c.method === 'POST');
    equal(post?.status, 201);
    ok(post?.body instanceof FormData, 'multipart');
    equal((post.body.getAll('attachments')[0] as File).name, 'klachtbrief.pdf');
    includes(confirmation.textContent ?? '', 'klachtbrief.pdf', 'the recap names the file');
  });
});
