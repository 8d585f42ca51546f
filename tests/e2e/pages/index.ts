// Page objects: one per page of the app, finding elements by role and accessible name with the
// labels of SPEC (and their Hungarian translations where a test reads the page in Hungarian).
export * from './accounts';
export { AcceptancePage } from './acceptance';
export { AdminRelationshipsPage, ApprovalEmailPage, ApproveRolesPage, RelationshipPage, RelationshipRequestPage } from './admin-relationships';
export { AuditLogPage } from './audit-log';
export { CustomerPage } from './customer';
export { CustomersPage } from './customers';
export { EmailDraftPage } from './email-draft';
export { createInvitation, startInvitation } from './flows';
export { InvitationsPage } from './invitations';
export { type Lang, PageObject } from './page-object';
export { PartnerRelationshipsPage } from './partners';
export { RequestFormPage } from './request-form';
export { NotFoundPage, Shell } from './shell';
export { SignInPage } from './sign-in';
