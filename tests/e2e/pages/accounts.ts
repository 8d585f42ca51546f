/** The demo data's sign-in accounts (SPEC section 6); every one has the same password. */
export const PASSWORD = 'Demo-Passw0rd!';

/** Contoso Partner Kft. (Hungary, public cloud), one account per role. */
export const ADMIN_AGENT = 'adminagent@contoso-partner.example';
export const GLOBAL_ADMIN = 'globaladmin@contoso-partner.example';
export const SALES_AGENT = 'salesagent@contoso-partner.example';
export const HELPDESK = 'helpdesk@contoso-partner.example';
/** Tailspin Federal Partner (US Government cloud), with 120 generated customers in the browser tests. */
export const TAILSPIN = 'adminagent@tailspin-federal.example';

/** Customer organisations that sign in to accept: Fabrikam (Hungary), Woodgrove (United States). */
export const FABRIKAM_ADMIN = 'admin@fabrikam.example';
export const FABRIKAM_USER = 'user@fabrikam.example';
export const WOODGROVE_ADMIN = 'admin@woodgrove.example';
