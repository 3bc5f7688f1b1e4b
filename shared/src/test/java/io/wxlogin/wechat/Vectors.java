package io.wxlogin.wechat;

/**
 * Published WeChat test vectors (docs/wechat.md §1.1, §1.3, §2.6). Each value is a fact from the
 * cited source; nothing here was produced by the code under test.
 */
final class Vectors {

  private Vectors() {
  }

  /** V1, official URL verification (DOC-SUB). */
  static final class V1 {
    static final String TOKEN = "AAAAA";
    static final String TIMESTAMP = "1714036504";
    static final String NONCE = "1514711492";
    static final String SIGNATURE = "f464b24fc39322e44b38aa78f5edd27bd1441696";
  }

  /** V2, official plaintext POST (DOC-SUB). */
  static final class V2 {
    static final String TOKEN = "AAAAA";
    static final String TIMESTAMP = "1714037059";
    static final String NONCE = "486452656";
    static final String SIGNATURE = "899cf89e464efb63f54ddac96b0a0a235f53aa78";
  }

  /** V3, official safe-mode request (DOC-SUB); EncodingAESKey 43 x 'A' is 32 zero bytes. */
  static final class V3 {
    static final String TOKEN = "AAAAA";
    static final String AES_KEY = "A".repeat(43);
    static final String APP_ID = "wxba5fad812f8e6fb9";
    static final String TIMESTAMP = "1714112445";
    static final String NONCE = "415670741";
    static final String SIGNATURE = "6c5c811b55cc85e0e1b54100749188c20beb3f5d";
    static final String MSG_SIGNATURE = "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3";
    static final String ENCRYPT = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPx"
        + "LKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pe"
        + "de2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFU"
        + "PAJGj04=";
    static final String RANDOM = "a8eedb185eb2fecf";
    static final String MESSAGE = "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
        + "\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}";
  }

  /** V4, official encrypted reply (DOC-SUB): same key and appid as V3. */
  static final class V4 {
    static final String RANDOM = "707722b803182950";
    static final String MESSAGE = "{\"demo_resp\":\"good luck\"}";
    static final String ENCRYPT = "ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==";
    static final String TIMESTAMP = "1713424427";
    static final String NONCE = "415670741";
    static final String MSG_SIGNATURE = "1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1";
  }

  /** V5, Tencent's sample constants as kept in WxJava's WxCryptUtilTest. */
  static final class V5 {
    static final String TOKEN = "pamtest";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String AES_KEY_HEX = "69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051";
    static final String APP_ID = "wxb11529c136998cb6";
    static final String RANDOM = "aaaabbbbccccdddd";
    static final String TIMESTAMP = "1409304348";
    static final String NONCE = "xxxxxx";
    static final String MESSAGE = "我是中文abcd123";
    static final String ENCRYPT = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
    /** Derived in docs/wechat.md §2.6, not from any SDK. */
    static final String DERIVED_MSG_SIGNATURE = "82c962d39941aa48552f90ef55aa323dc620cc10";
    static final String MESSAGE_2 = "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName>"
        + "<FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime>"
        + "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2"
        + "Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA["
        + "testCallBackReplyVideo]]></Description></Video></xml>";
    static final String ENCRYPT_2 = "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9u"
        + "dbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3t"
        + "YPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2O"
        + "dHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+o"
        + "S7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iA"
        + "cILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DM"
        + "laFExWUZQDajPkdPrEeOwofJb";
  }

  /** V6, wechatpy tests/test_crypto.py (WeCom variant, same algorithm). */
  static final class V6 {
    static final String TOKEN = "123456";
    static final String AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
    static final String APP_ID = "wx49f0ab532d5d035a";
    static final String TIMESTAMP = "1411525903";
    static final String NONCE = "461056294";
    static final String DECRYPT_MSG_SIGNATURE = "74d92dfeb87ba7c714f89d98870ae5eb62dff26d";
    static final String DECRYPT_ENCRYPT = "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7m"
        + "CPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+B"
        + "iYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2S"
        + "jHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV"
        + "6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=";
    static final String ENCRYPT_RANDOM = "1234567890123456";
    static final String ENCRYPT_MESSAGE = "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n"
        + "<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n"
        + "<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>";
    static final String ENCRYPT_ENCRYPT = "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTz"
        + "HrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSj"
        + "PUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+m"
        + "f1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3";
    static final String ENCRYPT_MSG_SIGNATURE = "407518b7649e86ef23978113f92d27afa9296533";
    /** The reply envelope wechatpy expects, one element per line. */
    static final String ENCRYPTED_REPLY = "<xml>\n<Encrypt><![CDATA[" + ENCRYPT_ENCRYPT + "]]></Encrypt>\n"
        + "<MsgSignature><![CDATA[" + ENCRYPT_MSG_SIGNATURE + "]]></MsgSignature>\n"
        + "<TimeStamp>" + TIMESTAMP + "</TimeStamp>\n<Nonce><![CDATA[" + NONCE + "]]></Nonce>\n</xml>";
    /** test_check_signature_should_ok: a WeCom echostr signature over token, timestamp, nonce, echostr. */
    static final String ECHO_SIGNATURE = "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96";
    static final String ECHO_TIMESTAMP = "1411443780";
    static final String ECHO_NONCE = "437374425";
    static final String ECHO_STR = "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==";
  }
}
