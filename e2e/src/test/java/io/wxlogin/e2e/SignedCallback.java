package io.wxlogin.e2e;

import io.wxlogin.testing.WxCluster;
import io.wxlogin.wechat.WxSignature;
import java.util.UUID;

/**
 * A WeChat callback signed with the account's Token, written by hand: how a test sends an event the
 * sandbox would never produce (an openid WeChat would never issue). Plaintext mode, a fresh timestamp and
 * nonce, so it is not a replay.
 */
final class SignedCallback {

  private SignedCallback() {
  }

  /** A follower's SCAN of {@code scene} from {@code openid}, posted to {@code nodeUrl}; answers the reply body. */
  static String scan(WxCluster cluster, String nodeUrl, String openid, String scene) {
    long now = System.currentTimeMillis() / 1000;
    String xml = "<xml><ToUserName><![CDATA[" + cluster.sandbox().config().originalId() + "]]></ToUserName>"
        + "<FromUserName><![CDATA[" + openid + "]]></FromUserName><CreateTime>" + now + "</CreateTime>"
        + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event>"
        + "<EventKey><![CDATA[" + scene + "]]></EventKey></xml>";
    String timestamp = String.valueOf(now);
    String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String signature = WxSignature.sign(cluster.sandbox().config().token(), timestamp, nonce);
    String url = nodeUrl + "/wechat/callback?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce;
    return cluster.http().send("POST", url, xml, "Content-Type", "text/xml").body();
  }
}
