-- KEYS[1] a hash; answers its status field, or 'PENDING'
return redis.call('HGET', KEYS[1], SCENE.status) or STATUS.PENDING
