package io.wxlogin.login.ops;

import io.vertx.core.Future;

/** One {@code ops} sub-command: reads (or, for {@code revoke}, changes) Redis and answers an {@link Output}. */
interface OpsCommand {

  Future<Output> run(OpsRedis redis, OpsRequest request, long now);
}
