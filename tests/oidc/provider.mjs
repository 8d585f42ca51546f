// A real OpenID Provider for tests and local trials: `oidc-provider` (a certified
// implementation) with two tenants, one per organisation, each with the portal as a confidential
// client and a few people whose `groups` claim the portal maps to roles.
//
//   node tests/oidc/provider.mjs [--portal http://127.0.0.1:8080] [--port-a 0] [--port-b 0]
//                                [--config-out FILE]
//
// When both tenants listen it prints one JSON line (`{"tenant-a": issuer, "tenant-b": issuer}`)
// and, with --config-out, writes the portal's --oidc-config file for them. The sign-in page
// asks only for an e-mail address: this is a test provider, not a place for passwords.

import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Provider from 'oidc-provider';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) =>
    arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const portal = (args.portal ?? 'http://127.0.0.1:8080').replace(/\/$/, '');

const CLIENT_ID = 'partner-portal';
const CLIENT_SECRET = randomBytes(24).toString('base64url');

const tenants = {
  'tenant-a': {
    organization: 'contoso-partner.example',
    name: 'Contoso ID',
    port: Number(args['port-a'] ?? 0),
    roleMapping: {
      'Global admins': ['globalAdmin'],
      'Partner admins': ['adminAgent'],
      Sales: ['salesAgent'],
    },
    people: {
      'globaladmin@contoso-partner.example': { name: 'Contoso Global Admin', groups: ['Global admins'] },
      'adminagent@contoso-partner.example': { name: 'Contoso Admin Agent', groups: ['Partner admins', 'Everyone'] },
      'salesagent@contoso-partner.example': { name: 'Contoso Sales Agent', groups: ['Sales'] },
      // Signs in at the provider, but no group of hers gives a role in the portal.
      'helpdesk@contoso-partner.example': { name: 'Contoso Helpdesk', groups: ['Everyone'] },
    },
  },
  'tenant-b': {
    organization: 'fabrikam.example',
    name: 'Fabrikam ID',
    port: Number(args['port-b'] ?? 0),
    roleMapping: { 'Fabrikam admins': ['globalAdmin'], 'Fabrikam staff': ['user'] },
    people: {
      'admin@fabrikam.example': { name: 'Fabrikam Admin', groups: ['Fabrikam admins'] },
      'user@fabrikam.example': { name: 'Fabrikam User', groups: ['Fabrikam staff'] },
    },
  },
};

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

async function readForm(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

async function startTenant(id, tenant) {
  const server = createServer();
  await new Promise((resolve) => server.listen(tenant.port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [`${portal}/api/v1/auth/oidc/callback`],
      post_logout_redirect_uris: [`${portal}/signin`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    pkce: { required: () => true },
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    // The portal reads the e-mail and groups from the ID token, not from userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const person = tenant.people[sub];
      return person && {
        accountId: sub,
        claims: async () => ({ sub, email: sub, email_verified: true, name: person.name, groups: person.groups }),
      };
    },
  });
  const handle = provider.callback();

  server.on('request', async (req, res) => {
    const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
    if (!match) return handle(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && match[2]) {
        const email = ((await readForm(req)).get('email') ?? '').trim().toLowerCase();
        if (!tenant.people[email]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(page(`${tenant.name}: sign in`, `<p role="alert">No such person.</p>${form(details.uid, email)}`));
        }
        // Signing in grants what the portal asked for: no separate consent step.
        const grant = new provider.Grant({ accountId: email, clientId: details.params.client_id });
        grant.addOIDCScope(details.params.scope);
        const grantId = await grant.save();
        return provider.interactionFinished(req, res,
          { login: { accountId: email }, consent: { grantId } }, { mergeWithLastSubmission: false });
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(`${tenant.name}: sign in`, form(details.uid, details.params.login_hint ?? '')));
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });

  function form(uid, email) {
    return `<form method="post" action="/interaction/${escape(uid)}/login">` +
      `<label>E-mail address <input name="email" type="email" value="${escape(email)}" autofocus></label> ` +
      `<button type="submit">Sign in</button></form>`;
  }
  return issuer;
}

const issuers = {};
for (const [id, tenant] of Object.entries(tenants)) issuers[id] = await startTenant(id, tenant);

if (args['config-out']) {
  const organizations = Object.entries(tenants).map(([id, t]) => ({
    organization: t.organization,
    name: t.name,
    issuer: issuers[id],
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    role_mapping: t.roleMapping,
  }));
  mkdirSync(dirname(args['config-out']), { recursive: true });
  writeFileSync(args['config-out'], JSON.stringify({ organizations }, null, 2));
}
console.log(JSON.stringify(issuers));
