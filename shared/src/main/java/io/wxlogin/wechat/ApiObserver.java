package io.wxlogin.wechat;

/**
 * Told about every WeChat API call {@link WeChatApi} makes: which API, how it ended and how long it took. The
 * outcome is WeChat's errcode ({@code 0} = success) or {@code unreachable} when no usable answer came (a
 * timeout, a refused connection, a non-200 status or a body that is not WeChat JSON).
 */
@FunctionalInterface
public interface ApiObserver {

  ApiObserver NONE = (api, outcome, nanos) -> { };

  /** {@code api} is the path after {@code /cgi-bin/}, e.g. {@code qrcode/create}; never any parameter. */
  void called(String api, String outcome, long nanos);

  /** The outcome label of a failed call. */
  static String outcome(Throwable failure) {
    if (failure instanceof WeChatException e && e.kind() != WeChatException.Kind.UNREACHABLE) {
      return String.valueOf(e.errcode());
    }
    return "unreachable";
  }
}
