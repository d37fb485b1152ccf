import { createInProcessPubSub } from './in-process.ts';
import { pubsubContract } from './pubsub.contract.ts';

pubsubContract('in process', async () => {
  const bus = createInProcessPubSub();
  return { a: bus, b: bus };
});
