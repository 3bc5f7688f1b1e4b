/*
 * The login page at /: the language, the QR widget (wxlogin.js, the same one other sites embed), the
 * logged-in view with log out, and the OpenID Connect hand-off for /?authreq=<id>. Data from the
 * server is inserted as text only. The flow is described in docs/page.md.
 */
(function () {
  'use strict';

  var W = window.WxLogin;
  var SESSION_KEY = 'wxlogin.session';
  var LANG_KEY = 'wxlogin.lang';
  var AUTHREQ = /^[A-Za-z0-9_-]{22,128}$/;
  var TEXT = {
    zh: {
      docTitle: '微信扫码登录', brand: '扫码登录', kicker: '微信公众号登录', sideTitle: '扫一扫，立即登录',
      perk1: '无需注册，无需密码', perk2: '扫码后在手机上即可完成', perk3: '随时可以在微信中拒绝',
      tip: '只在你自己打开的页面扫码：不要扫描别人发给你的登录二维码。',
      title: '微信扫码登录', subtitle: '使用微信扫描下方二维码',
      oidcTitle: '使用微信登录 {client}', oidcSide: '{client} 请求使用你的微信身份登录',
      oidcSubtitle: '扫码后将返回 {client}', oidcReturning: '登录成功，正在返回 {client}…',
      oidcGone: '这个登录请求已失效或不存在。请回到应用，重新点击「使用微信登录」。',
      oidcFailed: '无法完成登录，请回到应用重试。',
      oidcUnavailable: '登录服务暂时无法连接，正在重试…',
      accountTitle: '你已登录', who: '微信用户', loginAt: '登录时间', validUntil: '有效期至',
      newUser: '欢迎新朋友，这是你第一次登录。', returning: '欢迎回来！',
      logout: '退出登录', loggedOut: '你已退出登录。', logoutFailed: '退出失败：无法连接登录服务，请稍后再试。',
      footer: '通过微信公众号安全登录', langSwitch: 'English'
    },
    en: {
      docTitle: 'Log in with WeChat', brand: 'QR Login', kicker: 'WeChat Official Account login',
      sideTitle: 'Scan once, you are in', perk1: 'No sign-up, no password',
      perk2: 'Finish on your phone in seconds', perk3: 'Refuse from WeChat at any time',
      tip: 'Only scan codes on pages you opened yourself — never a login QR code someone sent you.',
      title: 'Log in with WeChat', subtitle: 'Scan the QR code below with WeChat',
      oidcTitle: 'Log in to {client} with WeChat', oidcSide: '{client} asks to log you in with your WeChat identity',
      oidcSubtitle: 'After the scan you return to {client}', oidcReturning: 'Logged in; returning to {client}…',
      oidcGone: 'This login request has expired or does not exist. Go back to the app and choose “Log in with WeChat” again.',
      oidcFailed: 'The login could not be completed; go back to the app and try again.',
      oidcUnavailable: 'Cannot reach the login service; retrying…',
      accountTitle: 'You are logged in', who: 'WeChat user', loginAt: 'Logged in at', validUntil: 'Valid until',
      newUser: 'Welcome! This is your first login.', returning: 'Welcome back!',
      logout: 'Log out', loggedOut: 'You have logged out.', logoutFailed: 'Could not log out: the login service is unreachable; try again.',
      footer: 'Secure login through a WeChat Official Account', langSwitch: '中文'
    }
  };

  var page = { lang: initialLang(), widget: null, authreq: null, client: null, account: null };

  function $(id) { return document.getElementById(id); }

  function readStore(store, key) {
    try { return store.getItem(key); } catch (e) { return null; }
  }

  function writeStore(store, key, value) {
    try {
      if (value == null) store.removeItem(key); else store.setItem(key, value);
    } catch (e) { /* storage off: nothing remembered */ }
  }

  function initialLang() {
    var kept = readStore(localStorage, LANG_KEY);
    return TEXT[kept] ? kept : W.pickLang();
  }

  function t(key, vars) {
    return W.format(TEXT[page.lang][key], vars);
  }

  function applyLang() {
    document.documentElement.lang = page.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(function (e) { e.textContent = t(e.getAttribute('data-i18n')); });
    $('lang-label').textContent = t('langSwitch');
    $('lang-label').lang = page.lang === 'zh' ? 'en' : 'zh-CN';
    document.title = page.client ? t('oidcTitle', { client: page.client }) : t('docTitle');
    if (page.client) {
      $('title').textContent = t('oidcTitle', { client: page.client });
      $('side-title').textContent = t('oidcSide', { client: page.client });
      $('subtitle').textContent = t('oidcSubtitle', { client: page.client });
    }
    if (page.widget) page.widget.setLang(page.lang);
    if (page.account) fillAccount(page.account);
  }

  function switchLang() {
    page.lang = page.lang === 'zh' ? 'en' : 'zh';
    writeStore(localStorage, LANG_KEY, page.lang);
    applyLang();
  }

  /** A line above the QR box: a warning, or with ok a plain confirmation (logged out); null clears it. */
  function notice(key, ok) {
    $('notice').textContent = key ? t(key) : '';
    $('notice').hidden = !key;
    $('notice').classList.toggle('notice-ok', !!ok);
  }

  function mountWidget() {
    page.account = null;
    $('account').hidden = true;
    $('subtitle').hidden = false;
    $('login').hidden = false;
    page.widget = W.mount($('login'), { lang: page.lang, authreq: page.authreq, baseUrl: location.origin,
      onLogin: page.authreq ? completeOidc : loggedIn });
  }

  function loggedIn(login) {
    var now = Date.now();
    var account = { token: login.token, openid: login.openid, newUser: login.newUser, loginAt: now,
      expiresAt: now + login.expiresIn * 1000 };
    writeStore(sessionStorage, SESSION_KEY, JSON.stringify(account));
    showAccount(account);
  }

  function showAccount(account) {
    if (page.widget) page.widget.destroy();
    page.widget = null;
    page.account = account;
    $('login').hidden = true;
    $('subtitle').hidden = true;
    notice(null);
    $('account').hidden = false;
    fillAccount(account);
    $('account-title').focus();
  }

  function fillAccount(a) {
    var locale = page.lang === 'zh' ? 'zh-CN' : 'en';
    $('welcome').textContent = t(a.newUser ? 'newUser' : 'returning');
    $('who').textContent = W.shortId(a.openid);
    $('who').title = String(a.openid);
    $('login-at').textContent = new Date(a.loginAt).toLocaleString(locale);
    $('valid-until').textContent = new Date(a.expiresAt).toLocaleString(locale);
  }

  function logout() {
    var account = page.account;
    $('logout').disabled = true;
    new W.Api(location.origin).request('DELETE', '/api/session', { token: account.token })
      .then(function (r) {
        if (r.status !== 204 && r.status !== 401) throw new Error('HTTP ' + r.status);
        writeStore(sessionStorage, SESSION_KEY, null);
        mountWidget();
        notice('loggedOut', true);
      })
      .catch(function () { notice('logoutFailed'); })
      .finally(function () { $('logout').disabled = false; });
  }

  /** A session kept in this tab is shown again if the node still knows it. */
  function restore() {
    var kept = null;
    try { kept = JSON.parse(readStore(sessionStorage, SESSION_KEY) || 'null'); } catch (e) { kept = null; }
    if (!kept || !kept.token) return mountWidget();
    new W.Api(location.origin).request('GET', '/api/session', { token: kept.token })
      .then(function (r) {
        if (r.status === 401) {
          writeStore(sessionStorage, SESSION_KEY, null);
          return mountWidget();
        }
        if (r.status === 200) {
          kept.loginAt = r.body.loginAt || kept.loginAt;
          kept.expiresAt = Date.now() + r.body.expiresIn * 1000;
        }
        showAccount(kept);
      })
      .catch(function () { showAccount(kept); });
  }

  function startOidc(id) {
    if (!AUTHREQ.test(id)) return oidcGone();
    new W.Api(location.origin).request('GET', '/oauth2/requests/' + encodeURIComponent(id))
      .then(function (r) {
        if (r.status !== 200 || typeof r.body.client_name !== 'string') return oidcGone();
        page.authreq = id;
        page.client = r.body.client_name;
        notice(null);
        applyLang();
        mountWidget();
      })
      .catch(function () {
        notice('oidcUnavailable');
        setTimeout(function () { startOidc(id); }, 3000);
      });
  }

  function oidcGone() {
    $('login').hidden = true;
    notice('oidcGone');
  }

  function completeOidc(login) {
    $('subtitle').textContent = t('oidcReturning', { client: page.client });
    new W.Api(location.origin).request('POST', '/oauth2/complete',
      { body: { authreq: page.authreq, token: login.token } })
      .then(function (r) {
        if (r.status === 200 && W.isHttpUrl(r.body.redirect)) {
          location.replace(r.body.redirect);
        } else {
          notice('oidcFailed');
        }
      })
      .catch(function () { notice('oidcFailed'); });
  }

  $('lang').addEventListener('click', switchLang);
  $('logout').addEventListener('click', logout);
  $('account-title').tabIndex = -1;
  applyLang();
  var authreq = new URLSearchParams(location.search).get('authreq');
  if (authreq != null) startOidc(authreq); else restore();
})();
