import { extractText, getDocumentProxy } from 'unpdf';

/** A PDF's text as an independent parser (pdf.js, through unpdf) reads it, spaces collapsed. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
