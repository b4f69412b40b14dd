import type { auditActionLabels, auditEntityLabels } from '../../audit/labels';

export type AuditAction = keyof typeof auditActionLabels;
export type AuditEntity = keyof typeof auditEntityLabels;
