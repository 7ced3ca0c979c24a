/**
 * How far a JPEG must be turned clockwise to stand upright (0, 90, 180 or 270), from its EXIF
 * Orientation tag: a phone stores a photo as the sensor saw it and says how to turn it, and a
 * PDF shows the pixels as stored. Mirrored orientations (2, 4, 5, 7: rare outside editing
 * software) are turned as their unmirrored twin. No tag, or one that cannot be read: 0.
 */
export function jpegRotation(bytes: Uint8Array): 0 | 90 | 180 | 270 {
  const orientation = exifOrientation(bytes);
  if (orientation === 3 || orientation === 4) return 180;
  if (orientation === 5 || orientation === 6) return 90;
  if (orientation === 7 || orientation === 8) return 270;
  return 0;
}

function exifOrientation(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return undefined;
  let at = 2;
  // Segments up to the image data (SOS); EXIF is in APP1 and comes early.
  while (at + 4 <= view.byteLength) {
    const marker = view.getUint16(at);
    const length = view.getUint16(at + 2);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda || length < 2) return undefined;
    if (marker === 0xffe1 && isExif(view, at + 4))
      return tiffOrientation(view, at + 10, at + 2 + length);
    at += 2 + length;
  }
  return undefined;
}

const isExif = (view: DataView, at: number) =>
  at + 6 <= view.byteLength && view.getUint32(at) === 0x45786966 && view.getUint16(at + 4) === 0;

/** The Orientation (tag 0x0112) of the first IFD of the TIFF structure at `start`. */
function tiffOrientation(view: DataView, start: number, end: number): number | undefined {
  const limit = Math.min(end, view.byteLength);
  if (start + 8 > limit) return undefined;
  const little = view.getUint16(start) === 0x4949;
  const ifd = start + view.getUint32(start + 4, little);
  if (ifd + 2 > limit) return undefined;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > limit) return undefined;
    if (view.getUint16(entry, little) === 0x0112) return view.getUint16(entry + 8, little);
  }
  return undefined;
}
