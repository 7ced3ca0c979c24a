// A TrueType file imported in the Worker's build is a data module: its bytes (font-files.worker.ts).
declare module '*.ttf' {
  const data: ArrayBuffer;
  export default data;
}
