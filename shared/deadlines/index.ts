export * from './core';
export {
  calendarConfigSchema,
  isoDateSchema,
  lifecycleEventSchema,
  MAX_CALENDAR_DAYS,
  MAX_CHAIN,
  MAX_HORIZON_DAYS,
  MAX_TERMS,
  MAX_WEEKS,
  MAX_WORKING_DAYS,
  postponementSchema,
  termSchema,
  termsSchema,
} from './schema';
