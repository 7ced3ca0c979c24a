// wtr runs the tests with mocha's BDD globals; typed here rather than adding @types/mocha, and
// exported rather than declared global so the vitest suites do not see them.

type Body = () => void | Promise<void>;

interface MochaGlobals {
  describe(title: string, fn: () => void): void;
  it(title: string, fn: Body): void;
  before(fn: Body): void;
  after(fn: Body): void;
  beforeEach(fn: Body): void;
  afterEach(fn: Body): void;
}

const g = globalThis as unknown as MochaGlobals;

export const describe: MochaGlobals['describe'] = (title, fn) => g.describe(title, fn);
export const it: MochaGlobals['it'] = (title, fn) => g.it(title, fn);
export const before: MochaGlobals['before'] = (fn) => g.before(fn);
export const after: MochaGlobals['after'] = (fn) => g.after(fn);
export const beforeEach: MochaGlobals['beforeEach'] = (fn) => g.beforeEach(fn);
export const afterEach: MochaGlobals['afterEach'] = (fn) => g.afterEach(fn);
