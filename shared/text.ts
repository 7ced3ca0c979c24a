import * as z from 'zod';
import { isPlainText } from './field-rules';

/**
 * A trimmed text of `min`..`max` characters that holds only characters that display as typed.
 * The '@…' messages name one of the API's localised field messages.
 */
export function plainText(max: number, min = 1) {
  return z.string().trim().min(min).max(max).refine(isPlainText, '@plainText');
}
