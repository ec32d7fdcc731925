export * from './audit-record.ts';
export { AuditLogWriter } from './audit-log-writer.ts';
export { verifyAuditLog, type AuditVerification, type BreakKind } from './verify-audit-log.ts';
export { canonicalJson, sha256Hex } from '../../util/canonical-json.ts';
