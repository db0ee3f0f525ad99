/*
 * The marketplace's install button for a developer's site (Kommo's "button on the site"):
 *
 *   <script class="marketplace_oauth" charset="utf-8" src="https://<marketplace>/oauth/button.js"
 *           data-client-id="<integration id>" data-state="<your state>" data-mode="popup"
 *           data-title="Install" data-compact="false" data-class-name="my-button" data-theme="light"
 *           data-locale="en" data-error-callback="onMarketplaceError"></script>
 *
 * It puts a button after the script tag. A click opens the authorization page in a popup; the page posts
 * {code, referer, state} (or {error, state}) to this window, from the marketplace's origin, and closes. On an error,
 * the function named by data-error-callback is called with that message.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.dataset.clientId) {
    return;
  }
  var data = script.dataset;
  var origin = new URL(script.src, window.location.href).origin;
  var titles = {
    en: 'Continue with Marketplace',
    es: 'Continuar con Marketplace',
    pt: 'Continuar com Marketplace',
    id: 'Lanjutkan dengan Marketplace',
    tr: 'Marketplace ile devam et'
  };
  var compactTitles = { en: 'Install', es: 'Instalar', pt: 'Instalar', id: 'Pasang', tr: 'Kur' };
  var locale = Object.prototype.hasOwnProperty.call(titles, data.locale) ? data.locale : 'en';
  var compact = data.compact === 'true';
  var dark = data.theme === 'dark';

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'marketplace-oauth-button' + (data.className ? ' ' + data.className : '');
  button.textContent = data.title || (compact ? compactTitles[locale] : titles[locale]);
  if (!data.className) {
    var style = button.style;
    style.font = '600 ' + (compact ? '13px' : '15px') + '/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    style.padding = compact ? '6px 12px' : '11px 20px';
    style.borderRadius = '8px';
    style.cursor = 'pointer';
    style.border = '1px solid ' + (dark ? '#2563eb' : '#cbd2d9');
    style.background = dark ? '#2563eb' : '#ffffff';
    style.color = dark ? '#ffffff' : '#1f2933';
  }

  var popup = null;
  button.addEventListener('click', function () {
    var query = new URLSearchParams({
      client_id: data.clientId,
      state: data.state || '',
      mode: data.mode === 'post_message' ? 'post_message' : 'popup',
      locale: locale
    });
    var width = 520;
    var height = 680;
    var left = Math.max(0, (window.screenX || 0) + (window.outerWidth - width) / 2);
    var top = Math.max(0, (window.screenY || 0) + (window.outerHeight - height) / 2);
    popup = window.open(origin + '/oauth?' + query.toString(), 'marketplace_oauth',
      'width=' + width + ',height=' + height + ',left=' + left + ',top=' + top);
  });

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || popup === null || event.source !== popup) {
      return;
    }
    var message = event.data || {};
    var callback = data.errorCallback && window[data.errorCallback];
    if (message.error && typeof callback === 'function') {
      callback(message);
    }
  });

  script.parentNode.insertBefore(button, script.nextSibling);
})();
