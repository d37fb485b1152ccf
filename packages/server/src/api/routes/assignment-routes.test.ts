import { startTestServer } from '../../test-support/test-server.ts';
import { assignmentRoutesContract } from './assignment-routes.contract.ts';

assignmentRoutesContract('embedded default', () => startTestServer());
