package io.wxlogin.token;

/** Which WeChat token API the server calls (docs/wechat.md §4.1, §4.2). */
public enum TokenApi {
  /** {@code POST /cgi-bin/stable_token}: the same token until its last minutes; force mode is rationed. */
  STABLE,
  /** {@code GET /cgi-bin/token}: every call issues a new token and retires the previous one after an overlap. */
  CLASSIC
}
