/*
 * Personal data lives only in columns whose name starts with `pd_` (and in `pd_` JSON blobs), so
 * that erasure and the retention purge can find all of it by name. Free text that may name
 * people (descriptions, solutions, summaries) counts as personal data.
 */

import { rateLimits, sessions, signInFailures, staff } from './tables/access';
import {
  attachments,
  complaints,
  deadlines,
  events,
  outbox,
  trackingTokens,
} from './tables/complaints';
import { apiKeys, keyEvents, reportCounts, tenants } from './tables/core';
import {
  inboundAddresses,
  inboundQuarantine,
  webhookDeliveries,
  webhookEndpoints,
} from './tables/integrations';

export { rateLimits, sessions, signInFailures, staff } from './tables/access';
export {
  attachments,
  complaints,
  deadlines,
  events,
  outbox,
  trackingTokens,
} from './tables/complaints';
export { apiKeys, keyEvents, reportCounts, tenants } from './tables/core';
export {
  inboundAddresses,
  inboundQuarantine,
  webhookDeliveries,
  webhookEndpoints,
} from './tables/integrations';

export const schema = {
  tenants,
  apiKeys,
  keyEvents,
  complaints,
  deadlines,
  events,
  outbox,
  trackingTokens,
  attachments,
  reportCounts,
  rateLimits,
  signInFailures,
  staff,
  sessions,
  webhookEndpoints,
  webhookDeliveries,
  inboundQuarantine,
  inboundAddresses,
};
