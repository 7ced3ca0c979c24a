export * from './core';
export {
  calendarConfigSchema,
  isoDateSchema,
  lifecycleEventSchema,
  MAX_DAYS,
  MAX_WEEKS,
  postponementSchema,
  termSchema,
  termsSchema,
} from './schema';
