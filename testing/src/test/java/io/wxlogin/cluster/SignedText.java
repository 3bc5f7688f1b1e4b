package io.wxlogin.cluster;

import io.wxlogin.sandbox.SandboxConfig;
import io.wxlogin.testing.Http;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;

/**
 * One text message signed as WeChat signs it, that a test can deliver more than once and to any node: what
 * WeChat's retries of one message look like (same query, same body, same MsgId).
 */
record SignedText(WxCluster cluster, String query, String body) {

  static SignedText of(WxCluster cluster, String openid, String content, long msgId) {
    SandboxConfig wechat = cluster.sandbox().config();
    String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
    // each message its own nonce, as WeChat's: one signed query is good for one body (docs/security.md)
    String nonce = String.valueOf(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    String query = "signature=" + WxSignature.sign(wechat.token(), timestamp, nonce) + "&timestamp=" + timestamp
        + "&nonce=" + nonce + "&openid=" + openid;
    return new SignedText(cluster, query,
        WxXml.textMessage(wechat.originalId(), openid, Long.parseLong(timestamp), content, msgId));
  }

  Http.Reply postTo(WxNode node) {
    return cluster.http().send("POST", node.url() + "/wechat/callback?" + query, body, "Content-Type", "text/xml");
  }
}
