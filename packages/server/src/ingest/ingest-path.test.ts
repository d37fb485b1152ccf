// The ingest path on the embedded default: PGlite in a data folder, the queue as a table.
import { ingestPathSuite } from './ingest-path.contract.ts';

ingestPathSuite('embedded');
