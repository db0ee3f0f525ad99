// The authorization page as a developer's site and a user meet it, in Debian's Chromium (playwright-core), with codes
// exchanged by a standard OAuth client (openid-client). It serves the developer's site on loopback itself, prints one
// JSON line of what it saw for AuthorizationPageBrowserTest to judge, and saves screenshots when asked to.
//
// Input: the environment variable FLOW, a JSON object: site_port, integrations, keys, client_id, client_secret,
// account, optionally screenshots (a directory).
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import * as client from 'openid-client';

const flow = JSON.parse(process.env.FLOW);
const site = `http://127.0.0.1:${flow.site_port}`;
const redirectUri = `${site}/callback`;
const seen = {};

function sitePage(query) {
  const mode = query.get('mode') ?? 'post_message';
  const state = query.get('state') ?? 'site-state';
  const locale = query.get('locale') ?? 'en';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Lead Sync · Connect</title>
<style>body{font:16px system-ui,sans-serif;margin:48px;color:#1f2933} h1{font-size:22px}</style></head>
<body><h1>Lead Sync</h1><p>Connect your CRM account to start syncing leads.</p>
<script>
  window.received = [];
  window.errors = [];
  window.addEventListener('message', (event) => {
    if (event.origin === ${JSON.stringify(flow.integrations)}) { window.received.push(event.data); }
  });
  function onMarketplaceError(message) { window.errors.push(message); }
</script>
<script class="marketplace_oauth" charset="utf-8" src="${flow.integrations}/oauth/button.js"
  data-client-id="${flow.client_id}" data-state="${state}" data-mode="${mode}" data-locale="${locale}"
  data-theme="light" data-error-callback="onMarketplaceError"></script>
</body></html>`;
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, site);
  let body;
  if (url.pathname === '/') {
    body = sitePage(url.searchParams);
  } else if (url.pathname === '/callback') {
    body = '<!DOCTYPE html><title>callback</title><p id="callback">Connected.</p>';
  } else if (url.pathname === '/frame') {
    body = `<!DOCTYPE html><title>frame</title><iframe id="framed" width="600" height="600" src="${url.searchParams.get('src')}"></iframe>`;
  } else {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
});
await new Promise((resolve) => server.listen(flow.site_port, '127.0.0.1', resolve));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
const context = await browser.newContext({ viewport: { width: 900, height: 760 } });
const shot = async (page, name) => {
  if (flow.screenshots) {
    await page.screenshot({ path: path.join(flow.screenshots, name) });
  }
};

// The standard client: metadata from keys-service's discovery document (plain http on loopback).
const config = await client.discovery(new URL(flow.keys), flow.client_id, flow.client_secret, undefined,
  { execute: [client.allowInsecureRequests] });
seen.authorization_endpoint = config.serverMetadata().authorization_endpoint;

async function exchange(callbackUrl, checks) {
  try {
    const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), checks);
    return { access_token: tokens.access_token, refresh_token: tokens.refresh_token };
  } catch (e) {
    return { error: e.error ?? e.code ?? e.message };
  }
}

/** Signs in (Keycloak's login page, or the development page) if asked to, then waits for the consent page. */
async function signInIfAsked(page) {
  await page.waitForLoadState('domcontentloaded');
  if (flow.login && (await page.$('#kc-login')) !== null) {
    await page.fill('#username', flow.login.username);
    await page.fill('#password', flow.login.password);
    await page.click('#kc-login');
  } else if (page.url().includes('/oauth/dev-sign-in')) {
    await page.fill('#name', 'Ana');
    await page.fill('#accounts', `${flow.account}, ${flow.account + 1}`);
    await page.click('#sign-in');
  }
  try {
    await page.waitForSelector('#allow', { timeout: 20000 });
  } catch (e) {
    const text = await page.textContent('body').catch(() => '');
    throw new Error(`no consent page at ${page.url()}: ${String(text).replace(/\s+/g, ' ').slice(0, 600)}`);
  }
}

try {
  // 1. post_message: the button opens the page in a popup; Allow posts {code, referer, state} to the site.
  const sitePageTab = await context.newPage();
  await sitePageTab.goto(`${site}/?mode=post_message&state=popup-state`);
  await sitePageTab.waitForSelector('button.marketplace-oauth-button');
  await shot(sitePageTab, 'authorization-button.png');
  seen.button_title = await sitePageTab.textContent('button.marketplace-oauth-button');
  const [popup] = await Promise.all([sitePageTab.waitForEvent('popup'),
    sitePageTab.click('button.marketplace-oauth-button')]);
  await signInIfAsked(popup);
  await shot(popup, 'authorization-consent-en.png');
  await popup.selectOption('#account', String(flow.account));
  await Promise.all([popup.waitForEvent('close'), popup.click('#allow')]);
  await sitePageTab.waitForFunction(() => window.received.length > 0);
  seen.post_message = (await sitePageTab.evaluate(() => window.received))[0];
  seen.post_message_exchange = await exchange(`${redirectUri}?code=${encodeURIComponent(seen.post_message.code)}`
    + `&state=${encodeURIComponent(seen.post_message.state)}`, { expectedState: 'popup-state' });

  // 2. redirect, as openid-client builds it: PKCE S256, the page in the top window, back at the redirect URI.
  const verifier = client.randomPKCECodeVerifier();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'crm', state: 'redirect-state',
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
  const tab = await context.newPage();
  await tab.goto(`${authorizationUrl.href}&locale=es`);
  await signInIfAsked(tab);
  await shot(tab, 'authorization-consent-es.png');
  seen.consent_es_allow = await tab.textContent('#allow');
  await Promise.all([tab.waitForURL(`${redirectUri}**`), tab.click('#allow')]);
  seen.redirect_url = tab.url();
  seen.redirect_exchange_with_wrong_verifier = await exchange(tab.url(),
    { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: 'redirect-state' });
  // a fresh code, exchanged with the right verifier
  await tab.goto(`${authorizationUrl.href}`);
  await signInIfAsked(tab);
  await Promise.all([tab.waitForURL(`${redirectUri}**`), tab.click('#allow')]);
  seen.redirect_exchange = await exchange(tab.url(), { pkceCodeVerifier: verifier, expectedState: 'redirect-state' });

  // 3. Deny in a popup: access_denied reaches the site and its error callback.
  const denyTab = await context.newPage();
  await denyTab.goto(`${site}/?mode=popup&state=deny-state`);
  const [denyPopup] = await Promise.all([denyTab.waitForEvent('popup'), denyTab.click('button.marketplace-oauth-button')]);
  await signInIfAsked(denyPopup);
  await Promise.all([denyPopup.waitForEvent('close'), denyPopup.click('#deny')]);
  await denyTab.waitForFunction(() => window.errors.length > 0);
  seen.deny_message = (await denyTab.evaluate(() => window.received))[0];
  seen.error_callback = (await denyTab.evaluate(() => window.errors))[0];

  // 4. A redirect URI that is not the registered one: an error page on the platform, no redirect.
  const strayTab = await context.newPage();
  const stray = await strayTab.goto(`${flow.integrations}/oauth?client_id=${flow.client_id}&state=s`
    + `&redirect_uri=${encodeURIComponent(`${site}/elsewhere`)}`);
  seen.unregistered = { status: stray.status(), url: strayTab.url(), text: await strayTab.textContent('body') };

  // 5. Framed by another site: the browser refuses to show it (frame-ancestors 'none').
  const frameTab = await context.newPage();
  await frameTab.goto(`${site}/frame?src=${encodeURIComponent(`${flow.integrations}/oauth?client_id=${flow.client_id}&state=f`)}`);
  await frameTab.waitForTimeout(1000);
  const framed = frameTab.frames().find((frame) => frame !== frameTab.mainFrame());
  seen.framed = { url: framed ? framed.url() : null,
    shows_allow: framed ? (await framed.$('#allow').catch(() => null)) !== null : false };
} catch (e) {
  seen.failure = String(e && e.stack ? e.stack : e);
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(seen));
