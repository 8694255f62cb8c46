import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate -w @stagecast/server` writes a new SQL migration from the schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
});
