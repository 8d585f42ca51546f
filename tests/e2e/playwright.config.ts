import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

// Browser tests: Debian's Chromium, headless, against the release server with a database of its
// own (target/e2e, cleared by `cargo xtask test` before each run) and the demo data.
const root = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 18080);
// Contoso's and Fabrikam's identity provider (tests/oidc/provider.mjs), one port per tenant.
const providerPorts = [port + 11, port + 12];

export default defineConfig({
  testDir: '.',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: `${root}/target/e2e/results`,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-GB',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [{
    command: `node tests/oidc/provider.mjs --portal http://127.0.0.1:${port} ` +
      `--port-a ${providerPorts[0]} --port-b ${providerPorts[1]} --config-out ${root}/target/e2e/oidc.json`,
    cwd: root,
    url: `http://127.0.0.1:${providerPorts[1]}/.well-known/openid-configuration`,
    reuseExistingServer: false,
    timeout: 30_000,
  }, {
    command: 'target/release/portal-server',
    cwd: root,
    env: {
      PORTAL_ADDR: `127.0.0.1:${port}`,
      // E2E_DATABASE_URL: the same server on another engine (the test command's PostgreSQL pass).
      PORTAL_DATABASE_URL: process.env.E2E_DATABASE_URL ?? `sqlite://${root}/target/e2e/portal.db`,
      PORTAL_DIST: `${root}/dist`,
      PORTAL_PUBLIC_URL: `http://127.0.0.1:${port}`,
      PORTAL_INVITATION_KEY_FILE: `${root}/target/e2e/invitation.key`,
      PORTAL_OIDC_CONFIG: `${root}/target/e2e/oidc.json`,
      RUST_LOG: 'portal_server=warn',
    },
    url: `http://127.0.0.1:${port}/api/v1/auth/session`,
    reuseExistingServer: false,
    timeout: 60_000,
  }],
});
