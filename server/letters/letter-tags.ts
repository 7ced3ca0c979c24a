import {
  type PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFOperator,
  PDFOperatorNames,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { Element } from './letter-flow';

/**
 * The letter's structure, so that it is a tagged PDF: each paragraph, the subject, the list of
 * enclosures and an enclosure's image is an element of a structure tree (ISO 32000-1, 14.7 and
 * 14.8), its text on the page a marked-content sequence pointing to it. A screen reader or
 * reflowing viewer reads the elements in order; what is decoration (the rule, the fold marks,
 * page numbers, the header of later pages) is marked as an artifact and not read.
 */
export class Tagger {
  private readonly marks = new Map<number, { page: PDFRef; mcid: number }[]>();
  /** Per page (by its StructParents number): the element of each of its MCIDs. */
  private readonly parents: number[][] = [];
  private readonly pageNumbers = new Map<PDFRef, number>();

  constructor(private readonly elements: Element[]) {}

  /** Adds an element (for pages the layout does not know about: an enclosure's image). */
  add(element: Element): number {
    return this.elements.push(element) - 1;
  }

  /** Starts the content of `element` on `page` (BDC with its MCID); end it with `end()`. */
  begin(page: PDFPage, element: number): PDFOperator {
    const pageRef = page.ref;
    let number = this.pageNumbers.get(pageRef);
    if (number === undefined) {
      number = this.parents.push([]) - 1;
      this.pageNumbers.set(pageRef, number);
      page.node.set(PDFName.of('StructParents'), page.doc.context.obj(number));
      // Tab order follows the structure, as PDF/UA asks of every page with tags.
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    }
    const mcids = this.parents[number] as number[];
    const mcid = mcids.push(element) - 1;
    const list = this.marks.get(element) ?? [];
    list.push({ page: pageRef, mcid });
    this.marks.set(element, list);
    const role = this.elements[element]?.role ?? 'P';
    return PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
      PDFName.of(role),
      // An operand string is written as it is: the inline property list.
      `<</MCID ${mcid}>>`,
    ]);
  }

  /** Starts decoration that is not part of the text (BMC /Artifact). */
  static artifact(): PDFOperator {
    return PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]);
  }

  static end(): PDFOperator {
    return PDFOperator.of(PDFOperatorNames.EndMarkedContent);
  }

  /** Writes the structure tree and marks the document as tagged. */
  finish(pdf: PDFDocument): void {
    const context = pdf.context;
    const root = context.nextRef();
    const document = context.nextRef();
    const children = new Map<number | undefined, number[]>();
    this.elements.forEach((element, i) => {
      const siblings = children.get(element.parent) ?? [];
      siblings.push(i);
      children.set(element.parent, siblings);
    });
    // An element with neither text nor children (an empty closing) is left out.
    const present = (i: number): boolean =>
      (this.marks.get(i)?.length ?? 0) > 0 || (children.get(i) ?? []).some(present);
    const refs = this.elements.map((_, i) => (present(i) ? context.nextRef() : undefined));
    this.elements.forEach((element, i) => {
      if (!present(i)) return;
      const kids: PDFObject[] = [
        ...(children.get(i) ?? []).filter(present).map((child) => refs[child] as PDFRef),
        ...(this.marks.get(i) ?? []).map(({ page, mcid }) =>
          context.obj({ Type: 'MCR', Pg: page, MCID: mcid }),
        ),
      ];
      const dict = context.obj({
        Type: 'StructElem',
        S: element.role,
        P: element.parent === undefined ? document : (refs[element.parent] as PDFRef),
        K: kids,
      });
      if (element.alt) dict.set(PDFName.of('Alt'), PDFHexString.fromText(element.alt));
      context.assign(refs[i] as PDFRef, dict);
    });
    const top = (children.get(undefined) ?? []).filter(present).map((i) => refs[i] as PDFRef);
    context.assign(document, context.obj({ Type: 'StructElem', S: 'Document', P: root, K: top }));
    const nums: PDFObject[] = [];
    this.parents.forEach((mcids, number) => {
      nums.push(context.obj(number), context.obj(mcids.map((i) => refs[i] as PDFRef)));
    });
    context.assign(
      root,
      context.obj({
        Type: 'StructTreeRoot',
        K: document,
        ParentTree: context.obj({ Nums: nums }),
        ParentTreeNextKey: this.parents.length,
      }),
    );
    pdf.catalog.set(PDFName.of('StructTreeRoot'), root);
    pdf.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }
}
