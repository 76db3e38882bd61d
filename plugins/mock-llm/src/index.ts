export { startMockLlm } from './server.js';
export type {
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
