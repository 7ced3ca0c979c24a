// The PDF writer as one module: what the Worker imports on its first letter (a chunk of its own
// with pdf-lib, fontkit and the fonts; scripts/build-worker.mjs) and what Node's letter thread
// runs.
export {
  renderLetterDocument,
  type WriteLetter,
  type WrittenLetter,
  writeLetter,
} from './letter-render';
