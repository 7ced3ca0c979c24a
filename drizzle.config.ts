import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes migrations from server/db/schema.ts; `npm run db:migrate` applies
// them to DATABASE_URL (a file: URL locally, libsql:// plus DATABASE_AUTH_TOKEN for Turso).
export default defineConfig({
  dialect: 'turso',
  schema: './server/db/schema.ts',
  out: './drizzle',
  dbCredentials: {
    url: process.env.DATABASE_URL ?? 'file:data/klacht.db',
    authToken: process.env.DATABASE_AUTH_TOKEN,
  },
});
