import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes migrations from server/db/schema.ts. They are applied by
// `npm run db:migrate` (scripts/migrate.mjs, also run by `npm run deploy`) and by the Node entry
// at start, both with drizzle's migrator.
export default defineConfig({
  dialect: 'turso',
  schema: './server/db/schema.ts',
  out: './drizzle',
  dbCredentials: {
    url: process.env.DATABASE_URL ?? 'file:data/klacht.db',
    authToken: process.env.DATABASE_AUTH_TOKEN,
  },
});
