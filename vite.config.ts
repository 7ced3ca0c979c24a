import { defineConfig } from 'vite';

// One ES module with Lit inlined, served by the API at /widget/klacht-form.js.
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
  },
});
