/** Child process of the crash test: ingests `count` articles into the store at `path`, printing each commit. */
import { createSqliteStore } from '../../src/store/sqlite.js';
import { crashArticle } from './crash-articles.js';

const [path, count, round] = process.argv.slice(2);
const store = createSqliteStore(path ?? '');
for (let i = 0; i < Number(count); i++) {
  const r = await store.ingest(crashArticle(i, Number(round)));
  process.stdout.write(`${i} ${r.status} ${r.version}\n`);
}
await store.close();
