export { startMockLlm } from './server.js';
export { conformanceFault, type ConformanceFaultKind } from './conformance.js';
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
  LogprobScript,
  ScriptedTokenLogprob,
  ServerErrorFault,
} from './types.js';
