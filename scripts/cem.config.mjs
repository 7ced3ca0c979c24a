// The custom-elements manifest, from the element's JSDoc: npm run manifest (part of build:widget).
export default {
  globs: ['widget/**/*.ts'],
  outdir: process.env.WIDGET_OUT_DIR ?? 'dist/public/widget',
  litelement: true,
  // Leave package.json alone: the project is not published to npm.
  packagejson: false,
  quiet: true,
};
