import { runGateway } from './gateway.ts';

await runGateway();
