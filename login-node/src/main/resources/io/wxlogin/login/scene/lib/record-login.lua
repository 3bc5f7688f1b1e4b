-- record_login(user key, delivery id, now ms): counts one login of a user, once per WeChat delivery; recording
-- the same delivery again changes nothing and gives the first answer. Returns 1 for a first-ever login, else 0.
local function record_login(user, delivery, now)
  if redis.call('HGET', user, USER.last_delivery) == delivery then
    return tonumber(redis.call('HGET', user, USER.last_new_user))
  end
  local isNew = redis.call('HSETNX', user, USER.first_login_at, now)
  redis.call('HSET', user, USER.last_login_at, now, USER.last_delivery, delivery, USER.last_new_user, isNew)
  redis.call('HINCRBY', user, USER.login_count, 1)
  return isNew
end
