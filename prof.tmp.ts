import { testApp } from './test/helpers';

const t = await testApp();
const key = await t.tenant('wenb');
const body = {
  formShownAt: 1,
  website: '',
  complainant: { name: 'Bench', phone: '0612345678', email: 'b@example.nl' },
  description: 'Bench',
  category: 'kwaliteit',
};
for (let i = 0; i < 200; i++)
  await t.json('POST', '/v1/tenants/wenb/complaints', body, { Authorization: `Bearer ${key}` });
const n = 2000;
const t0 = performance.now();
for (let i = 0; i < n; i++)
  await t.json('POST', '/v1/tenants/wenb/complaints', body, { Authorization: `Bearer ${key}` });
console.log('sequential ms/submission', ((performance.now() - t0) / n).toFixed(2));
const t1 = performance.now();
await Promise.all(
  Array.from({ length: 20 }, async () => {
    for (let i = 0; i < 100; i++)
      await t.json('POST', '/v1/tenants/wenb/complaints', body, { Authorization: `Bearer ${key}` });
  }),
);
console.log('20 concurrent: per second', (2000 / ((performance.now() - t1) / 1000)).toFixed(0));
t.close();
