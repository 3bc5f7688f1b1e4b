/*
 * wxlogin widget: the WeChat QR login box, for the login page itself and for any site that embeds it.
 *
 *   <script src="https://login.example.com/wxlogin.js"></script>
 *   WxLogin.mount(document.getElementById('login'), { onLogin: function (login) { ... } });
 *
 * Everything it shows is inserted as text (textContent, attributes), never parsed as HTML: an openid or
 * a server message is data, whatever characters it holds. How it talks to the node is in docs/page.md.
 */
(function (global) {
  'use strict';

  var script = document.currentScript;
  var DEFAULT_BASE = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var POLL_WAIT = 25;
  var BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];
  var MAX_AUTO_RENEWALS = 5;
  var MIN_RESTORE_MS = 5000;
  var CLOCK_JUMP_MS = 5000;

  var STRINGS = {
    zh: {
      qrAlt: '微信登录二维码', loading: '正在获取二维码…', waiting: '请使用微信扫一扫登录',
      expiresIn: '{t} 后失效', refresh: '刷新二维码', newQr: '获取新的二维码', tryAgain: '再试一次',
      scannedTitle: '扫描成功', scanned: '已扫描，请在微信中确认登录',
      scannedDetail: '在微信里回复 1 确认登录，回复 0 拒绝。',
      doneTitle: '登录成功', done: '登录成功：{user}',
      refusedTitle: '已拒绝', refused: '你已在微信中拒绝这次登录。',
      expiredTitle: '二维码已过期', expired: '二维码已过期，点击刷新获取新的二维码。',
      renewing: '二维码已过期，正在换一张新的…',
      usedTitle: '二维码已被使用', used: '这个二维码已被使用，请获取新的二维码。',
      limited: '请求过于频繁，{s} 秒后自动继续。',
      quotaTitle: '今日登录名额已用完', quota: '今天的二维码额度已用完，请稍后再试。',
      retrying: '无法连接登录服务，{s} 秒后重试（第 {n} 次）…',
      unavailable: '登录服务暂时不可用，{s} 秒后重试（第 {n} 次）…',
      reconnecting: '正在重新连接…',
      errorTitle: '出错了', imgError: '二维码图片加载失败，请刷新。',
      hintDesktop: '打开手机微信，点右上角「+」→「扫一扫」，对准二维码。',
      hintWeChat: '在微信中长按上方二维码，选择「识别图中的二维码」。',
      hintMobile: '长按二维码保存到相册，再打开微信「扫一扫」，点右上角「相册」选中这张图片。'
    },
    en: {
      qrAlt: 'WeChat login QR code', loading: 'Getting a QR code…', waiting: 'Scan with WeChat to log in',
      expiresIn: 'expires in {t}', refresh: 'Refresh', newQr: 'Get a new QR code', tryAgain: 'Try again',
      scannedTitle: 'Scanned', scanned: 'Scanned — confirm the login in WeChat',
      scannedDetail: 'Reply 1 in WeChat to confirm, 0 to refuse.',
      doneTitle: 'Logged in', done: 'Logged in as {user}',
      refusedTitle: 'Refused', refused: 'You refused this login in WeChat.',
      expiredTitle: 'QR code expired', expired: 'The QR code expired. Refresh to get a new one.',
      renewing: 'The QR code expired; getting a new one…',
      usedTitle: 'QR code already used', used: 'This QR code has already been used; get a new one.',
      limited: 'Too many requests; continuing in {s} s.',
      quotaTitle: 'No more logins today', quota: 'Today\'s QR code quota is used up; please try again later.',
      retrying: 'Cannot reach the login service; retrying in {s} s (attempt {n})…',
      unavailable: 'The login service is unavailable; retrying in {s} s (attempt {n})…',
      reconnecting: 'Reconnecting…',
      errorTitle: 'Something went wrong', imgError: 'The QR image did not load; refresh it.',
      hintDesktop: 'Open WeChat on your phone, tap “+” → “Scan”, and point it at the code.',
      hintWeChat: 'Inside WeChat: long-press the QR code and choose “Scan QR Code in Image”.',
      hintMobile: 'Long-press the QR code to save it, then in WeChat open “Scan” and pick it from the album (top right).'
    }
  };

  /** zh unless the user's first zh/en preference is English. */
  function pickLang(preferred) {
    var list = preferred || navigator.languages || [navigator.language || ''];
    for (var i = 0; i < list.length; i++) {
      var l = String(list[i]).toLowerCase();
      if (l.indexOf('zh') === 0) return 'zh';
      if (l.indexOf('en') === 0) return 'en';
    }
    return 'zh';
  }

  function format(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return vars && k in vars ? String(vars[k]) : m; });
  }

  /** An openid shortened for display: enough to recognise, as text. */
  function shortId(id) {
    var s = String(id == null ? '' : id);
    return s.length <= 12 ? s : s.slice(0, 6) + '…' + s.slice(-4);
  }

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function isHttpUrl(u) {
    try { return /^https?:$/.test(new URL(u, location.href).protocol); } catch (e) { return false; }
  }

  /** Which scan hint fits this device: inside WeChat, another phone browser, or a computer. */
  function deviceHint() {
    var ua = navigator.userAgent || '';
    if (/MicroMessenger/i.test(ua)) return 'hintWeChat';
    var narrow = global.matchMedia && global.matchMedia('(max-width: 600px)').matches;
    return /Android|iPhone|iPad|iPod|Mobile/i.test(ua) || narrow ? 'hintMobile' : 'hintDesktop';
  }

  /** The node's HTTP API. Answers {status, body, retryAfter}; a network failure or timeout throws. */
  function Api(baseUrl) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  Api.prototype.request = function (method, path, options) {
    var o = options || {};
    var ctl = new AbortController();
    var timer = setTimeout(function () { ctl.abort(); }, o.timeoutMs || 15000);
    var init = { method: method, headers: {}, signal: ctl.signal, cache: 'no-store' };
    if (o.body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(o.body);
    }
    if (o.token) init.headers.Authorization = 'Bearer ' + o.token;
    return fetch(this.base + path, init).then(function (res) {
      var after = parseInt(res.headers.get('Retry-After'), 10);
      return res.text().then(function (text) {
        var body = {};
        try { body = text ? JSON.parse(text) : {}; } catch (e) { body = {}; }
        return { status: res.status, body: body || {}, retryAfter: after >= 0 ? after : null };
      });
    }).finally(function () { clearTimeout(timer); });
  };

  Api.prototype.createQr = function (authreq) {
    return this.request('POST', '/api/login/qrcode', { body: authreq ? { authreq: authreq } : null });
  };

  Api.prototype.poll = function (scene, wait) {
    return this.request('GET', '/api/login/' + encodeURIComponent(scene) + '?wait=' + wait,
        { timeoutMs: (wait + 15) * 1000 });
  };

  /** The current QR code, kept per tab so a reload shows it again instead of spending WeChat quota. */
  function QrMemory(key) {
    this.key = key;
  }

  QrMemory.prototype.load = function () {
    try {
      var qr = JSON.parse(sessionStorage.getItem(this.key) || 'null');
      return qr && qr.scene && isHttpUrl(qr.qrImageUrl) && qr.expiresAt - Date.now() > MIN_RESTORE_MS ? qr : null;
    } catch (e) { return null; }
  };

  QrMemory.prototype.save = function (qr) {
    try { sessionStorage.setItem(this.key, JSON.stringify(qr)); } catch (e) { /* private mode: no memory */ }
  };

  QrMemory.prototype.clear = function () {
    try { sessionStorage.removeItem(this.key); } catch (e) { /* nothing kept */ }
  };

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var ICONS = {
    check: ['M5 12.5l4.5 4.5L19 7.5'],
    cross: ['M7 7l10 10', 'M17 7L7 17'],
    clock: ['M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z', 'M12 7.5V12l3 2'],
    phone: ['M8 2.5h8a1.5 1.5 0 0 1 1.5 1.5v16a1.5 1.5 0 0 1-1.5 1.5H8A1.5 1.5 0 0 1 6.5 20V4A1.5 1.5 0 0 1 8 2.5z',
      'M9.5 12l2 2 3.5-4'],
    alert: ['M12 3a9 9 0 1 1 0 18a9 9 0 1 1 0-18z', 'M12 7.5v5.5', 'M12 16.4v.2'],
    spin: ['M12 3a9 9 0 1 1-9 9']
  };

  /* What each state shows: overlay icon and title over the QR, the status line, the buttons. */
  var VIEWS = {
    loading: { icon: 'spin', status: 'loading' },
    renewing: { icon: 'spin', status: 'renewing' },
    waiting: { status: 'waiting', timer: true, refresh: true },
    scanned: { icon: 'phone', title: 'scannedTitle', status: 'scanned', detail: 'scannedDetail', timer: true,
      refresh: true },
    done: { icon: 'check', title: 'doneTitle', status: 'done' },
    refused: { icon: 'cross', title: 'refusedTitle', status: 'refused', button: 'newQr' },
    expired: { icon: 'clock', title: 'expiredTitle', status: 'expired', button: 'refresh' },
    used: { icon: 'alert', title: 'usedTitle', status: 'used', button: 'newQr' },
    quota: { icon: 'alert', title: 'quotaTitle', status: 'quota', button: 'tryAgain' },
    limited: { status: 'limited', timer: true, refresh: false },
    retrying: { status: 'retrying', timer: true },
    unavailable: { status: 'unavailable', timer: true },
    error: { icon: 'alert', title: 'errorTitle', button: 'tryAgain' }
  };

  function icon(name) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'wxl-icon wxl-icon-' + name);
    ICONS[name].forEach(function (d) {
      var path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', d);
      svg.appendChild(path);
    });
    return svg;
  }

  function button(cls, onClick) {
    var b = el('button', cls);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function Widget(root, opts) {
    this.root = root;
    this.opts = opts;
    this.lang = STRINGS[opts.lang] ? opts.lang : pickLang();
    this.api = new Api(opts.baseUrl || DEFAULT_BASE);
    this.memory = new QrMemory('wxlogin.qr:' + this.api.base + ':' + (opts.authreq || ''));
    this.gen = 0;
    this.qr = null;
    this.autoRenewals = 0;
    this.lastTick = Date.now();
    this.build();
    this.timer = setInterval(this.tick.bind(this), 1000);
    this.onVisibility = this.visibilityChanged.bind(this);
    document.addEventListener('visibilitychange', this.onVisibility);
    var kept = this.memory.load();
    if (kept) this.show(kept); else this.newQr(false);
  }

  Widget.prototype.build = function () {
    var self = this;
    var r = this.root;
    r.textContent = '';
    r.classList.add('wxl');
    this.frame = el('div', 'wxl-frame');
    this.img = el('img', 'wxl-qr');
    this.img.width = 240;
    this.img.height = 240;
    this.img.referrerPolicy = 'no-referrer';
    this.img.addEventListener('error', function () {
      if (self.qr && self.img.getAttribute('src')) self.settle('error', { message: self.t('imgError') });
    });
    this.overlay = el('div', 'wxl-overlay');
    this.ovIcon = el('span', 'wxl-ov-icon');
    this.ovTitle = el('strong', 'wxl-ov-title');
    this.ovButton = button('wxl-ov-button', function () { self.newQr(true); });
    this.overlay.append(this.ovIcon, this.ovTitle, this.ovButton);
    this.frame.append(this.img, this.overlay);
    this.meter = el('div', 'wxl-meter');
    this.bar = el('span', 'wxl-bar');
    this.meter.appendChild(this.bar);
    this.count = el('p', 'wxl-count');
    this.count.setAttribute('role', 'timer');
    this.status = el('p', 'wxl-status');
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.detail = el('p', 'wxl-detail');
    this.hint = el('p', 'wxl-hint');
    this.refresh = button('wxl-refresh', function () { self.newQr(true); });
    this.row = el('div', 'wxl-row');
    this.row.append(this.count, this.refresh);
    r.append(this.frame, this.meter, this.row, this.status, this.detail, this.hint);
  };

  Widget.prototype.t = function (key, vars) {
    return format(STRINGS[this.lang][key] || key, vars);
  };

  Widget.prototype.render = function (state, vars) {
    var v = VIEWS[state];
    this.view = { state: state, vars: vars || {} };
    vars = this.view.vars;
    this.root.setAttribute('data-state', state);
    this.root.lang = this.lang === 'zh' ? 'zh-CN' : 'en';
    this.img.alt = this.t('qrAlt');
    var iconName = v.icon || (this.qrValid() ? null : 'spin');
    this.ovIcon.textContent = '';
    if (iconName) this.ovIcon.appendChild(icon(iconName));
    this.overlay.hidden = !iconName;
    this.ovTitle.textContent = v.title ? this.t(v.title) : '';
    this.ovButton.hidden = !v.button;
    this.ovButton.textContent = v.button ? this.t(v.button) : '';
    this.status.textContent = v.status ? this.t(v.status, vars) : (vars.message || '');
    this.detail.textContent = v.detail ? this.t(v.detail) : (v.status && vars.message) || '';
    this.refresh.textContent = this.t('refresh');
    this.refresh.hidden = !(v.refresh || (v.timer && this.qrValid()));
    this.hint.textContent = this.t(deviceHint());
    this.hint.hidden = !(v.timer && this.qrValid()) || state === 'scanned';
    this.renderCountdown(Date.now());
  };

  Widget.prototype.qrValid = function () {
    return !!this.qr && this.qr.expiresAt > Date.now();
  };

  Widget.prototype.renderCountdown = function (now) {
    var shown = VIEWS[this.view.state].timer && this.qrValid();
    this.meter.hidden = !shown;
    this.count.hidden = !shown;
    this.row.hidden = !shown && this.refresh.hidden;
    if (!shown) return;
    var left = this.qr.expiresAt - now;
    this.count.textContent = this.t('expiresIn', { t: clock(left) });
    this.bar.style.transform = 'scaleX(' + Math.max(0, Math.min(1, left / this.qr.lifetimeMs)) + ')';
    this.meter.classList.toggle('wxl-low', left < 30000);
  };

  Widget.prototype.setLang = function (lang) {
    if (!STRINGS[lang]) return;
    this.lang = lang;
    if (this.view) this.render(this.view.state, this.view.vars);
  };

  /**
   * Every second: the countdown and the expiry. A clock that jumped (the computer slept) while a poll has
   * been out longer than any held poll lasts means that poll's connection is likely dead: poll anew.
   */
  Widget.prototype.tick = function () {
    var now = Date.now();
    var jumped = now - this.lastTick > CLOCK_JUMP_MS || now < this.lastTick - 1000;
    this.lastTick = now;
    var live = this.qr && VIEWS[this.view.state].timer;
    if (live && now >= this.qr.expiresAt) {
      this.expire();
    } else if (live && jumped && now - this.pollStartedAt > (POLL_WAIT + 5) * 1000) {
      this.startPolling(this.qr);
    }
    this.renderCountdown(now);
  };

  Widget.prototype.visibilityChanged = function () {
    if (document.hidden) return;
    if (this.renewWhenVisible) {
      this.renewWhenVisible = false;
      this.autoRenewals++;
      this.newQr(false);
      return;
    }
    if (!this.qr || !VIEWS[this.view.state].timer) return;
    if (!this.qrValid()) {
      this.expire();
    } else if (Date.now() - this.pollStartedAt > (POLL_WAIT + 5) * 1000) {
      this.startPolling(this.qr);
    }
  };

  /** The QR code ran out: a new one while someone can see it, a button after a few unattended renewals. */
  Widget.prototype.expire = function () {
    this.gen++;
    this.memory.clear();
    this.qr = null;
    var renew = this.autoRenewals < MAX_AUTO_RENEWALS;
    if (renew && !document.hidden) {
      this.autoRenewals++;
      this.render('renewing');
      this.newQr(false);
    } else {
      this.render('expired');
      this.renewWhenVisible = renew;
    }
  };

  Widget.prototype.newQr = async function (userAsked) {
    if (userAsked) this.autoRenewals = 0;
    this.renewWhenVisible = false;
    var gen = ++this.gen;
    if (userAsked || !this.view) this.render('loading');
    this.memory.clear();
    this.qr = null;
    this.img.removeAttribute('src');
    for (var failures = 0; gen === this.gen;) {
      var r;
      try {
        r = await this.api.createQr(this.opts.authreq);
      } catch (e) {
        await this.backoff('retrying', ++failures, gen);
        continue;
      }
      if (gen !== this.gen) return;
      if (r.status === 201 && r.body.scene && isHttpUrl(r.body.qrImageUrl) && r.body.expiresIn > 0) {
        var lifetime = r.body.expiresIn * 1000;
        return this.show({ scene: r.body.scene, qrImageUrl: r.body.qrImageUrl, qrContent: r.body.qrContent,
          expiresAt: Date.now() + lifetime, lifetimeMs: lifetime });
      }
      if (!(await this.transient(r, ++failures, gen))) return;
    }
  };

  /** A refusal worth waiting out (429, 5xx) is waited out and answers true; any other is shown, false. */
  Widget.prototype.transient = async function (r, failures, gen) {
    if (r.status === 429) {
      var s = r.retryAfter || 10;
      this.render('limited', { s: s });
      await sleep(s * 1000);
      return true;
    }
    if (r.body.error === 'qr_quota_exhausted') {
      this.render('quota', { message: r.body.message });
      return false;
    }
    if (r.status >= 500) {
      await this.backoff('unavailable', failures, gen);
      return true;
    }
    this.render('error', { message: r.body.message || 'HTTP ' + r.status });
    return false;
  };

  Widget.prototype.backoff = function (kind, failures, gen) {
    var base = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1];
    var ms = Math.round(base * (1 + Math.random() * 0.3));
    if (gen === this.gen) this.render(kind, { s: Math.ceil(ms / 1000), n: failures });
    return sleep(ms);
  };

  Widget.prototype.show = function (qr) {
    this.qr = qr;
    if (!qr.lifetimeMs) qr.lifetimeMs = Math.max(1, qr.expiresAt - Date.now());
    this.memory.save(qr);
    this.img.src = qr.qrImageUrl;
    this.render(qr.scanned ? 'scanned' : 'waiting');
    this.startPolling(qr);
  };

  Widget.prototype.startPolling = function (qr) {
    this.pollLoop(qr, ++this.gen);
  };

  /** Long-polls until the scene settles. A CONFIRMED answer wins even from a superseded poll. */
  Widget.prototype.pollLoop = async function (qr, gen) {
    for (var failures = 0; gen === this.gen;) {
      this.pollStartedAt = Date.now();
      var r;
      try {
        r = await this.api.poll(qr.scene, failures ? 0 : POLL_WAIT);
      } catch (e) {
        if (gen === this.gen) await this.backoff('retrying', ++failures, gen);
        continue;
      }
      if (r.status === 200 && r.body.status === 'CONFIRMED') return this.confirmed(r.body);
      if (gen !== this.gen) return;
      var status = r.status === 200 ? r.body.status : r.status;
      if (status === 'PENDING' || status === 'SCANNED') {
        failures = 0;
        if (status === 'SCANNED') qr.scanned = true;
        this.memory.save(qr);
        this.render(qr.scanned ? 'scanned' : 'waiting');
      } else if (status === 404) {
        return this.expire();
      } else if (status === 'REFUSED' || status === 410) {
        return this.settle(status === 410 ? 'used' : 'refused');
      } else if (!(await this.transient(r, ++failures, gen))) {
        return;
      }
    }
  };

  /** This code is finished with (refused, used, unusable): no more polling, and the state is shown. */
  Widget.prototype.settle = function (state, vars) {
    this.gen++;
    this.memory.clear();
    this.qr = null;
    this.render(state, vars);
  };

  Widget.prototype.confirmed = function (body) {
    if (this.finished) return;
    this.finished = true;
    this.gen++;
    this.memory.clear();
    this.qr = null;
    var user = body.user || {};
    var session = body.session || {};
    this.render('done', { user: shortId(user.openid) });
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.opts.onLogin) {
      this.opts.onLogin({ token: session.token, expiresIn: session.expiresIn, openid: user.openid,
        newUser: !!user.newUser });
    }
  };

  Widget.prototype.destroy = function () {
    this.gen++;
    this.finished = true;
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.root.textContent = '';
  };

  function ensureStyles(base) {
    if (document.querySelector('link[data-wxlogin-css]')) return;
    var link = el('link');
    link.rel = 'stylesheet';
    link.href = base + '/assets/wxlogin.css';
    link.setAttribute('data-wxlogin-css', '');
    document.head.appendChild(link);
  }

  /** Shows the QR login in element; options: onLogin(login), lang ('zh'|'en'), baseUrl, authreq. */
  function mount(element, options) {
    if (!element || !element.appendChild) throw new TypeError('WxLogin.mount needs a DOM element');
    var opts = options || {};
    var w = new Widget(element, opts);
    ensureStyles(w.api.base);
    return {
      refresh: function () { w.newQr(true); },
      setLang: function (lang) { w.setLang(lang); },
      destroy: function () { w.destroy(); }
    };
  }

  global.WxLogin = {
    mount: mount,
    strings: STRINGS,
    pickLang: pickLang,
    format: format,
    shortId: shortId,
    isHttpUrl: isHttpUrl,
    Api: Api
  };
})(window);
