package io.wxlogin.login.callback;

import io.vertx.core.Future;
import io.wxlogin.login.confirm.LoginRequester;
import io.wxlogin.login.confirm.PhoneAnswer;
import io.wxlogin.login.confirm.ReplyTexts;
import io.wxlogin.login.scene.SceneAnswers;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.wechat.WxMessage;
import java.util.Locale;

/**
 * A text message {@code 1} or {@code 0} from a user: it answers that user's latest login scan
 * ({@link SceneAnswers}), and this says what came of it. From a user with no login waiting (another openid, a
 * late answer) it changes nothing and gets a plain answer.
 */
final class AnswerLogin {

  /** The store did not answer in time: nothing is promised, the user answers again. */
  static final UserReply RETRY = new UserReply("retry", "登录服务暂时繁忙，请稍后再回复。");

  private final SceneAnswers answers;
  private final int revokeWindowSeconds;
  private final LoginMetrics metrics;

  AnswerLogin(SceneAnswers answers, int revokeWindowSeconds, LoginMetrics metrics) {
    this.answers = answers;
    this.revokeWindowSeconds = revokeWindowSeconds;
    this.metrics = metrics;
  }

  Future<UserReply> handle(WxMessage msg, PhoneAnswer answer) {
    return answers.answer(msg.fromUserName(), msg.deliveryId(), answer)
        .onSuccess(a -> metrics.answer(a.outcome().name().toLowerCase(Locale.ROOT)))
        .map(a -> reply(a, answer, revokeWindowSeconds));
  }

  private static UserReply reply(SceneAnswers.Answered a, PhoneAnswer answer, int windowSeconds) {
    LoginRequester r = a.requester();
    String header = a.outcome().name().toLowerCase(Locale.ROOT);
    return new UserReply(header, switch (a.outcome()) {
      case CONFIRMED -> ReplyTexts.confirmed(r, a.newUser());
      case REFUSED -> ReplyTexts.refused(r);
      case REVOKED -> ReplyTexts.revoked(r);
      case ALREADY_CONFIRMED -> ReplyTexts.alreadyConfirmed();
      case ALREADY_ENDED -> ReplyTexts.alreadyEnded();
      case EXPIRED -> ScanReply.EXPIRED.reply().text();
      case NOTHING -> answer == PhoneAnswer.YES ? ReplyTexts.nothingToConfirm()
          : ReplyTexts.nothingToRefuse(windowSeconds);
    });
  }
}
