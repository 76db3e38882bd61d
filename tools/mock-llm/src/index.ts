export { startMockLlm } from './server.js';
export { BATCH_MAX_BYTES, BATCH_MAX_REQUESTS } from './batch.js';
export type {
  BatchInputLine,
  StoredBatch,
  StoredFile,
  ChatRequestInfo,
  ClientErrorFault,
  ConnectionFault,
  Fault,
  FaultPlan,
  MockLlmOptions,
  MockLlmServer,
  Protocol,
  RateLimitFault,
  RecordedRequest,
  ReplyScript,
  ServerErrorFault,
} from './types.js';
