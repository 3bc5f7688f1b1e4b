// The sandbox phone page: plays the user's WeChat. Data goes into the page with textContent only, and the
// page carries no inline script, so it runs under the strict Content-Security-Policy the sandbox sends.
'use strict';

(function () {
  const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
  const OPENID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const REFRESH_MS = 2000;
  const $ = (id) => document.getElementById(id);
  let fetchedAt = Date.now();

  function newOpenId() {
    const bytes = new Uint8Array(27);
    crypto.getRandomValues(bytes);
    return 'o' + Array.from(bytes, (b) => OPENID_CHARS[b % OPENID_CHARS.length]).join('');
  }

  // Users used on this page, remembered with whether they follow (a scan makes them follow, as in WeChat).
  function knownUsers() {
    try {
      return JSON.parse(localStorage.getItem('sandbox.users') || '[]');
    } catch (e) {
      return [];
    }
  }

  function remember(openid, follows) {
    const users = knownUsers().filter((u) => u.openid !== openid);
    users.unshift({ openid: openid, follows: follows });
    localStorage.setItem('sandbox.users', JSON.stringify(users.slice(0, 10)));
    renderKnownUsers();
  }

  function renderKnownUsers() {
    const select = $('known-users');
    select.replaceChildren(new Option('pick a user used before…', ''));
    for (const u of knownUsers()) {
      select.add(new Option(u.openid.slice(0, 10) + '… ' + (u.follows ? '(follower)' : '(new)'), u.openid));
    }
  }

  function setUser(openid, follows) {
    $('openid').value = openid;
    $('follower').checked = follows;
  }

  function chat(kind, text, attrs) {
    const li = document.createElement('li');
    li.className = 'bubble ' + kind;
    li.textContent = text;
    for (const [k, v] of Object.entries(attrs || {})) {
      li.setAttribute(k, v);
    }
    $('chat').appendChild(li);
    li.scrollIntoView({ block: 'end' });
    return li;
  }

  function why(li, text) {
    const span = document.createElement('span');
    span.className = 'why';
    span.textContent = text;
    li.appendChild(span);
  }

  // One reply bubble per push: the text the user sees, WeChat's failure message, or a note that nothing came.
  function showReply(result, kind) {
    const attrs = { 'data-kind': kind, 'data-openid': result.openid, 'data-http-status': String(result.httpStatus) };
    if (result.reply === null || result.reply === undefined) {
      why(chat('reply failed', '该公众号暂时无法提供服务，请稍后再试', attrs), result.replyError || '');
    } else if (result.reply === 'success' || result.reply === '') {
      chat('reply silent', '（公众号没有回复）', attrs);
    } else {
      chat('reply', result.reply, attrs);
    }
  }

  async function post(path, body) {
    const chatEl = $('chat');
    chatEl.dataset.pending = String(Number(chatEl.dataset.pending) + 1);
    try {
      const response = await fetch(path, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      });
      const json = await response.json();
      return { ok: response.ok, json: json };
    } catch (e) {
      return { ok: false, json: { message: 'the sandbox did not answer: ' + e } };
    } finally {
      chatEl.dataset.pending = String(Number(chatEl.dataset.pending) - 1);
    }
  }

  function currentUser() {
    const openid = $('openid').value.trim();
    if (!OPENID.test(openid)) {
      chat('system', 'The openid must be 1-64 letters, digits, _ or -.');
      return null;
    }
    return openid;
  }

  async function scan(ticket, scene) {
    const openid = currentUser();
    if (!openid) {
      return;
    }
    const follower = $('follower').checked;
    chat('user', (follower ? '扫码（已关注）' : '扫码并关注') + ' · ' + scene, { 'data-kind': 'scan' });
    const answer = await post('/sandbox/scan', { ticket: ticket, openid: openid, follower: follower });
    if (!answer.ok) {
      chat('system', answer.json.message || 'the scan was refused');
      return;
    }
    showReply(answer.json, 'scan');
    setUser(openid, true);
    remember(openid, true);
  }

  async function send(content) {
    const openid = currentUser();
    if (!openid || content === '') {
      return;
    }
    chat('user', content, { 'data-kind': 'message' });
    const answer = await post('/sandbox/message', { openid: openid, content: content });
    if (!answer.ok) {
      chat('system', answer.json.message || 'the message was refused');
      return;
    }
    showReply(answer.json, 'message');
  }

  function timesText(li) {
    const passed = Math.floor((Date.now() - fetchedAt) / 1000);
    const age = Number(li.dataset.age) + passed;
    const left = li.dataset.expiresIn === '' ? null : Math.max(0, Number(li.dataset.expiresIn) - passed);
    return 'age ' + age + ' s · ' + (left === null ? 'permanent' : 'expires in ' + left + ' s');
  }

  function qrItem(qr) {
    const li = document.createElement('li');
    li.dataset.ticket = qr.ticket;
    const scene = document.createElement('span');
    scene.className = 'scene';
    scene.textContent = qr.scene;
    const times = document.createElement('span');
    times.className = 'times';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'scan';
    button.textContent = 'Scan';
    button.addEventListener('click', () => scan(qr.ticket, qr.scene));
    li.append(scene, times, button);
    return li;
  }

  // Updated in place, so an element a test (or a finger) is about to click is never replaced under it.
  function renderQrs(list) {
    const ul = $('qr-list');
    const wanted = new Set(list.map((qr) => qr.ticket));
    for (const li of Array.from(ul.children)) {
      if (!wanted.has(li.dataset.ticket)) {
        li.remove();
      }
    }
    const have = new Map(Array.from(ul.children, (li) => [li.dataset.ticket, li]));
    let previous = null;
    for (const qr of list) {
      let li = have.get(qr.ticket);
      if (!li) {
        li = qrItem(qr);
        ul.insertBefore(li, previous ? previous.nextSibling : ul.firstChild);
      }
      li.dataset.age = String(qr.ageSeconds);
      li.dataset.expiresIn = qr.expiresIn === null ? '' : String(qr.expiresIn);
      previous = li;
    }
    tick();
    $('qr-empty').hidden = list.length > 0;
  }

  function tick() {
    for (const li of $('qr-list').children) {
      li.querySelector('.times').textContent = timesText(li);
    }
  }

  async function refresh() {
    try {
      const response = await fetch('/sandbox/qrcodes');
      const json = await response.json();
      fetchedAt = Date.now();
      renderQrs(json.qrcodes || []);
    } catch (e) {
      $('qr-empty').hidden = false;
      $('qr-empty').textContent = 'The sandbox does not answer.';
    }
  }

  function start() {
    renderKnownUsers();
    const last = knownUsers()[0];
    if (last) {
      setUser(last.openid, last.follows);
    } else {
      setUser(newOpenId(), false);
    }
    $('new-user').addEventListener('click', () => setUser(newOpenId(), false));
    $('known-users').addEventListener('change', (e) => {
      const user = knownUsers().find((u) => u.openid === e.target.value);
      if (user) {
        setUser(user.openid, user.follows);
      }
    });
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      const content = $('message').value;
      $('message').value = '';
      send(content);
    });
    for (const quick of document.querySelectorAll('button.quick')) {
      quick.addEventListener('click', () => send(quick.dataset.text));
    }
    $('refresh').addEventListener('click', refresh);
    refresh();
    setInterval(refresh, REFRESH_MS);
    setInterval(tick, 1000);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
