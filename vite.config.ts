import { defineConfig } from 'vite';

// One ES module with Lit inlined, served by the API under /widget/ (scripts/widget-build.mjs).
export default defineConfig({
  build: {
    outDir: 'dist/public/widget',
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: 'widget/define.ts',
      formats: ['es'],
      fileName: () => 'klacht-form.js',
    },
    rolldownOptions: {
      // Library mode keeps ES output readable for bundlers; this file goes to browsers as is,
      // and every site that embeds it pays for each byte.
      output: { minify: true },
    },
  },
});
